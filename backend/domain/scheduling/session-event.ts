// A session's Google event: its id, the property linking it back, the fields a booking creates and
// what Together keeps of it.
import type { CalendarEvent } from '../../google/calendar.js';
import type { Prisma } from '../../store/generated/prisma/client.js';
import type { SagaSession } from './saga-session.js';

/** The Google event id of a session: `tg` + the UUID's hex digits (hex is valid base32hex). */
export const eventIdFor = (sessionId: string): string => `tg${sessionId.replace(/-/g, '').toLowerCase()}`;

/** The private extended property that links an event back to its session. */
export const SESSION_PROPERTY = 'togetherSessionId';

/** `cancelReason` of a session whose event its organizer deleted or cancelled in Google Calendar. */
export const CANCELLED_IN_GOOGLE = 'Cancelled in Google Calendar by the organizer.';

/** What we keep of an event: ids, etag, the match's RSVP, the Meet link. Never titles or descriptions. */
export function eventMetadata(
  session: { attendee: { email: string } },
  event: CalendarEvent,
  now: Date,
): Prisma.MentoringSessionUpdateManyMutationInput {
  const rsvp = event.attendees.find((a) => a.email === session.attendee.email)?.responseStatus ?? 'needsAction';
  return {
    googleEtag: event.etag ?? null,
    attendeeResponseStatus: rsvp,
    status: rsvp === 'declined' ? 'DECLINED' : 'CONFIRMED',
    rsvpCheckedAt: now,
    conferenceStatus: event.conference === 'none' ? 'NONE' : (event.conference.toUpperCase() as 'PENDING' | 'SUCCESS' | 'FAILURE'),
    meetLink: event.meetLink ?? null,
  };
}

/** The event a booking inserts in the organizer's calendar, with the match invited and a Meet request. */
export function newEvent(session: SagaSession, eventId: string) {
  const { program, mentor, mentee } = session.matching;
  return {
    id: eventId,
    summary: `Mentoring: ${mentor.displayName} & ${mentee.displayName}`,
    description:
      `Mentoring session ${session.sequenceNumber} of the ${program.name} program, between ${mentor.displayName} (mentor) ` +
      `and ${mentee.displayName} (mentee).\nBooked with Together: reschedule or cancel it from the Together add-on.`,
    start: session.startAt,
    end: session.endAt,
    timeZone: session.organizer.timeZone,
    attendees: [session.attendee.email],
    privateProperties: { [SESSION_PROPERTY]: session.id },
    meetRequestId: `together-${session.id}`,
  };
}
