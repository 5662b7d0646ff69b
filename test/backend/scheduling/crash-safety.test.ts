import { beforeEach, describe, expect, it } from '@jest/globals';
import { reconcileSessions } from '../../../backend/domain/scheduling/reconcile-sessions.js';
import { eventIdFor } from '../../../backend/domain/scheduling/session-event.js';
import { reconcileSessionsJob } from '../../../backend/jobs/reconcile-sessions-job.js';
import { expectStatus } from '../../support/app.js';
import { as, control, DOMAIN, eventOf, eventsOf } from './support.js';
import { useWorld } from './use-world.js';

const world = useWorld();
const ANA = `ana@${DOMAIN}`;
beforeEach(async () => {
  await control(world(), 'DELETE', '/faults');
});

const later = (minutes: number) => world().clock.advance(minutes * 60_000);
const sessionRow = (id: string) => world().db.prisma.mentoringSession.findUniqueOrThrow({ where: { id } });
const togetherEvents = async () => (await eventsOf(world(), ANA)).filter((e) => String(e.id).startsWith('tg'));
const book = async (start: Date) =>
  (await as(world(), ANA)).post(`/matchings/${world().matchingId}/sessions`, { start: start.toISOString(), durationMinutes: 30 });
const onlyPending = async () => world().db.prisma.mentoringSession.findFirstOrThrow({ where: { operation: { not: 'NONE' } } });

describe('crash safety of the booking saga', () => {
  it('a crash before the insert: the reconciler inserts the event once and confirms', async () => {
    const before = (await togetherEvents()).length;
    world().crash.at = 'booking.pending';
    expectStatus(await book(world().days.next().at('16:00')), 500);
    const pending = await onlyPending();
    expect(pending).toMatchObject({ status: 'PENDING', operation: 'BOOKING' });
    expect((await togetherEvents()).length).toBe(before);

    // Too fresh for the reconciler: the request might still be running.
    expect((await reconcileSessions(world().deps)).examined).toBe(0);
    later(5);
    // Through the job as the queue runs it, twice: the second pass finds nothing to do.
    const job = reconcileSessionsJob(world().deps);
    expect(job).toMatchObject({ name: 'scheduling.reconcile-sessions', schedule: '* * * * *', policy: 'stately' });
    await job.handle(job.payload.parse({}), { id: 'job-1' });
    await job.handle({}, { id: 'job-2' });
    expect(await sessionRow(pending.id)).toMatchObject({ status: 'CONFIRMED', operation: 'NONE', conferenceStatus: 'SUCCESS' });
    expect((await togetherEvents()).length).toBe(before + 1);
    expect((await eventOf(world(), ANA, eventIdFor(pending.id))).extendedProperties?.private).toEqual({ togetherSessionId: pending.id });
  });

  it('a crash after the insert: the reconciler adopts the event instead of creating a second one', async () => {
    const before = (await togetherEvents()).length;
    world().crash.at = 'booking.inserted';
    expectStatus(await book(world().days.next().at('16:00')), 500);
    const pending = await onlyPending();
    expect((await togetherEvents()).length).toBe(before + 1);
    later(5);
    await world().google.resetRequests();
    await reconcileSessions(world().deps);
    expect(await sessionRow(pending.id)).toMatchObject({ status: 'CONFIRMED', operation: 'NONE' });
    expect((await togetherEvents()).length).toBe(before + 1);
    const log = (await world().google.requests()).perMethod;
    expect(log['calendar.events.insert']).toBe(1); // answered 409 duplicate
    expect(log['calendar.events.get']).toBeGreaterThanOrEqual(1);
  });

  it('a booking whose time passed while half-done is marked FAILED, with no event', async () => {
    const day = world().days.next();
    world().crash.at = 'booking.pending';
    expectStatus(await book(day.at('16:00')), 500);
    const pending = await onlyPending();
    // To the end of the session's day.
    world().clock.advance(day.at('23:59').getTime() - world().clock.now().getTime());
    await reconcileSessions(world().deps);
    expect(await sessionRow(pending.id)).toMatchObject({ status: 'FAILED', operation: 'NONE' });
    expect((await eventsOf(world(), ANA)).find((e) => e.id === eventIdFor(pending.id))).toBeUndefined();
  });

  it('a reschedule interrupted before its patch and a cancel after its delete are finished by the reconciler', async () => {
    const day = world().days.next();
    const booked = await book(day.at('16:00'));
    expectStatus(booked, 201);
    const { id, version, calendar } = booked.body.session;
    const ana = await as(world(), ANA);
    world().crash.at = 'reschedule.started';
    expectStatus(await ana.post(`/sessions/${id}/reschedule`, { version, start: day.at('17:00').toISOString() }), 500);
    expect(await sessionRow(id)).toMatchObject({ operation: 'RESCHEDULING' });
    const busy = await ana.post(`/sessions/${id}/cancel`, { version: version + 1 });
    expectStatus(busy, 409);
    expect(busy.body.error.code).toBe('session_not_modifiable');
    later(5);
    await reconcileSessions(world().deps);
    const moved = await sessionRow(id);
    expect(moved).toMatchObject({ operation: 'NONE', status: 'CONFIRMED', startAt: day.at('17:00') });
    expect(new Date((await eventOf(world(), ANA, calendar.eventId)).start.dateTime).toISOString()).toBe(day.at('17:00').toISOString());

    world().crash.at = 'cancel.deleted';
    expectStatus(await ana.post(`/sessions/${id}/cancel`, { version: moved.version }), 500);
    expect((await eventOf(world(), ANA, calendar.eventId)).status).toBe('cancelled');
    later(5);
    await world().google.resetRequests();
    await reconcileSessions(world().deps);
    expect(await sessionRow(id)).toMatchObject({ operation: 'NONE', status: 'CANCELLED' });
    // The repeated delete answered 410 and counted as done.
    expect((await world().google.requests()).perMethod['calendar.events.delete']).toBe(1);
  });
});

describe('Google storms', () => {
  it('answers 503 with nothing written when a 5xx storm on free/busy outlasts the retries', async () => {
    await control(world(), 'PUT', '/faults', { errors: [{ method: 'calendar.freebusy.query', status: 503, rate: 1 }] });
    const ana = await as(world(), ANA);
    const failed = await ana.get(`/matchings/${world().matchingId}/slots?duration=30`);
    expectStatus(failed, 503);
    expect(failed.body.error.code).toBe('calendar_unavailable');
    const count = await world().db.prisma.mentoringSession.count();
    const booking = await book(world().days.next().at('16:00'));
    expectStatus(booking, 503);
    expect(await world().db.prisma.mentoringSession.count()).toBe(count);
    expect((await world().google.requests()).perMethod['calendar.freebusy.query']).toBe(6); // 3 attempts each
  });

  it('a 429 storm on insert leaves the booking pending; once Google recovers the reconciler books it exactly once', async () => {
    await control(world(), 'PUT', '/faults', { errors: [{ method: 'calendar.events.insert', status: 429, rate: 1 }] });
    const response = await book(world().days.next().at('16:30'));
    expectStatus(response, 503);
    const pending = await onlyPending();
    expect(pending.status).toBe('PENDING');
    await control(world(), 'DELETE', '/faults');
    later(5);
    await reconcileSessions(world().deps);
    expect(await sessionRow(pending.id)).toMatchObject({ status: 'CONFIRMED', operation: 'NONE' });
    expect((await eventsOf(world(), ANA)).filter((e) => e.id === eventIdFor(pending.id))).toHaveLength(1);
  });
});
