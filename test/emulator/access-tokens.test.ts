import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { google } from 'googleapis';
import { SCOPES, googleError } from './support/google-clients.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.control('POST', '/clock', { set: Date.now(), freeze: false });
  await emu.control('DELETE', '/requests');
});

interface RequestLogView {
  total: number;
  perMethod: Record<string, number>;
  perSubject: Record<string, Record<string, number>>;
  tokenRequests: Record<string, number>;
  recent: Array<{ method: string; subject: string | null; status: number }>;
}

describe('access tokens on the APIs', () => {
  it('reuses one token per subject across many calls (request log)', async () => {
    const ana = emu.calendar('ana@acme.test');
    const ben = emu.calendar('ben@acme.test');
    for (let i = 0; i < 5; i++) await ana.events.list({ calendarId: 'primary' });
    for (let i = 0; i < 3; i++) await ben.calendarList.get({ calendarId: 'primary' });
    const { body } = await emu.control<RequestLogView>('GET', '/requests');
    expect(body.tokenRequests).toEqual({ 'ana@acme.test': 1, 'ben@acme.test': 1 });
    expect(body.perMethod).toEqual({ 'calendar.events.list': 5, 'calendar.calendarList.get': 3 });
    expect(body.perSubject['ana@acme.test']).toEqual({ 'calendar.events.list': 5 });
    expect(body.total).toBe(8);
    expect(body.recent).toHaveLength(8);
    expect(body.recent[0]).toMatchObject({ method: 'calendar.events.list', subject: 'ana@acme.test', status: 200 });
  });

  it('answers 401 authError once the token has expired on the emulator clock', async () => {
    const ana = emu.calendar('ana@acme.test');
    await ana.events.list({ calendarId: 'primary' });
    await emu.control('POST', '/clock', { advanceMs: 3600_000 });
    const error = await googleError(ana.events.list({ calendarId: 'primary' }));
    expect(error.status).toBe(401);
    expect(error.reasons).toEqual(['authError']);
    expect(error.data).toEqual({
      error: {
        errors: [
          { domain: 'global', reason: 'authError', message: 'Invalid Credentials', locationType: 'header', location: 'Authorization' },
        ],
        code: 401,
        message:
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        status: 'UNAUTHENTICATED',
      },
    });
    // A new client gets a new token and works again.
    await expect(emu.calendar('ana@acme.test').events.list({ calendarId: 'primary' })).resolves.toHaveProperty('status', 200);
  });

  it('ends the tokens of a user who gets suspended', async () => {
    const fay = emu.calendar('fay@acme.test');
    await fay.events.list({ calendarId: 'primary' });
    await emu.control('POST', '/users/fay@acme.test/suspend');
    expect((await googleError(fay.events.list({ calendarId: 'primary' }))).status).toBe(401);
    await emu.control('POST', '/users/fay@acme.test/unsuspend');
  });

  it('answers 401 required without any credentials', async () => {
    const anonymous = google.calendar({ version: 'v3', rootUrl: `${emu.url}/`, retry: false });
    const error = await googleError(anonymous.events.list({ calendarId: 'primary' }));
    expect(error.status).toBe(401);
    expect(error.reasons).toEqual(['required']);
    expect(error.message).toMatch(/^Request is missing required authentication credential/);
  });

  it('answers 403 insufficientPermissions when the token lacks every accepted scope', async () => {
    const eventsOnly = emu.calendar('ana@acme.test', [SCOPES.calendarEvents]);
    await expect(eventsOnly.events.list({ calendarId: 'primary' })).resolves.toHaveProperty('status', 200);
    const error = await googleError(
      eventsOnly.freebusy.query({
        // Refused on its scopes before the window is read: any window will do.
        requestBody: { timeMin: '2027-01-04T09:00:00Z', timeMax: '2027-01-04T10:00:00Z', items: [] },
      }),
    );
    expect(error.status).toBe(403);
    expect(error.message).toBe('Request had insufficient authentication scopes.');
    expect(error.data).toMatchObject({
      error: {
        errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
        status: 'PERMISSION_DENIED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }],
      },
    });
  });
});

describe('the emulator clock', () => {
  it('freezes, advances and is set through the controls', async () => {
    const frozen = await emu.control<{ nowMs: number; frozen: boolean }>('POST', '/clock', { set: '2030-01-01T00:00:00Z', freeze: true });
    expect(frozen.body).toMatchObject({ nowMs: Date.parse('2030-01-01T00:00:00Z'), frozen: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await emu.control<{ nowMs: number }>('GET', '/clock')).body.nowMs).toBe(Date.parse('2030-01-01T00:00:00Z'));
    const advanced = await emu.control<{ now: string }>('POST', '/clock', { advanceMs: 90_000 });
    expect(advanced.body.now).toBe('2030-01-01T00:01:30.000Z');
    const thawed = await emu.control<{ frozen: boolean }>('POST', '/clock', { freeze: false });
    expect(thawed.body.frozen).toBe(false);
    expect((await emu.control('POST', '/clock', { advanceMs: 'soon' })).status).toBe(400);
  });
});
