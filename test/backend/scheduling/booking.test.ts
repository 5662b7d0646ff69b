import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { expectStatus } from '../../support/app.js';
import { localIso } from '../../support/clock.js';
import { as, commonHours, control, DOMAIN, eventOf, eventsOf } from './support.js';
import { useWorld } from './use-world.js';

const world = useWorld();
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;
const MADRID = 'Europe/Madrid';
const LOS_ANGELES = 'America/Los_Angeles';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const freebusyCalls = async () => (await world().google.requests()).perMethod['calendar.freebusy.query'] ?? 0;
const iso = (ms: number) => new Date(ms).toISOString();
interface Slot {
  start: string;
  end: string;
  startLocal: string;
  endLocal: string;
}

describe('availability', () => {
  // Runs first: the days it checks must still be free of the bookings and events of the tests below.
  it('intersects Madrid and Los Angeles working hours across both DST changes, shown in each viewer’s zone', async () => {
    // Nine weeks from tomorrow (UTC), inside the 90-day horizon: from an instant near a DST change this
    // crosses it, in Los Angeles and in Madrid (they change on different Sundays), in any order.
    const WEEKS = 9;
    const first = DateTime.fromJSDate(world().clock.now(), { zone: 'utc' }).plus({ days: 1 }).startOf('day');
    let searches = 0;
    for (const viewer of [
      { email: ANA, timeZone: MADRID },
      { email: BEN, timeZone: LOS_ANGELES },
    ]) {
      const client = await as(world(), viewer.email);
      for (let week = 0; week < WEEKS; week++) {
        const from = first.plus({ weeks: week });
        const response = await client.get(
          `/matchings/${world().matchingId}/slots?duration=60&from=${from.toISO()}&to=${from.plus({ weeks: 1 }).toISO()}`,
        );
        searches++;
        expectStatus(response, 200);
        expect(response.body).toMatchObject({
          timeZone: viewer.timeZone,
          durationMinutes: 60,
          checked: { viewer: true, match: true },
          unchecked: false,
        });
        const byDate = new Map<string, Slot[]>();
        for (const slot of response.body.slots as Slot[])
          byDate.set(slot.start.slice(0, 10), [...(byDate.get(slot.start.slice(0, 10)) ?? []), slot]);
        // Every weekday has slots, weekends none.
        const weekdays = Array.from({ length: 7 }, (_, i) => from.plus({ days: i }))
          .filter((d) => d.weekday <= 5)
          .map((d) => d.toISODate()!);
        expect([...byDate.keys()]).toEqual(weekdays);
        for (const date of weekdays) {
          // The day opens at the later of 09:00 Madrid and 08:00 Los Angeles and closes at the earlier of
          // 20:00 Madrid and 12:00 Los Angeles, each on that day's offset; shown in the viewer's zone.
          const { start, end } = commonHours(date);
          const day = byDate.get(date)!;
          expect({ date, first: day[0]!.start, lastEnd: day.at(-1)!.end }).toEqual({
            date,
            first: start.toISOString(),
            lastEnd: end.toISOString(),
          });
          for (const slot of day) {
            expect(new Date(slot.end).getTime() - new Date(slot.start).getTime()).toBe(HOUR);
            expect({ startLocal: slot.startLocal, endLocal: slot.endLocal }).toEqual({
              startLocal: localIso(slot.start, viewer.timeZone),
              endLocal: localIso(slot.end, viewer.timeZone),
            });
          }
        }
      }
    }
    expect(await freebusyCalls()).toBe(searches); // one per search
  });

  it("avoids the match's busy time; asks as the match when the domain hides free/busy", async () => {
    const day = world().days.next();
    const { start, end } = commonHours(day.date);
    // Busy from the day's opening until an hour before its close: only that last hour is left.
    await control(world(), 'POST', `/users/${BEN}/events`, {
      summary: 'Dentist',
      start: { dateTime: start.toISOString() },
      end: { dateTime: iso(end.getTime() - HOUR) },
    });
    const ana = await as(world(), ANA);
    const path = `/matchings/${world().matchingId}/slots?duration=30&from=${day.range.from}&to=${day.range.to}`;
    const visible = await ana.get(path);
    expectStatus(visible, 200);
    expect(visible.body.slots.map((s: { start: string }) => s.start)).toEqual([iso(end.getTime() - HOUR), iso(end.getTime() - HOUR / 2)]);
    expect(await freebusyCalls()).toBe(1);

    await control(world(), 'PATCH', `/domains/${DOMAIN}`, { freeBusyVisibleInDomain: false });
    try {
      await world().google.resetRequests();
      const hidden = await ana.get(path);
      expectStatus(hidden, 200);
      expect(hidden.body.slots).toEqual(visible.body.slots);
      expect(hidden.body.checked).toEqual({ viewer: true, match: true });
      expect(await freebusyCalls()).toBe(2);
    } finally {
      await control(world(), 'PATCH', `/domains/${DOMAIN}`, { freeBusyVisibleInDomain: true });
    }
  });

  it('refuses bad ranges and durations with stable codes', async () => {
    const ana = await as(world(), ANA);
    const now = world().clock.now().getTime();
    const cases: Array<[string, number, string]> = [
      ['?duration=45', 400, 'duration_not_offered'],
      ['?duration=90', 400, 'duration_not_offered'],
      [`?duration=30&from=${iso(now + 2 * DAY)}&to=${iso(now + DAY)}`, 400, 'invalid_time_range'],
      [`?duration=30&from=${iso(now - 28 * DAY)}&to=${iso(now - 19 * DAY)}`, 400, 'invalid_time_range'],
      [`?duration=30&to=${iso(now + 91 * DAY)}`, 400, 'invalid_time_range'],
      ['?duration=30&from=yesterday', 400, 'invalid_request'],
    ];
    for (const [query, status, code] of cases) {
      const response = await ana.get(`/matchings/${world().matchingId}/slots${query}`);
      if (response.status !== status || response.body.error?.code !== code)
        throw new Error(`${query}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  });
});

describe('booking, RSVP, reschedule and cancel through Google', () => {
  /** Ana books a 60-minute session with Ben at 16:00 on a day of its own. */
  async function booked() {
    const day = world().days.next();
    const start = day.at('16:00');
    const ana = await as(world(), ANA);
    const response = await ana.post(`/matchings/${world().matchingId}/sessions`, { start: start.toISOString(), durationMinutes: 60 });
    expectStatus(response, 201);
    const session = response.body.session;
    return { day, start, ana, session, eventId: session.calendar.eventId as string };
  }

  it('books into the booker’s calendar with the match invited and a Meet link', async () => {
    const { day, start, session } = await booked();
    expect(session).toMatchObject({
      status: 'CONFIRMED',
      sessionNumber: 1,
      role: 'mentor',
      match: { id: world().mentee.id },
      program: { name: 'Leadership 2027' },
      start: start.toISOString(),
      end: day.at('17:00').toISOString(),
      startLocal: localIso(start, MADRID),
      matchResponseStatus: 'needsAction',
      conference: { status: 'SUCCESS' },
      calendar: { calendarId: ANA, eventId: `tg${session.id.replace(/-/g, '')}` },
      allowedActions: ['reschedule', 'cancel'],
    });
    expect(session.conference.meetLink).toMatch(/^https:\/\/meet\.google\.com\//);
    const log = await world().google.requests();
    expect(log.perMethod['calendar.events.insert']).toBe(1);

    const eventId = session.calendar.eventId as string;
    const organizerCopy = await eventOf(world(), ANA, eventId);
    expect(organizerCopy.organizer).toMatchObject({ email: ANA });
    expect(organizerCopy.attendees.map((a) => a.email)).toContain(BEN);
    expect(organizerCopy.hangoutLink).toBe(session.conference.meetLink);
    expect(organizerCopy.extendedProperties?.private).toEqual({ togetherSessionId: session.id });
    expect(organizerCopy.summary).toContain('Ana Mentor');
    expect(organizerCopy.description).toContain('Leadership 2027');
    expect(organizerCopy.description).not.toContain('first-time manager');
    expect(organizerCopy.emulator.sendUpdates).toEqual(['all']);
    const invitation = await eventOf(world(), BEN, eventId);
    expect(invitation.organizer).toMatchObject({ email: ANA });
    expect(invitation.attendees.find((a) => a.email === BEN)?.responseStatus).toBe('needsAction');
  });

  it('keeps a session’s own time free for its move (but never offers where it already is), while another booking at that time is a conflict', async () => {
    const { day, start, ana, session } = await booked();
    const moveSlots = await ana.get(`/sessions/${session.id}/slots?duration=60&from=${day.range.from}&to=${day.range.to}`);
    expectStatus(moveSlots, 200);
    const moveStarts = moveSlots.body.slots.map((s: { start: string }) => s.start);
    // Its own time is free (a quarter next to it, overlapping it, is offered), but its own start is not offered.
    const first = commonHours(day.date).start.getTime();
    expect(moveStarts[0]).toBe(new Date(first === start.getTime() ? first + 15 * 60_000 : first).toISOString());
    expect(moveStarts).not.toContain(start.toISOString());
    const overlapping = moveStarts.filter((s: string) => Math.abs(Date.parse(s) - start.getTime()) < 60 * 60_000);
    expect(overlapping.length).toBeGreaterThan(0);
    const newSlots = await ana.get(`/matchings/${world().matchingId}/slots?duration=60&from=${day.range.from}&to=${day.range.to}`);
    expect(newSlots.body.slots.map((s: { start: string }) => s.start)).not.toContain(start.toISOString());
  });

  it('shows the match the session by the event they opened in their calendar, and nobody else', async () => {
    const { start, session, eventId } = await booked();
    const ben = await as(world(), BEN);
    const context = await ben.get(`/sessions/by-event?calendarId=${BEN}&eventId=${eventId}`);
    expectStatus(context, 200);
    expect(context.body.session).toMatchObject({
      id: session.id,
      role: 'mentee',
      match: { id: world().mentor.id },
      agenda: 'Growing as a first-time manager',
      startLocal: localIso(start, LOS_ANGELES),
    });
    const notOurs = await ben.get(`/sessions/by-event?calendarId=${BEN}&eventId=someothereventid`);
    expect(notOurs.body).toEqual({ session: null });
    const cleo = await as(world(), `cleo@${DOMAIN}`);
    expect((await cleo.get(`/sessions/by-event?calendarId=${ANA}&eventId=${eventId}`)).body).toEqual({ session: null });
  });

  it('follows the match declining in Google Calendar, and their move of it (the organizer’s event patched, Meet kept)', async () => {
    const { ana, session, eventId } = await booked();
    await control(world(), 'POST', `/users/${BEN}/events/${eventId}/respond`, { responseStatus: 'declined' });
    const declined = await ana.get(`/sessions/${session.id}`);
    expectStatus(declined, 200);
    expect(declined.body.session).toMatchObject({ status: 'DECLINED', matchResponseStatus: 'declined' });
    const upcoming = await ana.get('/sessions/upcoming');
    expect(upcoming.body.sessions.map((s: { id: string }) => s.id)).toContain(session.id);

    const ben = await as(world(), BEN);
    const laterDay = world().days.next();
    const newStart = laterDay.at('16:30');
    await world().google.resetRequests();
    const moved = await ben.post(`/sessions/${session.id}/reschedule`, {
      version: declined.body.session.version,
      start: newStart.toISOString(),
      durationMinutes: 30,
    });
    expectStatus(moved, 200);
    expect(moved.body.session).toMatchObject({
      start: newStart.toISOString(),
      end: laterDay.at('17:00').toISOString(),
      durationMinutes: 30,
      startLocal: localIso(newStart, LOS_ANGELES),
    });
    expect((await world().google.requests()).perMethod['calendar.events.patch']).toBe(1);
    const afterMove = await eventOf(world(), ANA, eventId);
    expect(new Date(afterMove.start.dateTime).toISOString()).toBe(newStart.toISOString());
    expect(afterMove.hangoutLink).toBe(session.conference.meetLink);
  });

  it('refuses a stale version; the current one cancels (the event deleted), and a retry is harmless', async () => {
    const { ana, session, eventId } = await booked();
    const stale = await ana.post(`/sessions/${session.id}/cancel`, { version: session.version - 1 });
    expectStatus(stale, 409);
    expect(stale.body.error.code).toBe('version_conflict');
    await world().google.resetRequests();
    const cancelled = await ana.post(`/sessions/${session.id}/cancel`, { version: session.version, reason: 'Travel' });
    expectStatus(cancelled, 200);
    expect(cancelled.body.session).toMatchObject({ status: 'CANCELLED', cancelReason: 'Travel', allowedActions: [] });
    expect((await world().google.requests()).perMethod['calendar.events.delete']).toBe(1);
    const retried = await ana.post(`/sessions/${session.id}/cancel`, { version: session.version });
    expectStatus(retried, 200);
    const gone = await eventOf(world(), ANA, eventId);
    expect(gone.status).toBe('cancelled');
    expect((await ana.get('/sessions/upcoming')).body.sessions.map((s: { id: string }) => s.id)).not.toContain(session.id);
  });

  it('refuses a conflicting time with 409 and the interval, writing nothing', async () => {
    const day = world().days.next();
    await control(world(), 'POST', `/users/${BEN}/events`, {
      summary: 'Offsite',
      start: { dateTime: day.at('16:00').toISOString() },
      end: { dateTime: day.at('17:00').toISOString() },
    });
    const before = (await eventsOf(world(), ANA)).length;
    const sessionsBefore = await world().db.prisma.mentoringSession.count();
    const ana = await as(world(), ANA);
    const response = await ana.post(`/matchings/${world().matchingId}/sessions`, {
      start: day.at('16:30').toISOString(),
      durationMinutes: 60,
    });
    expectStatus(response, 409);
    expect(response.body.error).toMatchObject({
      code: 'slot_unavailable',
      details: { reason: 'busy', conflict: { start: day.at('16:00').toISOString(), end: day.at('17:00').toISOString() } },
    });
    // 09:00 UTC is 01:00 or 02:00 in Los Angeles.
    const outside = await ana.post(`/matchings/${world().matchingId}/sessions`, {
      start: day.at('09:00').toISOString(),
      durationMinutes: 60,
    });
    expectStatus(outside, 409);
    expect(outside.body.error.details.reason).toBe('outside_working_hours');
    expect((await eventsOf(world(), ANA)).length).toBe(before);
    expect(await world().db.prisma.mentoringSession.count()).toBe(sessionsBefore);
    expect((await world().google.requests()).perMethod['calendar.events.insert']).toBeUndefined();
  });

  it('refuses bad booking input with stable codes and changes nothing', async () => {
    const day = world().days.next();
    const start = day.at('16:00').toISOString();
    const now = world().clock.now().getTime();
    const ana = await as(world(), ANA);
    const sessionsBefore = await world().db.prisma.mentoringSession.count();
    const cases: Array<[object, number, string]> = [
      [{ start, durationMinutes: 45 }, 400, 'duration_not_offered'],
      [{ start: iso(now - 12 * DAY), durationMinutes: 30 }, 400, 'invalid_time_range'],
      [{ start: iso(now + 91 * DAY), durationMinutes: 30 }, 400, 'invalid_time_range'],
      [{ start: 'tomorrow', durationMinutes: 30 }, 400, 'invalid_request'],
      [{ start, durationMinutes: 30, extra: true }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const response = await ana.post(`/matchings/${world().matchingId}/sessions`, body);
      if (response.status !== status || response.body.error?.code !== code)
        throw new Error(`${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    const theirs = await ana.post(`/matchings/${world().strangerMatchingId}/sessions`, { start, durationMinutes: 30 });
    expectStatus(theirs, 403);
    const { default: request } = await import('supertest');
    const malformed = await request(world().app)
      .post(`/addon/v1/matchings/${world().matchingId}/sessions`)
      .set('Authorization', `Bearer ${await import('./support.js').then((m) => m.idToken(world(), ANA))}`)
      .set('content-type', 'application/json')
      .send('{"start": ');
    expectStatus(malformed, 400);
    expect(malformed.body.error.code).toBe('malformed_json');
    expect(await world().db.prisma.mentoringSession.count()).toBe(sessionsBefore);
  });
});
