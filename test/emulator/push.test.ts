import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import type { calendar_v3 } from 'googleapis';
import { googleError } from './support/google-clients.js';
import { hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';
import { startPushReceiver, type PushReceiver } from './support/push-receiver.js';

let emu: TestEmulator;
let ana: calendar_v3.Calendar;
let receiver: PushReceiver;
let channelCount = 0;
beforeAll(async () => {
  emu = await startTestEmulator();
  ana = emu.calendar('ana@acme.test');
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  receiver = await startPushReceiver();
});
afterEach(async () => {
  await receiver.close();
});

const watch = (calendar: calendar_v3.Calendar, extra: Partial<calendar_v3.Schema$Channel> = {}) =>
  calendar.events.watch({
    calendarId: 'primary',
    requestBody: { id: `channel-${++channelCount}`, type: 'web_hook', address: receiver.url, token: 'secret-token', ...extra },
  });
const insert = (calendar: calendar_v3.Calendar, hours: number, extra: calendar_v3.Schema$Event = {}) =>
  calendar.events.insert({
    calendarId: 'primary',
    requestBody: { start: { dateTime: hoursFromNow(hours) }, end: { dateTime: hoursFromNow(hours + 1) }, ...extra },
  });
const header = (n: { headers: Record<string, unknown> }, name: string) => n.headers[name];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('calendar.events.watch and push notifications', () => {
  it("answers with the channel and sends sync, then exists on every change, with Google's headers", async () => {
    const { data: channel } = await watch(ana);
    expect(channel).toMatchObject({
      kind: 'api#channel',
      id: `channel-${channelCount}`,
      resourceId: expect.any(String),
      resourceUri: 'https://www.googleapis.com/calendar/v3/calendars/ana%40acme.test/events?alt=json',
      token: 'secret-token',
    });
    expect(Number(channel.expiration)).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    await receiver.waitFor(1);
    const { data: event } = await insert(ana, 3);
    await ana.events.patch({ calendarId: 'primary', eventId: event.id!, requestBody: { summary: 'changed' } });
    const [sync, first, second] = await receiver.waitFor(3);
    expect(sync!.body).toBe('');
    expect(sync!.headers).toMatchObject({
      'x-goog-channel-id': channel.id,
      'x-goog-message-number': '1',
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-state': 'sync',
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-channel-token': 'secret-token',
      'x-goog-channel-expiration': new Date(Number(channel.expiration)).toUTCString(),
    });
    expect([header(first!, 'x-goog-resource-state'), header(second!, 'x-goog-resource-state')]).toEqual(['exists', 'exists']);
    expect(Number(header(second!, 'x-goog-message-number'))).toBeGreaterThan(Number(header(first!, 'x-goog-message-number')));
    expect(Number(header(first!, 'x-goog-message-number'))).toBeGreaterThan(1);
    await ana.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
  });

  it('notifies an attendee\'s channel of the organizer\'s changes and of "act as user" controls', async () => {
    const ben = emu.calendar('ben@acme.test');
    const { data: channel } = await watch(ben);
    await receiver.waitFor(1);
    const { data: event } = await insert(ana, 5, { attendees: [{ email: 'ben@acme.test' }] });
    await receiver.waitFor(2);
    await emu.control('POST', `/users/ben@acme.test/events/${event.id}/respond`, { responseStatus: 'accepted' });
    await emu.control('POST', '/users/ben@acme.test/events', { start: { dateTime: hoursFromNow(7) }, end: { dateTime: hoursFromNow(8) } });
    const all = await receiver.waitFor(4);
    expect(all.map((n) => header(n, 'x-goog-resource-state'))).toEqual(['sync', 'exists', 'exists', 'exists']);
    await ben.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
  });

  it('delivers nothing after channels.stop (204), and 404s an unknown channel', async () => {
    const { data: channel } = await watch(ana);
    await receiver.waitFor(1);
    const stopped = await ana.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
    expect(stopped.status).toBe(204);
    await insert(ana, 9);
    await sleep(100);
    expect(receiver.received).toHaveLength(1);
    const again = await googleError(ana.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }));
    expect(again).toMatchObject({ status: 404, reasons: ['notFound'] });
  });

  it('honours the requested expiration, caps it at 7 days, and stops delivering once expired', async () => {
    await emu.control('POST', '/clock', { freeze: true });
    try {
      const now = (await emu.control<{ nowMs: number }>('GET', '/clock')).body.nowMs;
      const { data: far } = await watch(ana, { expiration: String(now + 30 * 24 * 3600_000) });
      expect(Number(far.expiration)).toBe(now + 7 * 24 * 3600_000);
      await ana.channels.stop({ requestBody: { id: far.id, resourceId: far.resourceId } });
      await receiver.waitFor(1);

      const { data: soon } = await watch(ana, { expiration: String(now + 60_000) });
      expect(soon.expiration).toBe(String(now + 60_000));
      await receiver.waitFor(2);
      await insert(ana, 11);
      await receiver.waitFor(3);
      await emu.control('POST', '/clock', { advanceMs: 61_000 });
      await insert(ana, 12);
      await sleep(100);
      expect(receiver.received).toHaveLength(3);
    } finally {
      await emu.control('POST', '/clock', { freeze: false });
    }
  });

  it("retries a receiver's 5xx with backoff and counts 2xx as delivered", async () => {
    receiver.respondWith((n) => (n === 2 || n === 3 ? 503 : 200));
    const { data: channel } = await watch(ana);
    await receiver.waitFor(1);
    await insert(ana, 13);
    const all = await receiver.waitFor(4);
    expect(all.map((n) => n.status)).toEqual([200, 503, 503, 200]);
    expect(new Set(all.slice(1).map((n) => header(n, 'x-goog-message-number'))).size).toBe(1);
    const { body } = await emu.control<{ channels: Array<{ id: string; stats: { delivered: number; failedAttempts: number } }> }>(
      'GET',
      '/channels',
    );
    expect(body.channels.find((c) => c.id === channel.id)?.stats).toMatchObject({ delivered: 2, failedAttempts: 2 });
    await ana.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
  });

  it('gives up after the bounded number of attempts', async () => {
    await emu.control('PATCH', '/settings', { pushMaxAttempts: 3 });
    receiver.respondWith(500);
    const { data: channel } = await watch(ana);
    await receiver.waitFor(3);
    await sleep(200);
    expect(receiver.received).toHaveLength(3);
    await ana.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
    await emu.control('PATCH', '/settings', { pushMaxAttempts: 5 });
  });

  it('never blocks the API on a receiver that does not answer', async () => {
    const sockets: Array<import('node:net').Socket> = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    try {
      const { data: channel } = await watch(ana, { address: `http://127.0.0.1:${port}/hook` });
      const started = Date.now();
      for (let i = 0; i < 5; i++) await insert(ana, 20 + i);
      expect(Date.now() - started).toBeLessThan(1000);
      await ana.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('rejects non-HTTPS addresses, duplicate ids and bad types with 400', async () => {
    const insecure = await googleError(watch(ana, { address: 'http://example.com/hook' }));
    expect(insecure).toMatchObject({ status: 400, reasons: ['push.webhookUrlNotHttps'] });
    const { data: channel } = await watch(ana, { id: 'taken-id' });
    expect((await googleError(watch(ana, { id: 'taken-id' }))).status).toBe(400);
    expect((await googleError(watch(ana, { type: 'carrier-pigeon' }))).status).toBe(400);
    await ana.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
  });
});
