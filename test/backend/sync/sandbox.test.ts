import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { startBackendProcess, type BackendProcess } from '../../support/backend-process.js';
import { SANDBOX_ADDON_CLIENT_ID } from '../../../backend/config.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'together-sync-sandbox-'));
let backend: BackendProcess | undefined;
afterAll(() => {
  backend?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function within<T>(ms: number, probe: () => Promise<T | undefined>): Promise<{ value: T; tookMs: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, tookMs: Date.now() - started };
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('in sandbox mode, moving, then declining, a booked event as the user in the emulator shows in the user API within seconds', async () => {
  backend = startBackendProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  const port = await backend.listening;
  const api = `http://127.0.0.1:${port}`;
  const emulator = /"emulator":"(http:[^"]+)"/.exec(backend.stdout())![1]!;
  const organizationId = /"organizationId":"([0-9a-f-]{36})"/.exec(backend.stdout())![1]!;
  const adminToken = readFileSync(path.join(dataDir, 'sandbox-admin-token'), 'utf8').trim();
  const idToken = async (email: string) =>
    (
      (
        await json(`${emulator}/emulator/v1/idTokens`, {
          method: 'POST',
          body: JSON.stringify({ email, audience: SANDBOX_ADDON_CLIENT_ID }),
        })
      ).body as { idToken: string }
    ).idToken;
  const ana = 'ana.garcia@acme.test';
  const asAna = { authorization: `Bearer ${await idToken(ana)}` };

  const me = await json(`${api}/addon/v1/me`, { headers: asAna });
  const matching = (me.body.matchings as Array<{ id: string; match: { email: string } }>)[0]!;
  const slots = await json(`${api}/addon/v1/matchings/${matching.id}/slots?duration=30`, { headers: asAna });
  const offered = slots.body.slots as Array<{ start: string }>;
  const booked = await json(`${api}/addon/v1/matchings/${matching.id}/sessions`, {
    method: 'POST',
    headers: asAna,
    body: JSON.stringify({ start: offered[0]!.start, durationMinutes: 30 }),
  });
  expect(booked.status).toBe(201);
  const session = booked.body.session as { id: string; calendar: { eventId: string } };

  // Both calendars get a channel right after the booking.
  await within(10_000, async () => {
    const status = await json(`${api}/admin/v1/organizations/${organizationId}/sync/calendars`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const calendars = status.body.calendars as Array<{ email: string; channel: { status: string } | null; lastSyncedAt: string | null }>;
    const watched = calendars.filter(
      (c) => [ana, matching.match.email].includes(c.email) && c.channel?.status === 'ACTIVE' && c.lastSyncedAt,
    );
    return watched.length === 2 ? true : undefined;
  });

  const target = offered.at(-1)!.start;
  const end = new Date(new Date(target).getTime() + 30 * 60_000).toISOString();
  const moved = await json(`${emulator}/emulator/v1/users/${ana}/events/${session.calendar.eventId}/move`, {
    method: 'POST',
    body: JSON.stringify({ start: { dateTime: target }, end: { dateTime: end } }),
  });
  expect(moved.status).toBe(200);
  const followed = await within(5_000, async () => {
    const view = await json(`${api}/addon/v1/sessions/${session.id}`, { headers: asAna });
    const shown = view.body.session as { start: string };
    return new Date(shown.start).getTime() === new Date(target).getTime() ? shown : undefined;
  });
  expect(followed.tookMs).toBeLessThan(5_000);

  await json(`${emulator}/emulator/v1/users/${matching.match.email}/events/${session.calendar.eventId}/respond`, {
    method: 'POST',
    body: JSON.stringify({ responseStatus: 'declined' }),
  });
  const declined = await within(5_000, async () => {
    const view = await json(`${api}/addon/v1/sessions/${session.id}`, { headers: asAna });
    const shown = view.body.session as { status: string; attention: { code: string } | null };
    return shown.status === 'DECLINED' ? shown : undefined;
  });
  expect(declined.value.attention).toMatchObject({ code: 'declined' });
  backend.child.kill('SIGTERM');
  expect(await backend.exited).toBe(0);
}, 60_000);
