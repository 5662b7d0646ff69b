import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { DateTime } from 'luxon';
import { expectStatus } from '../../support/app.js';
import { as, control, eventOf } from '../scheduling/support.js';
import { actAs, ANA, BEN, bookWatched, listCalls, sessionAs, sessionBecomes, settle, startSyncWorld } from './support.js';
import { emulatorControl } from '../../support/emulator-control.js';

const world = useWorld(() => startSyncWorld());

// Each test books on its own day (world().days), so sessions never clash with each other. Bookings and
// moves stay within 16:00–18:00 UTC, inside both members' working hours in every season, unless a
// test means a time outside them.
describe('changes made in Google Calendar reach the session through push notifications', () => {
  it('applies a move by the organizer: new times, no conflict, the Meet link kept', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const target = day.at('17:00');
    await actAs.move(world(), ANA, booked.eventId, target);
    const session = await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime());
    expect(session).toMatchObject({
      status: 'CONFIRMED',
      endAt: new Date(target.getTime() + 30 * 60_000),
      attentionCode: null,
      version: booked.version + 1,
    });
    const shown = await sessionAs(world(), ANA, booked.id);
    expect(shown).toMatchObject({
      start: target.toISOString(),
      durationMinutes: 30,
      attention: null,
      status: 'CONFIRMED',
      conference: { status: 'SUCCESS', meetLink: expect.stringContaining('meet.google.com') },
    });
  });

  it("flags a move onto the attendee's busy time as time_conflict instead of accepting it silently", async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const target = day.at('17:00');
    await actAs.busy(world(), BEN, day.at('17:15'), 30);
    await actAs.move(world(), ANA, booked.eventId, target);
    const session = await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime());
    expect(session.attentionCode).toBe('time_conflict');
    expect(session.attentionMessage).toContain('Ben Mentee');
    const shown = await sessionAs(world(), ANA, booked.id);
    expect(shown.attention).toEqual({ code: 'time_conflict', message: expect.stringContaining("conflicts with Ben Mentee's calendar") });
    // Moving it back to a free time clears the flag.
    const free = day.at('16:30');
    await actAs.move(world(), ANA, booked.eventId, free);
    const cleared = await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === free.getTime());
    expect(cleared.attentionCode).toBeNull();
  });

  it("flags a move onto the attendee's all-day event, and not onto one they marked free", async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const away = world().days.next();
    const after = DateTime.fromISO(away.date).plus({ days: 1 }).toISODate()!;
    await control(world(), 'POST', `/users/${BEN}/events`, { summary: 'Holiday', start: { date: away.date }, end: { date: after } });
    await actAs.move(world(), ANA, booked.eventId, away.at('16:00'));
    const session = await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === away.at('16:00').getTime());
    // Ben's whole day in his own zone (Los Angeles): midnight to midnight.
    expect(session).toMatchObject({
      attentionCode: 'time_conflict',
      attentionMessage: expect.stringContaining('00:00–00:00 (America/Los_Angeles)'),
    });
    const free = world().days.next();
    const freeAfter = DateTime.fromISO(free.date).plus({ days: 1 }).toISODate()!;
    await control(world(), 'POST', `/users/${BEN}/events`, {
      summary: 'Working from home',
      start: { date: free.date },
      end: { date: freeAfter },
      transparency: 'transparent',
    });
    await actAs.move(world(), ANA, booked.eventId, free.at('16:00'));
    const moved = await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === free.at('16:00').getTime());
    expect(moved.attentionCode).toBeNull();
  });

  it("flags a move outside the attendee's working hours", async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const early = day.at('09:00'); // 01:00 or 02:00 in Los Angeles, whatever the season
    await actAs.move(world(), ANA, booked.eventId, early);
    const session = await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === early.getTime());
    expect(session).toMatchObject({
      attentionCode: 'time_conflict',
      attentionMessage: expect.stringContaining("outside Ben Mentee's working hours"),
    });
  });

  it('cancels the session when the organizer deletes the event', async () => {
    const booked = await bookWatched(world(), world().days.next().at('16:00'));
    await actAs.remove(world(), ANA, booked.eventId);
    const session = await sessionBecomes(world(), booked.id, (s) => s.status === 'CANCELLED');
    expect(session.cancelReason).toMatch(/Google Calendar/);
    expect((await sessionAs(world(), BEN, booked.id)).allowedActions).toEqual([]);
  });

  it("cancels the session when the organizer sets the event's status to cancelled", async () => {
    const booked = await bookWatched(world(), world().days.next().at('16:00'));
    await control(world(), 'PATCH', `/users/${ANA}/events/${booked.eventId}`, { status: 'cancelled' });
    await sessionBecomes(world(), booked.id, (s) => s.status === 'CANCELLED');
  });

  it('marks a decline (the attendee deleting their copy counts too) and tells the organizer; an accept clears it', async () => {
    const booked = await bookWatched(world(), world().days.next().at('16:00'));
    await actAs.respond(world(), BEN, booked.eventId, 'declined');
    await sessionBecomes(world(), booked.id, (s) => s.status === 'DECLINED' && s.attendeeResponseStatus === 'declined');
    expect((await sessionAs(world(), ANA, booked.id)).attention).toEqual({
      code: 'declined',
      message: 'Ben Mentee declined this session.',
    });
    expect((await sessionAs(world(), BEN, booked.id)).attention).toEqual({ code: 'declined', message: 'You declined this session.' });

    await actAs.respond(world(), BEN, booked.eventId, 'accepted');
    await sessionBecomes(world(), booked.id, (s) => s.status === 'CONFIRMED' && s.attendeeResponseStatus === 'accepted');
    expect(await sessionAs(world(), ANA, booked.id)).toMatchObject({ attention: null, matchResponseStatus: 'accepted' });

    await actAs.remove(world(), BEN, booked.eventId);
    await sessionBecomes(world(), booked.id, (s) => s.status === 'DECLINED');
  });

  it('ends at the last of two quick moves', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const last = day.at('17:30');
    await actAs.move(world(), ANA, booked.eventId, day.at('17:00'));
    await actAs.move(world(), ANA, booked.eventId, last);
    const session = await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === last.getTime());
    await settle();
    expect((await world().db.prisma.mentoringSession.findUnique({ where: { id: booked.id } }))!.startAt).toEqual(session.startAt);
  });

  it('does not re-apply its own writes: a reschedule and a cancel through Together stay as Together made them', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const ana = await as(world(), ANA, world().syncApp);
    const target = day.at('17:00');
    const moved = await ana.post(`/sessions/${booked.id}/reschedule`, { version: booked.version, start: target.toISOString() });
    expectStatus(moved, 200);
    const version = moved.body.session.version as number;
    await emulatorControl(world().emulator.url).resetRequests();
    await settle(2_000);
    // The notifications of our own patch were synced, and recognised by their etag.
    expect(await listCalls(world())).toBeGreaterThan(0);
    const after = await world().db.prisma.mentoringSession.findUnique({ where: { id: booked.id } });
    expect(after).toMatchObject({ version, startAt: target, attentionCode: null, status: 'CONFIRMED' });

    const cancelled = await ana.post(`/sessions/${booked.id}/cancel`, { version });
    expectStatus(cancelled, 200);
    await settle();
    expect(await world().db.prisma.mentoringSession.findUnique({ where: { id: booked.id } })).toMatchObject({
      status: 'CANCELLED',
      cancelReason: null,
    });
    expect((await eventOf(world(), ANA, booked.eventId)).status).toBe('cancelled');
  });
});
