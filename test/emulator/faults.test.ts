import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { calendarFor, googleError } from './support/google-clients.js';
import { hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await emu.control('DELETE', '/faults');
  await emu.control('POST', '/clock', { freeze: false });
});

const setFaults = async (config: unknown) => expect((await emu.control('PUT', '/faults', config)).status).toBe(204);
const timed = async (call: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await call();
  return performance.now() - started;
};
const requestCount = async (method: string): Promise<number> =>
  (await emu.control<{ perMethod: Record<string, number> }>('GET', '/requests')).body.perMethod[method] ?? 0;

describe('latency', () => {
  it('adds a fixed or uniform delay to API calls', async () => {
    const ana = emu.calendar('ana@acme.test');
    await ana.events.list({ calendarId: 'primary' }); // token fetched outside the measurement
    await setFaults({ latency: { kind: 'fixed', ms: 150 } });
    expect(await timed(() => ana.events.list({ calendarId: 'primary' }))).toBeGreaterThanOrEqual(145);
    await setFaults({ latency: { kind: 'uniform', minMs: 30, maxMs: 60 } });
    for (let i = 0; i < 3; i++) {
      const ms = await timed(() => ana.events.list({ calendarId: 'primary' }));
      expect(ms).toBeGreaterThanOrEqual(28);
      // Only lower bounds hold on a loaded machine; this one catches a delay read as seconds (30–60 s).
      expect(ms).toBeLessThan(5_000);
    }
  });
});

describe('error rates', () => {
  it("answers the configured status with Google's body", async () => {
    await setFaults({ errors: [{ method: 'calendar.events.list', status: 503, rate: 1 }] });
    const error = await googleError(emu.calendar('ana@acme.test').events.list({ calendarId: 'primary' }));
    expect(error.data).toEqual({
      error: {
        errors: [{ domain: 'global', reason: 'backendError', message: 'The service is currently unavailable.' }],
        code: 503,
        message: 'The service is currently unavailable.',
      },
    });
    await setFaults({ errors: [{ method: 'calendar.*', status: 500, rate: 1 }] });
    const backend = await googleError(emu.calendar('ana@acme.test').settings.get({ setting: 'timezone' }));
    expect(backend).toMatchObject({ status: 500, reasons: ['backendError'], message: 'Backend Error' });
  });

  it('is retried by googleapis on GET (3 retries) but not on POST', async () => {
    const ana = calendarFor(emu.url, emu.jwt('ana@acme.test'), true);
    await ana.events.list({ calendarId: 'primary' });
    await emu.control('DELETE', '/requests');
    await setFaults({
      errors: [
        { method: 'calendar.events.get', status: 503, rate: 1 },
        { method: 'calendar.events.insert', status: 500, rate: 1 },
      ],
    });
    expect((await googleError(ana.events.get({ calendarId: 'primary', eventId: 'whatever1' }))).status).toBe(503);
    expect(await requestCount('calendar.events.get')).toBe(4);
    const insert = ana.events.insert({
      calendarId: 'primary',
      requestBody: { start: { dateTime: hoursFromNow(1) }, end: { dateTime: hoursFromNow(2) } },
    });
    expect((await googleError(insert)).status).toBe(500);
    expect(await requestCount('calendar.events.insert')).toBe(1);
  }, 15_000);

  it('draws errors at the configured rate', async () => {
    const ana = emu.calendar('ana@acme.test');
    await setFaults({ errors: [{ method: 'calendar.calendarList.get', status: 500, rate: 0.5 }] });
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => ana.calendarList.get({ calendarId: 'primary' })));
    const failed = results.filter((r) => r.status === 'rejected').length;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
  });

  it('afterCalls: the first N matching calls pass, then the error is drawn (Google failing mid-flow)', async () => {
    const ana = emu.calendar('ana@acme.test');
    await setFaults({ errors: [{ method: 'calendar.calendarList.get', status: 503, rate: 1, afterCalls: 2 }] });
    await ana.calendarList.get({ calendarId: 'primary' });
    await ana.calendarList.get({ calendarId: 'primary' });
    expect((await googleError(ana.calendarList.get({ calendarId: 'primary' }))).status).toBe(503);
    // Setting the faults again starts the count afresh.
    await setFaults({ errors: [{ method: 'calendar.calendarList.get', status: 503, rate: 1, afterCalls: 1 }] });
    await ana.calendarList.get({ calendarId: 'primary' });
    expect((await googleError(ana.calendarList.get({ calendarId: 'primary' }))).status).toBe(503);
  });

  it('rejects malformed fault configurations', async () => {
    expect((await emu.control('PUT', '/faults', { errors: [{ method: 'x', status: 200, rate: 1 }] })).status).toBe(400);
    expect((await emu.control('PUT', '/faults', { errors: [{ method: 'x', status: 503, rate: 1, afterCalls: -1 }] })).status).toBe(400);
    expect((await emu.control('PUT', '/faults', { latency: { kind: 'normal' } })).status).toBe(400);
    expect((await emu.control('PUT', '/faults', { quotas: { status: 418 } })).status).toBe(400);
  });
});

describe('quotas', () => {
  it('answers 403 userRateLimitExceeded past the per-user limit, with Retry-After, until the minute has passed', async () => {
    await emu.control('POST', '/clock', { freeze: true });
    const cara = emu.calendar('cara@acme.test');
    const fay = emu.calendar('fay@acme.test');
    await setFaults({ quotas: { perUserPerMinute: 3, retryAfterSeconds: 7 } });
    for (let i = 0; i < 3; i++) await cara.events.list({ calendarId: 'primary' });
    const error = await googleError(cara.events.list({ calendarId: 'primary' }));
    expect(error.data).toEqual({
      error: {
        errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }],
        code: 403,
        message: 'User Rate Limit Exceeded',
      },
    });
    expect(error.headers['retry-after']).toBe('7');
    await expect(fay.events.list({ calendarId: 'primary' })).resolves.toHaveProperty('status', 200);
    await emu.control('POST', '/clock', { advanceMs: 61_000 });
    await expect(cara.events.list({ calendarId: 'primary' })).resolves.toHaveProperty('status', 200);
  });

  it('answers 403 rateLimitExceeded past the per-project limit, or 429 when configured', async () => {
    await emu.control('POST', '/clock', { freeze: true });
    const users = ['ana@acme.test', 'ben@acme.test', 'cara@acme.test'].map((u) => emu.calendar(u));
    for (const calendar of users) await calendar.events.list({ calendarId: 'primary' }); // tokens first
    await setFaults({ quotas: { perProjectPerMinute: 4 } });
    for (let i = 0; i < 4; i++) await users[i % 3]!.events.list({ calendarId: 'primary' });
    const project = await googleError(users[2]!.events.list({ calendarId: 'primary' }));
    expect(project).toMatchObject({ status: 403, reasons: ['rateLimitExceeded'], message: 'Rate Limit Exceeded' });
    expect((project.data as { error: { errors: Array<{ domain: string }> } }).error.errors[0]?.domain).toBe('usageLimits');

    await setFaults({ quotas: { perUserPerMinute: 1, status: 429 } });
    await users[0]!.events.list({ calendarId: 'primary' });
    const tooMany = await googleError(users[0]!.events.list({ calendarId: 'primary' }));
    expect(tooMany.data).toEqual({
      error: {
        errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }],
        code: 429,
        message: 'Rate Limit Exceeded',
      },
    });
  });
});
