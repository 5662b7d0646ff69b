import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { expectStatus } from '../../support/app.js';
import { zonedInstant } from '../../support/clock.js';
import { addPair, as, control, DOMAIN, type PairMemberSpec } from './support.js';
import { useWorld } from './use-world.js';

// Issue #13: a move may use the session's own time, never another meeting's. Free/busy merges a
// member's events, so the session's own time cannot just be cut out of it.
const world = useWorld();

const iso = (d: Date) => d.toISOString();
const calls = async (method: string) => (await world().google.requests()).perMethod[method] ?? 0;
const starts = (body: { slots: Array<{ start: string }> }) => body.slots.map((s) => s.start);
const madrid = (name: string): PairMemberSpec => ({ name, timeZone: 'Europe/Madrid', hours: ['09:00', '20:00'] });
const losAngeles = (name: string): PairMemberSpec => ({ name, timeZone: 'America/Los_Angeles', hours: ['06:00', '12:00'] });
const meeting = (email: string, summary: string, start: Date, end: Date, extra: object = {}) =>
  control(world(), 'POST', `/users/${email}/events`, { summary, start: { dateTime: iso(start) }, end: { dateTime: iso(end) }, ...extra });

/** A new pair with a session booked by the mentor at `time` on a day of its own. */
async function pairWithSession(
  mentor: PairMemberSpec,
  mentee: PairMemberSpec,
  program: { sessionDurations: number[]; bufferMinutes: number },
  time: string,
) {
  const pair = await addPair(world(), mentor, mentee, program);
  const day = world().days.next();
  const organizer = await as(world(), pair.mentor.email);
  const booked = await organizer.post(`/matchings/${pair.matchingId}/sessions`, {
    start: iso(day.at(time)),
    durationMinutes: program.sessionDurations[0],
  });
  expectStatus(booked, 201);
  return { pair, day, organizer, session: booked.body.session as { id: string; version: number } };
}

describe('rescheduling frees only the session’s own event', () => {
  // Kolkata 09:00–21:00 and New York 08:00–17:00 share 13:00–15:30 UTC in every season.
  it('does not offer, nor accept, a move onto a meeting that overlaps the session (Kolkata–New York)', async () => {
    const kolkata = { name: 'Priya', timeZone: 'Asia/Kolkata', hours: ['09:00', '21:00'] as [string, string] };
    const newYork = { name: 'Nora', timeZone: 'America/New_York', hours: ['08:00', '17:00'] as [string, string] };
    const {
      pair,
      day,
      organizer: priya,
      session,
    } = await pairWithSession(kolkata, newYork, { sessionDurations: [45, 30], bufferMinutes: 0 }, '13:15');
    await meeting(pair.mentee.email, 'Client meeting', day.at('13:30'), day.at('14:30'));

    await world().google.resetRequests();
    const window = `duration=30&from=${iso(day.at('13:30'))}&to=${iso(day.at('14:00'))}`;
    const moveSlots = await priya.get(`/sessions/${session.id}/slots?${window}`);
    expectStatus(moveSlots, 200);
    expect(starts(moveSlots.body)).toEqual([]);
    // One free/busy for both, and one events.list per member whose busy time touches the session.
    expect({ freebusy: await calls('calendar.freebusy.query'), list: await calls('calendar.events.list') }).toEqual({
      freebusy: 1,
      list: 2,
    });
    const fresh = await priya.get(`/matchings/${pair.matchingId}/slots?${window}`);
    expect(starts(fresh.body)).toEqual([]);
    // The session's own time is still free where nothing else is: 13:00 and 13:15 are offered.
    const earlier = await priya.get(`/sessions/${session.id}/slots?duration=30&from=${iso(day.at('13:00'))}&to=${iso(day.at('13:45'))}`);
    expect(starts(earlier.body)).toEqual([iso(day.at('13:00'))]);

    const nora = await as(world(), pair.mentee.email);
    const move = await nora.post(`/sessions/${session.id}/reschedule`, {
      version: session.version,
      start: iso(day.at('13:30')),
      durationMinutes: 30,
    });
    expectStatus(move, 409);
    expect(move.body.error).toMatchObject({
      code: 'slot_unavailable',
      details: { reason: 'busy', conflict: { start: iso(day.at('13:30')), end: iso(day.at('14:30')) } },
    });
    const inside = await nora.post(`/sessions/${session.id}/reschedule`, {
      version: session.version,
      start: iso(day.at('13:00')),
      durationMinutes: 30,
    });
    expectStatus(inside, 200);
    expect(inside.body.session).toMatchObject({ start: iso(day.at('13:00')), status: 'CONFIRMED', attention: null });
  });

  // Madrid 09:00–20:00 and Los Angeles 06:00–12:00 share 14:00–18:00 UTC in every season.
  it('keeps the buffer around a meeting that overlaps the session (Madrid–Los Angeles, 15 minutes)', async () => {
    const {
      pair,
      day,
      organizer: marta,
      session,
    } = await pairWithSession(madrid('Marta'), losAngeles('Lee'), { sessionDurations: [30], bufferMinutes: 15 }, '15:00');
    await meeting(pair.mentee.email, 'Call', day.at('15:00'), day.at('16:00'));
    const slots = await marta.get(`/sessions/${session.id}/slots?from=${iso(day.at('14:00'))}&to=${iso(day.at('17:30'))}`);
    expectStatus(slots, 200);
    // The call and its 15 minutes on each side (14:45–16:15) stay busy; the session's own time does not block.
    expect(starts(slots.body)).toEqual([iso(day.at('14:00')), iso(day.at('16:15')), iso(day.at('16:45'))]);
    const onto = await marta.post(`/sessions/${session.id}/reschedule`, { version: session.version, start: iso(day.at('14:45')) });
    expectStatus(onto, 409);
    expect(onto.body.error.details).toMatchObject({ reason: 'busy', conflict: { start: iso(day.at('15:00')), end: iso(day.at('16:00')) } });
  });

  it('counts tentative and unanswered meetings and all-day events as busy, declined and free ones not', async () => {
    const {
      pair,
      day,
      organizer: tomas,
      session,
    } = await pairWithSession(madrid('Tomas'), losAngeles('Lia'), { sessionDurations: [30], bufferMinutes: 0 }, '15:00');
    const id = session.id;
    const outsider = `cleo@${DOMAIN}`;
    // Overlapping the session: an invitation Lia has not answered (busy), one she declined, a free one.
    await meeting(outsider, 'Unanswered', day.at('15:15'), day.at('15:45'), { attendees: [{ email: pair.mentee.email }] });
    const declined = (await meeting(outsider, 'Declined', day.at('14:45'), day.at('15:15'), {
      attendees: [{ email: pair.mentee.email }],
    })) as { id: string };
    await control(world(), 'POST', `/users/${pair.mentee.email}/events/${declined.id}/respond`, { responseStatus: 'declined' });
    await meeting(pair.mentee.email, 'Focus (free)', day.at('14:30'), day.at('15:00'), { transparency: 'transparent' });
    const slots = await tomas.get(`/sessions/${id}/slots?from=${iso(day.at('14:00'))}&to=${iso(day.at('16:30'))}`);
    expect(starts(slots.body)).toEqual([iso(day.at('14:00')), iso(day.at('14:30')), iso(day.at('15:45'))]);
    // An all-day event on the next weekday, in Lia's own zone: the conflict is the whole day, not the look-up window.
    const next = world().days.next();
    const date = next.date;
    const after = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    await control(world(), 'POST', `/users/${pair.mentee.email}/events`, { summary: 'Offsite', start: { date }, end: { date: after } });
    const allDay = await tomas.post(`/sessions/${id}/reschedule`, { version: session.version, start: iso(next.at('15:00')) });
    expectStatus(allDay, 409);
    expect(allDay.body.error.details).toEqual({
      reason: 'busy',
      conflict: {
        start: iso(zonedInstant(date, '00:00', 'America/Los_Angeles')),
        end: iso(zonedInstant(after, '00:00', 'America/Los_Angeles')),
      },
    });
  });
});

describe('conflicts are reported whole', () => {
  it('reports an all-day event of the match as its whole day when booking', async () => {
    const day = world().days.next();
    const after = DateTime.fromISO(day.date).plus({ days: 1 }).toISODate()!;
    await control(world(), 'POST', `/users/ben@${DOMAIN}/events`, { summary: 'Holiday', start: { date: day.date }, end: { date: after } });
    const ana = await as(world(), `ana@${DOMAIN}`);
    const response = await ana.post(`/matchings/${world().matchingId}/sessions`, { start: iso(day.at('16:00')), durationMinutes: 30 });
    expectStatus(response, 409);
    expect(response.body.error.details).toEqual({
      reason: 'busy',
      conflict: {
        start: iso(zonedInstant(day.date, '00:00', 'America/Los_Angeles')),
        end: iso(zonedInstant(after, '00:00', 'America/Los_Angeles')),
      },
    });
  });

  it('reports a week-long absence whole, looking wider once', async () => {
    const day = world().days.next();
    // From midday UTC, so it cannot touch the all-day event above if that was the day before.
    const from = day.at('12:00');
    const to = new Date(from.getTime() + 7 * 86_400_000);
    await meeting(`ben@${DOMAIN}`, 'Away', from, to);
    const ana = await as(world(), `ana@${DOMAIN}`);
    await world().google.resetRequests();
    const response = await ana.post(`/matchings/${world().matchingId}/sessions`, { start: iso(day.at('16:00')), durationMinutes: 30 });
    expectStatus(response, 409);
    expect(response.body.error.details).toEqual({ reason: 'busy', conflict: { start: iso(from), end: iso(to) } });
    expect(await calls('calendar.freebusy.query')).toBe(2);
  });
});
