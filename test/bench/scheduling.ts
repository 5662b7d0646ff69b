/**
 * Scheduling benchmark (`npm run bench:scheduling`), the user API over real HTTP against the emulator:
 *  1. Google calls per operation, from the emulator's request log: availability for a pair = 1 freebusy
 *     (2 when the domain hides free/busy), booking = 1 insert (+ events.get only while Meet is pending),
 *     reschedule = 1 patch, cancel = 1 delete; token requests ≤ 1 per user over the run (< 1 h).
 *  2. With 100 ms emulator latency: booking wall time vs its unavoidable round trips (freebusy + insert),
 *     availability vs one freebusy round trip (targets ≤ 1.15×).
 *  3. With 0 ms latency: availability throughput and p99 from a child-process load generator (targets ≥ 300/s, p99 < 50 ms).
 * Last line: JSON figures.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { GoogleEndpoints } from '../../backend/google/endpoints.js';
import { IdTokenVerifier } from '../../backend/google/id-tokens.js';
import { createTestApp } from '../support/app.js';
import { AUDIENCE, control, DOMAIN, idToken, startWorld } from '../backend/scheduling/support.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;

const world = await startWorld();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const verifier = new IdTokenVerifier(new GoogleEndpoints(world.emulator.url), [AUDIENCE]);
// Production settings: RSVPs cached for 5 minutes, no test hooks.
const { app } = createTestApp(world.db, { clock: world.deps.clock, userApi: { calendar: world.deps.calendar, verifier } });
const server = app.listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/addon/v1`;
const tokens = { ana: await idToken(world, ANA), ben: await idToken(world, BEN) };

async function call(
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: object,
): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body: json, ms: performance.now() - started };
}
const perMethod = () => world.emulator.state.requestLog.snapshot().perMethod;
// Token requests per user over the whole run (the log's counters restart with every reset).
const tokenRequests: Record<string, number> = {};
const resetLog = () => {
  for (const [subject, count] of Object.entries(world.emulator.state.requestLog.snapshot().tokenRequests))
    tokenRequests[subject] = (tokenRequests[subject] ?? 0) + count;
  world.emulator.state.requestLog.reset();
};
const slotsPath = (day: string) => `/matchings/${world.matchingId}/slots?duration=30&from=${day}T00:00:00Z&to=${day}T23:59:00Z`;

try {
  await control(world, 'PATCH', '/settings', { conferenceDelayMs: 0 });
  // Warm up: tokens for both users, certificates, database plans.
  for (let i = 0; i < 3; i++) await call('GET', slotsPath('2027-03-08'), tokens.ana);
  await call('GET', slotsPath('2027-03-08'), tokens.ben);

  // 1. Calls per operation.
  resetLog();
  await call('GET', slotsPath('2027-03-09'), tokens.ana);
  const availabilityCalls = perMethod()['calendar.freebusy.query'] ?? 0;
  await control(world, 'PATCH', `/domains/${DOMAIN}`, { freeBusyVisibleInDomain: false });
  resetLog();
  await call('GET', slotsPath('2027-03-09'), tokens.ana);
  const hiddenAvailabilityCalls = perMethod()['calendar.freebusy.query'] ?? 0;
  await control(world, 'PATCH', `/domains/${DOMAIN}`, { freeBusyVisibleInDomain: true });

  // 2. Wall times with 100 ms latency on every Google call.
  await control(world, 'PUT', '/faults', { latency: { kind: 'fixed', ms: 100 } });
  // The bench's organization has verified acme.test (the world's domain).
  const asAna = { subject: ANA, verifiedDomains: [DOMAIN] };
  const freebusyRoundTrips: number[] = [];
  const insertRoundTrips: number[] = [];
  for (let i = 0; i < 5; i++) {
    let started = performance.now();
    await world.deps.calendar.freeBusy(asAna, {
      timeMin: new Date('2027-03-09T00:00:00Z'),
      timeMax: new Date('2027-03-10T00:00:00Z'),
      calendars: [ANA, BEN],
    });
    freebusyRoundTrips.push(performance.now() - started);
    started = performance.now();
    const id = `benchprobe${i}${Date.now().toString(32)}`;
    await world.deps.calendar.insertEvent(asAna, {
      id,
      summary: 'probe',
      description: '',
      start: new Date(`2027-05-0${i + 3}T10:00:00Z`),
      end: new Date(`2027-05-0${i + 3}T10:30:00Z`),
      timeZone: 'UTC',
      attendees: [],
      privateProperties: {},
    });
    insertRoundTrips.push(performance.now() - started);
  }
  const availabilityMs: number[] = [];
  for (let i = 0; i < 7; i++) availabilityMs.push((await call('GET', slotsPath('2027-03-10'), tokens.ana)).ms);

  resetLog();
  const bookingMs: number[] = [];
  const booked: Array<{ id: string; version: number }> = [];
  for (let day = 8; day <= 12; day++) {
    const response = await call('POST', `/matchings/${world.matchingId}/sessions`, tokens.ana, {
      start: `2027-03-${String(day).padStart(2, '0')}T16:00:00Z`,
      durationMinutes: 30,
    });
    if (response.status !== 201) throw new Error(`booking failed: ${JSON.stringify(response.body)}`);
    bookingMs.push(response.ms);
    booked.push(response.body.session as { id: string; version: number });
  }
  const bookingCalls = perMethod();
  resetLog();
  const rescheduleMs: number[] = [];
  for (const [i, session] of booked.entries()) {
    const response = await call('POST', `/sessions/${session.id}/reschedule`, tokens.ana, {
      version: session.version,
      start: `2027-03-${String(8 + i).padStart(2, '0')}T17:00:00Z`,
    });
    if (response.status !== 200) throw new Error(`reschedule failed: ${JSON.stringify(response.body)}`);
    rescheduleMs.push(response.ms);
    booked[i] = response.body.session as { id: string; version: number };
  }
  const rescheduleCalls = perMethod();
  resetLog();
  const cancelMs: number[] = [];
  for (const session of booked) {
    const response = await call('POST', `/sessions/${session.id}/cancel`, tokens.ana, { version: session.version });
    if (response.status !== 200) throw new Error(`cancel failed: ${JSON.stringify(response.body)}`);
    cancelMs.push(response.ms);
  }
  const cancelCalls = perMethod();
  await control(world, 'DELETE', '/faults');

  // 3. Throughput at 0 ms latency, from a child process.
  const load = await runLoad({
    url: base.replace(/\/addon\/v1$/, ''),
    targets: [
      { path: `/addon/v1${slotsPath('2027-03-15')}`, token: tokens.ana },
      { path: `/addon/v1${slotsPath('2027-03-16')}`, token: tokens.ben },
    ],
    warmupMs: 1000,
    durationMs: 5000,
    concurrency: 8,
  });

  resetLog();
  const fb = median(freebusyRoundTrips);
  const ins = median(insertRoundTrips);
  const figures = {
    availabilityFreebusyCalls: availabilityCalls,
    hiddenAvailabilityFreebusyCalls: hiddenAvailabilityCalls,
    bookingInsertsPerBooking: (bookingCalls['calendar.events.insert'] ?? 0) / booked.length,
    bookingGetsPerBooking: (bookingCalls['calendar.events.get'] ?? 0) / booked.length,
    reschedulePatchesPerReschedule: (rescheduleCalls['calendar.events.patch'] ?? 0) / booked.length,
    cancelDeletesPerCancel: (cancelCalls['calendar.events.delete'] ?? 0) / booked.length,
    maxTokenRequestsPerUser: Math.max(0, ...Object.values(tokenRequests)),
    freebusyRoundTripMs: round(fb),
    insertRoundTripMs: round(ins),
    availabilityMs: round(median(availabilityMs)),
    availabilityRatio: round(median(availabilityMs) / fb),
    bookingMs: round(median(bookingMs)),
    bookingRatio: round(median(bookingMs) / (fb + ins)),
    rescheduleMs: round(median(rescheduleMs)),
    cancelMs: round(median(cancelMs)),
    availabilityPerSecond: round(load.perSecond ?? 0),
    availabilityP50Ms: round(load.p50Ms ?? 0),
    availabilityP99Ms: round(load.p99Ms ?? 0),
    loadErrors: load.errors ?? 0,
  };
  console.log(
    [
      `availability: ${figures.availabilityFreebusyCalls} freebusy call (${figures.hiddenAvailabilityFreebusyCalls} when hidden); booking: ${figures.bookingInsertsPerBooking} insert + ${figures.bookingGetsPerBooking} get; reschedule: ${figures.reschedulePatchesPerReschedule} patch; cancel: ${figures.cancelDeletesPerCancel} delete; ≤ ${figures.maxTokenRequestsPerUser} token request per user`,
      `100 ms latency: availability ${figures.availabilityMs} ms = ${figures.availabilityRatio}× one freebusy (${figures.freebusyRoundTripMs} ms); booking ${figures.bookingMs} ms = ${figures.bookingRatio}× freebusy + insert (${figures.insertRoundTripMs} ms); reschedule ${figures.rescheduleMs} ms; cancel ${figures.cancelMs} ms`,
      `0 ms latency: ${figures.availabilityPerSecond} availability requests/s, p50 ${figures.availabilityP50Ms} ms, p99 ${figures.availabilityP99Ms} ms, ${figures.loadErrors} errors`,
    ].join('\n'),
  );
  console.log(JSON.stringify(figures));
} finally {
  server.close();
  await world.close();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

async function runLoad(plan: Record<string, unknown>): Promise<Record<string, number>> {
  const child = spawn(process.execPath, ['--import', 'tsx', here('./support/http-load.ts'), JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited ${code}`)))),
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}
