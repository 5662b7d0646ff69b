// People who are not connected still get their sessions: one side connected → the event goes into the
// connected person's calendar with the booker invited; neither → Together's iCalendar email invitation.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import type { Express } from 'express';
import { deliverMail } from '../../../backend/domain/outbox/deliver-mail.js';
import type { MailOutbox, MailRef } from '../../../backend/domain/outbox/outbox.js';
import { reconcileSessions } from '../../../backend/domain/scheduling/reconcile-sessions.js';
import { eventIdFor } from '../../../backend/domain/scheduling/session-event.js';
import { IdTokenVerifier } from '../../../backend/google/id-tokens.js';
import { createMailer, type Mailer } from '../../../backend/mail/mailer.js';
import { captureLogs, createTestApp, expectStatus } from '../../support/app.js';
import { emulatedGoogle } from '../../support/google.js';
import { createSmtpServer, type TestSmtpServer } from '../../support/smtp-server.js';
import { addPair, as, AUDIENCE, control, eventOf, type SchedulingWorld } from './support.js';
import { useWorld } from './use-world.js';

const world = useWorld();
const { logger } = captureLogs('fatal');
const MADRID = 'Europe/Madrid';
let smtp: TestSmtpServer;
let mailer: Mailer;
let outbox: MailOutbox;
let app: Express;

beforeAll(async () => {
  smtp = await createSmtpServer();
  mailer = createMailer({ transport: 'smtp', url: smtp.url, from: 'Together Calendar <calendar@together.test>' });
  // The outbox as main.ts wires it, its queue delivering at once over the real SMTP server.
  outbox = {
    sender: mailer.sender,
    queue: async (ref: MailRef) => {
      await deliverMail({ prisma: world().db.prisma, clock: world().clock.now, logger, mailer, maxAttempts: 3 }, ref);
    },
  };
  const { endpoints } = emulatedGoogle(world().emulator.url, world().emulator.serviceAccounts[0]!, {
    marketplaceListingUrl: 'https://example.test/listing',
  });
  app = createTestApp(world().db, {
    clock: world().deps.clock,
    userApi: { ...world().deps, outbox, verifier: new IdTokenVerifier(endpoints, [AUDIENCE]) },
  }).app;
}, 60_000);
afterAll(async () => {
  mailer.close();
  await smtp.stop();
});

/** A pair of new people in Madrid (09:00–18:00), some of whom the integration does not reach. */
async function pair(w: SchedulingWorld, names: [string, string], notConnected: Array<'mentor' | 'mentee'>) {
  const made = await addPair(
    w,
    { name: names[0], timeZone: MADRID, hours: ['09:00', '18:00'] },
    { name: names[1], timeZone: MADRID, hours: ['09:00', '18:00'] },
    { sessionDurations: [30, 60], bufferMinutes: 0 },
  );
  for (const side of notConnected) {
    await w.db.prisma.personCalendarAccess.create({
      data: { organizationId: w.organizationId, personId: made[side].id, status: 'NOT_INSTALLED', checkedAt: w.clock.now() },
    });
  }
  return made;
}

/** Whether Google was asked anything as this person (their delegated access was never used). */
const askedAs = async (email: string) => Object.keys((await world().google.requests()).perSubject).includes(email);

/** The iCalendar part of a received mail, parsed. */
async function invitationOf(raw: string) {
  const parsed = await simpleParser(raw);
  const part = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error('no text/calendar part');
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    contentType: raw.match(/Content-Type: text\/calendar[^\r\n]*/i)?.[0] ?? '',
    text: parsed.text ?? '',
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    // The mailto: scheme is case-insensitive (RFC 3986); ical-generator writes it in capitals.
    organizer: String(event.getFirstPropertyValue('organizer')).toLowerCase(),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase()),
    rsvp: event.getAllProperties('attendee').map((p) => p.getParameter('rsvp')),
  };
}

const mailsFor = (sessionId: string) => smtp.mails.filter((m) => m.messageId.startsWith(`<invitation.${sessionId}.`));

describe('only the match is connected', () => {
  it('the booker books: slots from the match’s calendar, the event in the match’s calendar with the booker invited and Meet; either member moves and cancels it there', async () => {
    const w = world();
    const { matchingId, mentor, mentee } = await pair(w, ['Mara', 'Noel'], ['mentee']);
    const day = w.days.next();
    await control(w, 'POST', `/users/${mentor.email}/events`, {
      summary: 'Busy',
      start: { dateTime: day.at('14:00').toISOString() },
      end: { dateTime: day.at('15:00').toISOString() },
    });
    const noel = await as(w, mentee.email, app);
    const slots = await noel.get(`/matchings/${matchingId}/slots?duration=60&from=${day.range.from}&to=${day.range.to}`);
    expectStatus(slots, 200);
    // Together's one-connected-side case: the connected person's own availability is used; the other's calendar is unknown.
    expect(slots.body).toMatchObject({ checked: { viewer: false, match: true }, unchecked: false });
    const starts = (slots.body.slots as Array<{ start: string }>).map((s) => Date.parse(s.start));
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.filter((s) => s > day.at('13:00').getTime() && s < day.at('15:00').getTime())).toEqual([]);

    const booked = await noel.post(`/matchings/${matchingId}/sessions`, { start: day.at('15:00').toISOString(), durationMinutes: 30 });
    expectStatus(booked, 201);
    expect(booked.body.session).toMatchObject({
      calendarPath: 'MATCH_CALENDAR',
      viewerIsOrganizer: false,
      organizer: { email: mentor.email },
      attendee: { email: mentee.email },
      rsvpVisible: true,
      matchResponseStatus: 'accepted',
      calendar: { calendarId: mentor.email, eventId: eventIdFor(booked.body.session.id) },
      calendarNote:
        "It is in Mara's Google Calendar; you are invited by Google. You booked it, but your calendar is not connected to Together.",
    });
    const event = await eventOf(w, mentor.email, eventIdFor(booked.body.session.id));
    expect(event.organizer?.email).toBe(mentor.email);
    expect(event.attendees.map((a) => a.email)).toContain(mentee.email);
    expect(event.hangoutLink).toMatch(/^https:\/\/meet\./);
    expect(event.emulator.sendUpdates).toEqual(['all']);

    const mara = await as(w, mentor.email, app);
    const seen = await mara.get(`/sessions/${booked.body.session.id}`);
    expect(seen.body.session).toMatchObject({
      viewerIsOrganizer: true,
      calendarNote:
        'It is in your Google Calendar; Noel is invited by Google. Noel booked it, but their calendar is not connected to Together.',
    });

    const moved = await noel.post(`/sessions/${booked.body.session.id}/reschedule`, {
      version: booked.body.session.version,
      start: day.at('16:00').toISOString(),
    });
    expectStatus(moved, 200);
    expect((await eventOf(w, mentor.email, eventIdFor(booked.body.session.id))).start.dateTime).toBe(day.at('16:00').toISOString());
    const cancelled = await noel.post(`/sessions/${booked.body.session.id}/cancel`, { version: moved.body.session.version });
    expectStatus(cancelled, 200);
    expect((await eventOf(w, mentor.email, eventIdFor(booked.body.session.id))).status).toBe('cancelled');
    expect(await askedAs(mentee.email)).toBe(false);
    expect(mailsFor(booked.body.session.id)).toHaveLength(0);
  });
});

describe('neither is connected', () => {
  it('Together mails both an iCalendar invitation (REQUEST, organizer Together, one UID), SEQUENCE raised on each move, CANCEL on cancel', async () => {
    const w = world();
    const { matchingId, mentor, mentee } = await pair(w, ['Pia', 'Quinn'], ['mentor', 'mentee']);
    const day = w.days.next();
    const pia = await as(w, mentor.email, app);
    const slots = await pia.get(`/matchings/${matchingId}/slots?duration=30&from=${day.range.from}&to=${day.range.to}`);
    expect(slots.body).toMatchObject({ checked: { viewer: false, match: false }, unchecked: true });
    const booked = await pia.post(`/matchings/${matchingId}/sessions`, { start: day.at('10:00').toISOString(), durationMinutes: 30 });
    expectStatus(booked, 201);
    const id = booked.body.session.id as string;
    expect(booked.body.session).toMatchObject({
      status: 'CONFIRMED',
      calendarPath: 'EMAIL_INVITATION',
      rsvpVisible: false,
      matchResponseStatus: null,
      attendeeResponseStatus: null,
      calendar: { calendarId: null, eventId: null },
      conference: { status: 'NONE', meetLink: null },
    });
    expect(booked.body.session.calendarNote).toContain('Together cannot see whether it was accepted');

    const first = mailsFor(id);
    expect(first.map((m) => m.to[0]).sort()).toEqual([mentor.email, mentee.email].sort());
    expect(new Set(first.map((m) => m.messageId)).size).toBe(2);
    const invitations = await Promise.all(first.map((m) => invitationOf(m.raw)));
    for (const invitation of invitations) {
      expect(invitation).toMatchObject({ method: 'REQUEST', sequence: 0, start: day.at('10:00').toISOString() });
      expect(invitation.contentType).toMatch(/text\/calendar;.*method=REQUEST/i);
      expect(invitation.uid).toBe(`together-session-${id}@together.test`);
      expect(invitation.organizer).toBe('mailto:calendar@together.test');
      expect(invitation.attendees.sort()).toEqual([`mailto:${mentor.email}`, `mailto:${mentee.email}`].sort());
      expect(invitation.rsvp).toEqual(['FALSE', 'FALSE']);
      expect(invitation.text).toContain('Together does not see replies to this invitation');
    }
    expect(await w.db.prisma.notification.findMany({ where: { sessionId: id } })).toHaveLength(2);

    const quinn = await as(w, mentee.email, app);
    const moved = await quinn.post(`/sessions/${id}/reschedule`, {
      version: booked.body.session.version,
      start: day.at('11:00').toISOString(),
    });
    expectStatus(moved, 200);
    const second = mailsFor(id).filter((m) => !first.includes(m));
    expect(second).toHaveLength(2);
    for (const invitation of await Promise.all(second.map((m) => invitationOf(m.raw)))) {
      expect(invitation).toMatchObject({
        method: 'REQUEST',
        sequence: 1,
        uid: `together-session-${id}@together.test`,
        start: day.at('11:00').toISOString(),
      });
    }

    const cancelled = await pia.post(`/sessions/${id}/cancel`, { version: moved.body.session.version });
    expectStatus(cancelled, 200);
    expect(cancelled.body.session.status).toBe('CANCELLED');
    const third = mailsFor(id).filter((m) => !first.includes(m) && !second.includes(m));
    expect(third).toHaveLength(2);
    for (const invitation of await Promise.all(third.map((m) => invitationOf(m.raw)))) {
      expect(invitation.contentType).toMatch(/method=CANCEL/i);
      expect(invitation).toMatchObject({ method: 'CANCEL', sequence: 2, uid: `together-session-${id}@together.test` });
    }
    expect(await askedAs(mentor.email)).toBe(false);
    expect(await askedAs(mentee.email)).toBe(false);
  });

  it('a booking that crashed before its invitations: the reconciler sends them once, a retry of the booking sends nothing more', async () => {
    const w = world();
    const { matchingId, mentor } = await pair(w, ['Rita', 'Sam'], ['mentor', 'mentee']);
    const day = w.days.next();
    const rita = await as(w, mentor.email, app);
    w.crash.at = 'booking.pending';
    const start = day.at('12:00').toISOString();
    expectStatus(await rita.post(`/matchings/${matchingId}/sessions`, { start, durationMinutes: 30 }), 500);
    const pending = await w.db.prisma.mentoringSession.findFirstOrThrow({ where: { matchingId } });
    expect(pending).toMatchObject({ status: 'PENDING', operation: 'BOOKING', calendarPath: 'EMAIL_INVITATION' });
    expect(mailsFor(pending.id)).toHaveLength(0);

    w.clock.advance(5 * 60_000);
    await reconcileSessions({ ...w.deps, outbox });
    await reconcileSessions({ ...w.deps, outbox });
    expect(await w.db.prisma.mentoringSession.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: 'CONFIRMED',
      operation: 'NONE',
    });
    expect(mailsFor(pending.id)).toHaveLength(2);
    // The user tries again: the slot is theirs already; no second session, no second invitation.
    expectStatus(await rita.post(`/matchings/${matchingId}/sessions`, { start, durationMinutes: 30 }), 409);
    expect(await w.db.prisma.mentoringSession.count({ where: { matchingId } })).toBe(1);
    expect(mailsFor(pending.id)).toHaveLength(2);
    expect(await w.db.prisma.notification.count({ where: { sessionId: pending.id } })).toBe(2);
  });
});
