import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { expectStatus } from '../../support/app.js';
import { as, control, DOMAIN, eventOf, eventsOf, startWorld, START, type SchedulingWorld } from './support.js';

let world: SchedulingWorld;
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});
beforeEach(() => {
  world.clock.now = START;
  world.emulator.state.requestLog.reset();
});

const freebusyCalls = () => world.emulator.state.requestLog.snapshot().perMethod['calendar.freebusy.query'] ?? 0;

describe('availability', () => {
  it('intersects Madrid and Los Angeles working hours across both DST changes, shown in each viewer’s zone', async () => {
    const ana = await as(world, ANA);
    const week = async (from: string) => {
      const answer = await ana.get(`/matchings/${world.matchingId}/slots?duration=60&from=${from}T00:00:00Z&to=${from}T23:59:00Z`);
      expectStatus(answer, 200);
      return answer;
    };
    const response = await week('2027-03-08');
    expect(response.body).toMatchObject({ timeZone: 'Europe/Madrid', durationMinutes: 60, checked: { viewer: true, match: true }, unchecked: false });
    // Winter in both: 16:00Z = 17:00 in Madrid = 08:00 in Los Angeles.
    expect(response.body.slots[0]).toMatchObject({ start: '2027-03-08T16:00:00.000Z', startLocal: '2027-03-08T17:00:00.000+01:00' });
    // Los Angeles on summer time: the window opens an hour earlier in UTC and in Madrid.
    expect((await week('2027-03-15')).body.slots[0]).toMatchObject({ start: '2027-03-15T15:00:00.000Z', startLocal: '2027-03-15T16:00:00.000+01:00' });
    // Madrid on summer time too: the same UTC start is 17:00 there again, and the window closes at 18:00Z.
    const summer = (await week('2027-03-29')).body.slots as Array<{ start: string; end: string; startLocal: string }>;
    expect(summer[0]).toMatchObject({ start: '2027-03-29T15:00:00.000Z', startLocal: '2027-03-29T17:00:00.000+02:00' });
    expect(summer.at(-1)!.end).toBe('2027-03-29T18:00:00.000Z');
    const all = await ana.get(`/matchings/${world.matchingId}/slots?duration=60&from=2027-03-06T00:00:00Z&to=2027-04-03T00:00:00Z`);
    expect(new Set(all.body.slots.map((s: { start: string }) => s.start.slice(0, 10))).size).toBeGreaterThanOrEqual(5);
    for (const slot of all.body.slots as Array<{ start: string }>) expect([0, 6]).not.toContain(new Date(slot.start).getUTCDay());
    expect(freebusyCalls()).toBe(4); // one per search

    const ben = await as(world, BEN);
    const theirs = await ben.get(`/matchings/${world.matchingId}/slots?duration=60&from=2027-03-15T00:00:00Z&to=2027-03-16T00:00:00Z`);
    expectStatus(theirs, 200);
    expect(theirs.body.slots[0]).toMatchObject({ start: '2027-03-15T15:00:00.000Z', startLocal: '2027-03-15T08:00:00.000-07:00' });
  });

  it("avoids the match's busy time; asks as the match when the domain hides free/busy", async () => {
    await control(world, 'POST', `/users/${BEN}/events`, { summary: 'Dentist', start: { dateTime: '2027-03-09T15:00:00Z' }, end: { dateTime: '2027-03-09T18:00:00Z' } });
    const ana = await as(world, ANA);
    const path = `/matchings/${world.matchingId}/slots?duration=30&from=2027-03-09T00:00:00Z&to=2027-03-10T00:00:00Z`;
    const visible = await ana.get(path);
    expectStatus(visible, 200);
    expect(visible.body.slots.map((s: { start: string }) => s.start)).toEqual(['2027-03-09T18:00:00.000Z', '2027-03-09T18:30:00.000Z']);
    expect(freebusyCalls()).toBe(1);

    await control(world, 'PATCH', `/domains/${DOMAIN}`, { freeBusyVisibleInDomain: false });
    try {
      world.emulator.state.requestLog.reset();
      const hidden = await ana.get(path);
      expectStatus(hidden, 200);
      expect(hidden.body.slots).toEqual(visible.body.slots);
      expect(hidden.body.checked).toEqual({ viewer: true, match: true });
      expect(freebusyCalls()).toBe(2);
    } finally {
      await control(world, 'PATCH', `/domains/${DOMAIN}`, { freeBusyVisibleInDomain: true });
    }
  });

  it('refuses bad ranges and durations with stable codes', async () => {
    const ana = await as(world, ANA);
    const cases: Array<[string, number, string]> = [
      ['?duration=45', 400, 'duration_not_offered'],
      ['?duration=90', 400, 'duration_not_offered'],
      ['?duration=30&from=2027-03-10T00:00:00Z&to=2027-03-09T00:00:00Z', 400, 'invalid_time_range'],
      ['?duration=30&from=2027-02-01T00:00:00Z&to=2027-02-10T00:00:00Z', 400, 'invalid_time_range'],
      ['?duration=30&to=2027-07-01T00:00:00Z', 400, 'invalid_time_range'],
      ['?duration=30&from=yesterday', 400, 'invalid_request'],
    ];
    for (const [query, status, code] of cases) {
      const response = await ana.get(`/matchings/${world.matchingId}/slots${query}`);
      if (response.status !== status || response.body.error?.code !== code) throw new Error(`${query}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  });
});

describe('booking, RSVP, reschedule and cancel through Google', () => {
  it('books into the booker’s calendar with the match invited and a Meet link, then follows RSVP, moves and cancels', async () => {
    const ana = await as(world, ANA);
    const booked = await ana.post(`/matchings/${world.matchingId}/sessions`, { start: '2027-03-15T15:00:00Z', durationMinutes: 60 });
    expectStatus(booked, 201);
    const session = booked.body.session;
    expect(session).toMatchObject({
      status: 'CONFIRMED',
      sessionNumber: 1,
      role: 'mentor',
      match: { id: world.mentee.id },
      program: { name: 'Leadership 2027' },
      start: '2027-03-15T15:00:00.000Z',
      end: '2027-03-15T16:00:00.000Z',
      startLocal: '2027-03-15T16:00:00.000+01:00',
      matchResponseStatus: 'needsAction',
      conference: { status: 'SUCCESS' },
      calendar: { calendarId: ANA, eventId: `tg${session.id.replace(/-/g, '')}` },
      allowedActions: ['reschedule', 'cancel'],
    });
    expect(session.conference.meetLink).toMatch(/^https:\/\/meet\.google\.com\//);
    const log = world.emulator.state.requestLog.snapshot();
    expect(log.perMethod['calendar.events.insert']).toBe(1);

    // Its own time stays free for a move; another booking at that time is a conflict.
    const moveSlots = await ana.get(`/sessions/${session.id}/slots?duration=60&from=2027-03-15T00:00:00Z&to=2027-03-15T23:59:00Z`);
    expectStatus(moveSlots, 200);
    expect(moveSlots.body.slots[0].start).toBe('2027-03-15T15:00:00.000Z');
    const newSlots = await ana.get(`/matchings/${world.matchingId}/slots?duration=60&from=2027-03-15T00:00:00Z&to=2027-03-15T23:59:00Z`);
    expect(newSlots.body.slots.map((s: { start: string }) => s.start)).not.toContain('2027-03-15T15:00:00.000Z');

    const eventId = session.calendar.eventId as string;
    const organizerCopy = await eventOf(world, ANA, eventId);
    expect(organizerCopy.organizer).toMatchObject({ email: ANA });
    expect(organizerCopy.attendees.map((a) => a.email)).toContain(BEN);
    expect(organizerCopy.hangoutLink).toBe(session.conference.meetLink);
    expect(organizerCopy.extendedProperties?.private).toEqual({ togetherSessionId: session.id });
    expect(organizerCopy.summary).toContain('Ana Mentor');
    expect(organizerCopy.description).toContain('Leadership 2027');
    expect(organizerCopy.description).not.toContain('first-time manager');
    expect(organizerCopy.emulator.sendUpdates).toEqual(['all']);
    const invitation = await eventOf(world, BEN, eventId);
    expect(invitation.organizer).toMatchObject({ email: ANA });
    expect(invitation.attendees.find((a) => a.email === BEN)?.responseStatus).toBe('needsAction');

    // Ben sees it too, by the event he opened in his calendar.
    const ben = await as(world, BEN);
    const context = await ben.get(`/sessions/by-event?calendarId=${BEN}&eventId=${eventId}`);
    expectStatus(context, 200);
    expect(context.body.session).toMatchObject({ id: session.id, role: 'mentee', match: { id: world.mentor.id }, agenda: 'Growing as a first-time manager', startLocal: '2027-03-15T08:00:00.000-07:00' });
    const notOurs = await ben.get(`/sessions/by-event?calendarId=${BEN}&eventId=someothereventid`);
    expect(notOurs.body).toEqual({ session: null });
    const cleo = await as(world, `cleo@${DOMAIN}`);
    expect((await cleo.get(`/sessions/by-event?calendarId=${ANA}&eventId=${eventId}`)).body).toEqual({ session: null });

    // Ben declines in Google Calendar: the session shows it.
    await control(world, 'POST', `/users/${BEN}/events/${eventId}/respond`, { responseStatus: 'declined' });
    const declined = await ana.get(`/sessions/${session.id}`);
    expectStatus(declined, 200);
    expect(declined.body.session).toMatchObject({ status: 'DECLINED', matchResponseStatus: 'declined' });
    const upcoming = await ana.get('/sessions/upcoming');
    expect(upcoming.body.sessions.map((s: { id: string }) => s.id)).toEqual([session.id]);

    // Ben moves it (the organizer's event is patched), keeping the Meet link.
    world.emulator.state.requestLog.reset();
    const moved = await ben.post(`/sessions/${session.id}/reschedule`, { version: declined.body.session.version, start: '2027-03-29T15:30:00Z', durationMinutes: 30 });
    expectStatus(moved, 200);
    expect(moved.body.session).toMatchObject({ start: '2027-03-29T15:30:00.000Z', end: '2027-03-29T16:00:00.000Z', durationMinutes: 30, startLocal: '2027-03-29T08:30:00.000-07:00' });
    expect(world.emulator.state.requestLog.snapshot().perMethod['calendar.events.patch']).toBe(1);
    const afterMove = await eventOf(world, ANA, eventId);
    expect(new Date(afterMove.start.dateTime).toISOString()).toBe('2027-03-29T15:30:00.000Z');
    expect(afterMove.hangoutLink).toBe(session.conference.meetLink);

    // A stale version is refused; the current one cancels, and a retry is harmless.
    const stale = await ana.post(`/sessions/${session.id}/cancel`, { version: session.version });
    expectStatus(stale, 409);
    expect(stale.body.error.code).toBe('version_conflict');
    world.emulator.state.requestLog.reset();
    const cancelled = await ana.post(`/sessions/${session.id}/cancel`, { version: moved.body.session.version, reason: 'Travel' });
    expectStatus(cancelled, 200);
    expect(cancelled.body.session).toMatchObject({ status: 'CANCELLED', cancelReason: 'Travel', allowedActions: [] });
    expect(world.emulator.state.requestLog.snapshot().perMethod['calendar.events.delete']).toBe(1);
    const retried = await ana.post(`/sessions/${session.id}/cancel`, { version: moved.body.session.version });
    expectStatus(retried, 200);
    const gone = await eventOf(world, ANA, eventId);
    expect(gone.status).toBe('cancelled');
    expect((await ana.get('/sessions/upcoming')).body.sessions).toEqual([]);
  });

  it('refuses a conflicting time with 409 and the interval, writing nothing', async () => {
    await control(world, 'POST', `/users/${BEN}/events`, { summary: 'Offsite', start: { dateTime: '2027-03-16T15:00:00Z' }, end: { dateTime: '2027-03-16T16:00:00Z' } });
    const before = (await eventsOf(world, ANA)).length;
    const sessionsBefore = await world.db.prisma.mentoringSession.count();
    const ana = await as(world, ANA);
    const response = await ana.post(`/matchings/${world.matchingId}/sessions`, { start: '2027-03-16T15:30:00Z', durationMinutes: 60 });
    expectStatus(response, 409);
    expect(response.body.error).toMatchObject({ code: 'slot_unavailable', details: { reason: 'busy', conflict: { start: '2027-03-16T15:00:00.000Z', end: '2027-03-16T16:00:00.000Z' } } });
    const outside = await ana.post(`/matchings/${world.matchingId}/sessions`, { start: '2027-03-16T09:00:00Z', durationMinutes: 60 });
    expectStatus(outside, 409);
    expect(outside.body.error.details.reason).toBe('outside_working_hours');
    expect((await eventsOf(world, ANA)).length).toBe(before);
    expect(await world.db.prisma.mentoringSession.count()).toBe(sessionsBefore);
    expect(world.emulator.state.requestLog.snapshot().perMethod['calendar.events.insert']).toBeUndefined();
  });

  it('refuses bad booking input with stable codes and changes nothing', async () => {
    const ana = await as(world, ANA);
    const sessionsBefore = await world.db.prisma.mentoringSession.count();
    const cases: Array<[object, number, string]> = [
      [{ start: '2027-03-17T15:00:00Z', durationMinutes: 45 }, 400, 'duration_not_offered'],
      [{ start: '2027-02-17T15:00:00Z', durationMinutes: 30 }, 400, 'invalid_time_range'],
      [{ start: '2027-07-17T15:00:00Z', durationMinutes: 30 }, 400, 'invalid_time_range'],
      [{ start: 'tomorrow', durationMinutes: 30 }, 400, 'invalid_request'],
      [{ start: '2027-03-17T15:00:00Z', durationMinutes: 30, extra: true }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const response = await ana.post(`/matchings/${world.matchingId}/sessions`, body);
      if (response.status !== status || response.body.error?.code !== code) throw new Error(`${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    const theirs = await ana.post(`/matchings/${world.strangerMatchingId}/sessions`, { start: '2027-03-17T15:00:00Z', durationMinutes: 30 });
    expectStatus(theirs, 403);
    const { default: request } = await import('supertest');
    const malformed = await request(world.app)
      .post(`/addon/v1/matchings/${world.matchingId}/sessions`)
      .set('Authorization', `Bearer ${(await import('./support.js').then((m) => m.idToken(world, ANA)))}`)
      .set('content-type', 'application/json')
      .send('{"start": ');
    expectStatus(malformed, 400);
    expect(malformed.body.error.code).toBe('malformed_json');
    expect(await world.db.prisma.mentoringSession.count()).toBe(sessionsBefore);
  });
});
