import { DateTime } from 'luxon';
import { z } from 'zod';
import type { FreeSlots } from '../../domain/scheduling/find-free-slots.js';
import type { getMe } from '../../domain/scheduling/get-me.js';
import { allowedActions, durationMinutesOf } from '../../domain/scheduling/session-state.js';
import type { SessionView } from '../../domain/scheduling/session-view.js';
import { canonicalTimeZone } from '../../domain/values.js';
import { displayName, email, id, isoInstant, localInstant, timeZone } from '../presenters/wire.js';

const personRef = z.strictObject({ id, displayName, email });

/** A session from the viewer's side (an admin's: no viewer, so `role` and `match` are null). See README.md › Session. */
export const sessionSchema = z
  .strictObject({
    id,
    /** Send it back to reschedule or cancel: a stale one is 409 `version_conflict`. */
    version: z.int(),
    matchingId: id,
    sessionNumber: z.int(),
    program: z.strictObject({ id, name: z.string() }),
    role: z.enum(['mentor', 'mentee']).nullable(),
    /** The other member. */
    match: personRef.nullable(),
    organizer: personRef,
    attendee: personRef,
    viewerIsOrganizer: z.boolean(),
    agenda: z.string().nullable(),
    start: isoInstant,
    end: isoInstant,
    timeZone,
    startLocal: localInstant,
    endLocal: localInstant,
    durationMinutes: z.int(),
    status: z.enum(['PENDING', 'CONFIRMED', 'DECLINED', 'CANCELLED', 'FAILED']),
    pendingOperation: z.enum(['BOOKING', 'RESCHEDULING', 'CANCELLING']).nullable(),
    /** How the session reached the members' calendars (see calendarNote). */
    calendarPath: z.enum(['BOOKER_CALENDAR', 'MATCH_CALENDAR', 'EMAIL_INVITATION']),
    /** False for email invitations: Together cannot see the answers, so there is no RSVP to show. */
    rsvpVisible: z.boolean(),
    /** Where the session is, in plain words from the viewer's side. */
    calendarNote: z.string(),
    attendeeResponseStatus: responseStatus().nullable(),
    /** The invited member's answer when the viewer organizes, else `accepted` (the organizer); null when not visible. */
    matchResponseStatus: responseStatus().nullable(),
    rsvpCheckedAt: isoInstant.nullable(),
    conference: z.strictObject({ status: z.enum(['NONE', 'PENDING', 'SUCCESS', 'FAILURE']), meetLink: z.string().nullable() }),
    calendar: z.strictObject({ calendarId: z.string().nullable(), eventId: z.string().nullable() }),
    cancelReason: z.string().nullable(),
    /** What the members should look at (`declined`, `time_conflict`, `moved_to_other_calendar`; more may come: show `message`). */
    attention: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    allowedActions: z.array(z.enum(['reschedule', 'cancel'])),
  })
  .meta({ id: 'Session', description: "A mentoring session from the viewer's side." });

function responseStatus() {
  return z.enum(['needsAction', 'accepted', 'tentative', 'declined']);
}

/** Ranked slots to book or move to, in the viewer's zone. */
export const slotsSchema = z
  .strictObject({
    timeZone,
    durationMinutes: z.int(),
    range: z.strictObject({ from: isoInstant, to: isoInstant }),
    /** Whose calendars Google answered for; false: only working hours and Together sessions were used. */
    checked: z.strictObject({ viewer: z.boolean(), match: z.boolean() }),
    /** True when neither calendar could be read: the slots only respect working hours. */
    unchecked: z.boolean(),
    slots: z.array(z.strictObject({ start: isoInstant, end: isoInstant, startLocal: localInstant, endLocal: localInstant })),
  })
  .meta({ id: 'Slots', description: "Ranked mutual free slots, in the viewer's zone." });

/** The signed-in person, their organization, their calendar connection and their active matchings. */
export const meSchema = z
  .strictObject({
    person: personRef.extend({ timeZone }),
    organization: z.strictObject({ id, name: z.string() }),
    calendarConnected: z.boolean(),
    calendarConnection: z.strictObject({
      method: z.enum(['DOMAIN_WIDE', 'PER_USER']).nullable(),
      /** Per-user only (null otherwise). */
      status: z.enum(['CONNECTED', 'NEEDS_RECONNECT', 'BLOCKED_BY_POLICY', 'NOT_CONNECTED']).nullable(),
      connectedAt: isoInstant.nullable(),
    }),
    matchings: z.array(
      z.strictObject({
        id,
        role: z.enum(['mentor', 'mentee']),
        agenda: z.string().nullable(),
        program: z.strictObject({ id, name: z.string(), sessionDurations: z.array(z.int()) }),
        match: personRef.extend({ timeZone }),
      }),
    ),
  })
  .meta({ id: 'Me', description: 'The signed-in person, their organization, calendar connection and active matchings.' });

/** An instant shown in a zone: ISO with the zone's offset, e.g. 2026-03-30T10:00:00.000+02:00. */
const local = (at: Date | number, zone: string): string =>
  DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone }).toISO() ?? '';

/** The zone to show times in: the one asked for if valid, else the viewer's own. */
export const viewZone = (asked: string | undefined, fallback: string): string => (asked && canonicalTimeZone(asked)) || fallback;

/** A session as the add-on shows it, from the viewer's side. */
export function presentSession(
  session: SessionView,
  viewerPersonId: string | null,
  zone: string,
  now: Date,
): z.output<typeof sessionSchema> {
  const { matching } = session;
  const viewerIsMentor = viewerPersonId === matching.mentorId;
  const viewerIsOrganizer = viewerPersonId === session.organizerId;
  const match = viewerPersonId === null ? null : viewerIsOrganizer ? session.attendee : session.organizer;
  const rsvpVisible = session.calendarPath !== 'EMAIL_INVITATION';
  return {
    id: session.id,
    version: session.version,
    matchingId: session.matchingId,
    sessionNumber: session.sequenceNumber,
    program: { id: matching.program.id, name: matching.program.name },
    role: viewerPersonId === null ? null : viewerIsMentor ? 'mentor' : 'mentee',
    match: match ? { id: match.id, displayName: match.displayName, email: match.email } : null,
    organizer: { id: session.organizer.id, displayName: session.organizer.displayName, email: session.organizer.email },
    attendee: { id: session.attendee.id, displayName: session.attendee.displayName, email: session.attendee.email },
    viewerIsOrganizer,
    agenda: matching.agenda,
    start: session.startAt.toISOString(),
    end: session.endAt.toISOString(),
    timeZone: zone,
    startLocal: local(session.startAt, zone),
    endLocal: local(session.endAt, zone),
    durationMinutes: durationMinutesOf(session),
    status: session.status,
    pendingOperation: session.operation === 'NONE' ? null : session.operation,
    /** How the session reached the members' calendars (see calendarNote). */
    calendarPath: session.calendarPath,
    /** False for email invitations: Together cannot see the answers, so there is no RSVP to show. */
    rsvpVisible,
    calendarNote: calendarNote(session, viewerPersonId),
    /** The invited member's answer (null when not visible); the organizer is always attending their own event. */
    attendeeResponseStatus: rsvpVisible ? session.attendeeResponseStatus : null,
    matchResponseStatus: !rsvpVisible ? null : viewerIsOrganizer ? session.attendeeResponseStatus : 'accepted',
    rsvpCheckedAt: session.rsvpCheckedAt?.toISOString() ?? null,
    conference: { status: session.conferenceStatus, meetLink: session.meetLink },
    calendar: { calendarId: session.googleCalendarId, eventId: session.googleEventId },
    cancelReason: session.cancelReason,
    attention: presentAttention(session, viewerPersonId),
    allowedActions: allowedActions(session, now),
  };
}

/** Where the session is, in plain words from the viewer's side (an admin's: null viewer). */
export function calendarNote(session: SessionView, viewerPersonId: string | null): string {
  if (session.calendarPath === 'EMAIL_INVITATION') {
    return (
      'Neither calendar is connected to Together, so Together emailed both of you an invitation to add to your calendars. ' +
      'Together cannot see whether it was accepted, and the session has no video link.'
    );
  }
  const organizer = session.organizer.id === viewerPersonId ? 'your' : `${session.organizer.displayName}'s`;
  const attendee = session.attendee.id === viewerPersonId ? 'you are' : `${session.attendee.displayName} is`;
  const where = `It is in ${organizer} Google Calendar; ${attendee} invited by Google.`;
  if (session.calendarPath === 'BOOKER_CALENDAR') return where;
  const booker =
    session.attendee.id === viewerPersonId
      ? 'You booked it, but your calendar is'
      : `${session.attendee.displayName} booked it, but their calendar is`;
  return `${where} ${booker} not connected to Together.`;
}

/**
 * What the members should look at, or null: `declined` (the attendee declined; the organizer is told),
 * else what calendar sync flagged (`time_conflict`, `moved_to_other_calendar`). Nothing for sessions
 * that are over with (cancelled, failed).
 */
export function presentAttention(session: SessionView, viewerPersonId: string | null): { code: string; message: string } | null {
  if (session.status === 'DECLINED') {
    const who = viewerPersonId === session.attendeeId ? 'You' : session.attendee.displayName;
    return { code: 'declined', message: `${who} declined this session.` };
  }
  if (session.status !== 'CONFIRMED' && session.status !== 'PENDING') return null;
  return session.attentionCode ? { code: session.attentionCode, message: session.attentionMessage ?? '' } : null;
}

/** Ranked slots in the viewer's zone, and whether Google confirmed each member's calendar. */
export function presentSlots(result: FreeSlots): z.output<typeof slotsSchema> {
  return {
    timeZone: result.timeZone,
    durationMinutes: result.durationMinutes,
    range: { from: new Date(result.range.start).toISOString(), to: new Date(result.range.end).toISOString() },
    checked: result.checked,
    /** True when neither calendar could be read: the slots only respect working hours. */
    unchecked: !result.checked.viewer && !result.checked.match,
    slots: result.slots.map((slot) => ({
      start: new Date(slot.start).toISOString(),
      end: new Date(slot.end).toISOString(),
      startLocal: local(slot.start, result.timeZone),
      endLocal: local(slot.end, result.timeZone),
    })),
  };
}

/** The signed-in person and their matchings. */
export function presentMe(me: Awaited<ReturnType<typeof getMe>>): z.output<typeof meSchema> {
  return {
    person: { id: me.person.id, email: me.person.email, displayName: me.person.displayName, timeZone: me.person.timeZone },
    organization: { id: me.organization.id, name: me.organization.name },
    calendarConnected: me.calendarConnected,
    calendarConnection: {
      method: me.calendarConnection.method,
      status: me.calendarConnection.status,
      connectedAt: me.calendarConnection.connectedAt?.toISOString() ?? null,
    },
    matchings: me.matchings.map(({ matching, role, program, match }) => ({
      id: matching.id,
      role,
      agenda: matching.agenda,
      program: { id: program.id, name: program.name, sessionDurations: program.sessionDurations.filter((d) => [30, 45, 60].includes(d)) },
      match: { id: match.id, displayName: match.displayName, email: match.email, timeZone: match.timeZone },
    })),
  };
}
