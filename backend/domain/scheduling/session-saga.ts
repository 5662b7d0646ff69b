// The second half of every session write: the Google call and the final database update. Use cases
// run it right after claiming the session; the reconciler runs it for sessions a crash left halfway.
// Every step is idempotent, so running it twice is harmless.
import type { CalendarEvent } from '../../google/calendar.js';
import type { Impersonation } from '../../google/impersonation.js';
import type { Prisma } from '../../store/generated/prisma/client.js';
import { AppError } from '../errors.js';
import { actAs } from '../verified-domains.js';
import { DEFAULT_CONFERENCE_POLL, type SchedulingDeps } from './deps.js';
import { callGoogle, ExpectedFailure } from './google-call.js';

/** The Google event id of a session: `tg` + the UUID's hex digits (hex is valid base32hex). */
export const eventIdFor = (sessionId: string): string => `tg${sessionId.replace(/-/g, '').toLowerCase()}`;

/** The private extended property that links an event back to its session. */
export const SESSION_PROPERTY = 'togetherSessionId';

/** What finishing a write needs to know about a session, read in one SQL round trip. */
interface SagaSession {
  id: string;
  operation: 'NONE' | 'BOOKING' | 'RESCHEDULING' | 'CANCELLING';
  sequenceNumber: number;
  startAt: Date;
  endAt: Date;
  targetStartAt: Date | null;
  targetEndAt: Date | null;
  googleEventId: string | null;
  organizer: { email: string; timeZone: string };
  /** The organizer, as Google is asked: inside the organization's verified domains only. */
  actingAs: Impersonation;
  attendee: { email: string };
  matching: { program: { name: string }; mentor: { displayName: string }; mentee: { displayName: string } };
}

interface SagaRow {
  id: string;
  operation: SagaSession['operation'];
  sequenceNumber: number;
  startAt: Date;
  endAt: Date;
  targetStartAt: Date | null;
  targetEndAt: Date | null;
  googleEventId: string | null;
  organizerEmail: string;
  organizerTimeZone: string;
  attendeeEmail: string;
  programName: string;
  mentorName: string;
  menteeName: string;
  verifiedDomains: string[];
}

async function loadForSaga(deps: SchedulingDeps, sessionId: string): Promise<SagaSession | undefined> {
  const rows = await deps.prisma.$queryRaw<SagaRow[]>`
    SELECT s.id, s.operation::text AS operation, s."sequenceNumber", s."startAt", s."endAt", s."targetStartAt", s."targetEndAt", s."googleEventId",
           o.email AS "organizerEmail", o."timeZone" AS "organizerTimeZone", a.email AS "attendeeEmail",
           p.name AS "programName",
           CASE WHEN m."mentorId" = o.id THEN o."displayName" ELSE a."displayName" END AS "mentorName",
           CASE WHEN m."mentorId" = o.id THEN a."displayName" ELSE o."displayName" END AS "menteeName",
           ARRAY(SELECT d.domain FROM "WorkspaceDomain" d WHERE d."organizationId" = s."organizationId" AND d."verifiedAt" IS NOT NULL) AS "verifiedDomains"
      FROM "MentoringSession" s
      JOIN "Person" o ON o."organizationId" = s."organizationId" AND o.id = s."organizerId"
      JOIN "Person" a ON a."organizationId" = s."organizationId" AND a.id = s."attendeeId"
      JOIN "Matching" m ON m."organizationId" = s."organizationId" AND m.id = s."matchingId"
      JOIN "Program" p ON p."organizationId" = s."organizationId" AND p.id = m."programId"
     WHERE s.id = ${sessionId}::uuid`;
  // The members are the organizer and the attendee; joining Person twice more made planning the costliest step.
  const row = rows[0];
  if (!row) return undefined;
  return {
    ...row,
    organizer: { email: row.organizerEmail, timeZone: row.organizerTimeZone },
    actingAs: actAs(row.organizerEmail, row.verifiedDomains),
    attendee: { email: row.attendeeEmail },
    matching: { program: { name: row.programName }, mentor: { displayName: row.mentorName }, mentee: { displayName: row.menteeName } },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `cancelReason` of a session whose event its organizer deleted or cancelled in Google Calendar. */
export const CANCELLED_IN_GOOGLE = 'Cancelled in Google Calendar by the organizer.';

/** What we keep of an event: ids, etag, the match's RSVP, the Meet link. Never titles or descriptions. */
export function eventMetadata(session: { attendee: { email: string } }, event: CalendarEvent, now: Date): Prisma.MentoringSessionUpdateManyMutationInput {
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

/**
 * Finishes a booking: inserts the event with the session's deterministic id (a 409 duplicate means
 * an earlier attempt got through: adopt that event), waits briefly for Meet, then confirms. A
 * definitive refusal marks the session FAILED; a Google outage leaves it PENDING for the reconciler.
 */
export async function completeBooking(deps: SchedulingDeps, sessionId: string, options: { giveUpIfMissing?: boolean } = {}): Promise<void> {
  const session = await loadForSaga(deps, sessionId);
  if (!session || session.operation !== 'BOOKING') return;
  const organizer = session.actingAs;
  const eventId = session.googleEventId ?? eventIdFor(session.id);
  let inserted: CalendarEvent | ExpectedFailure<'duplicate'>;
  try {
    inserted = options.giveUpIfMissing
      ? await adoptExisting(deps, organizer, eventId, session.id)
      : await callGoogle(deps, () => deps.calendar.insertEvent(organizer, newEvent(session, eventId)), ['duplicate']);
  } catch (error) {
    if (error instanceof AppError && error.code === 'calendar_unavailable') throw error;
    await deps.prisma.mentoringSession.updateMany({
      where: { id: session.id, operation: 'BOOKING' },
      data: { status: 'FAILED', operation: 'NONE', operationStartedAt: null, version: { increment: 1 } },
    });
    throw error;
  }
  // A duplicate means an earlier attempt got through: adopt its event.
  let event = inserted instanceof ExpectedFailure ? await adoptExisting(deps, organizer, eventId, session.id) : inserted;
  await deps.onSagaStep?.('booking.inserted', session.id);
  event = await waitForConference(deps, organizer, event);
  await deps.prisma.mentoringSession.updateMany({
    where: { id: session.id, operation: 'BOOKING' },
    data: { ...eventMetadata(session, event, deps.clock()), operation: 'NONE', operationStartedAt: null, version: { increment: 1 } },
  });
}

/** The event an earlier attempt created, if it is ours; otherwise the booking failed. */
async function adoptExisting(deps: SchedulingDeps, organizer: Impersonation, eventId: string, sessionId: string): Promise<CalendarEvent> {
  const event = await callGoogle(deps, () => deps.calendar.getEvent(organizer, eventId), ['not_found', 'gone']);
  if (event instanceof ExpectedFailure || event.privateProperties[SESSION_PROPERTY] !== sessionId || event.status === 'cancelled') {
    await deps.prisma.mentoringSession.updateMany({
      where: { id: sessionId, operation: 'BOOKING' },
      data: { status: 'FAILED', operation: 'NONE', operationStartedAt: null, version: { increment: 1 } },
    });
    throw new AppError('session_not_modifiable', 'The booking could not be completed; nothing is in the calendar.');
  }
  return event;
}

async function waitForConference(deps: SchedulingDeps, organizer: Impersonation, inserted: CalendarEvent): Promise<CalendarEvent> {
  const poll = deps.conferencePoll ?? DEFAULT_CONFERENCE_POLL;
  let event = inserted;
  for (let attempt = 0; attempt < poll.attempts && event.conference === 'pending'; attempt++) {
    await sleep(poll.delayMs);
    try {
      event = await deps.calendar.getEvent(organizer, event.id);
    } catch {
      break; // Meet is a nicety: the session is booked either way; the RSVP refresh picks the link up later.
    }
  }
  return event;
}

function newEvent(session: SagaSession, eventId: string) {
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

/** Finishes a reschedule: patches the event to the target times (keeping Meet), then records them. */
export async function completeReschedule(deps: SchedulingDeps, sessionId: string): Promise<void> {
  const session = await loadForSaga(deps, sessionId);
  if (!session || session.operation !== 'RESCHEDULING' || !session.targetStartAt || !session.targetEndAt || !session.googleEventId) return;
  const start = session.targetStartAt;
  const end = session.targetEndAt;
  const event = await callGoogle(
    deps,
    () => deps.calendar.moveEvent(session.actingAs, session.googleEventId!, { start, end, timeZone: session.organizer.timeZone }),
    ['not_found', 'gone'],
  );
  if (event instanceof ExpectedFailure) {
    // Deleted in Google meanwhile: the session is cancelled, not moved.
    await deps.prisma.mentoringSession.updateMany({
      where: { id: session.id, operation: 'RESCHEDULING' },
      data: { status: 'CANCELLED', operation: 'NONE', operationStartedAt: null, targetStartAt: null, targetEndAt: null, version: { increment: 1 } },
    });
    throw new AppError('session_not_modifiable', 'The calendar event of this session was deleted in Google Calendar.');
  }
  await deps.onSagaStep?.('reschedule.patched', session.id);
  await deps.prisma.mentoringSession.updateMany({
    where: { id: session.id, operation: 'RESCHEDULING' },
    data: {
      ...eventMetadata(session, event, deps.clock()),
      startAt: start,
      endAt: end,
      durationMinutes: Math.round((end.getTime() - start.getTime()) / 60_000),
      operation: 'NONE',
      operationStartedAt: null,
      targetStartAt: null,
      targetEndAt: null,
      version: { increment: 1 },
    },
  });
}

/** Finishes a cancellation: deletes the event (already gone counts as done), then marks it cancelled. */
export async function completeCancel(deps: SchedulingDeps, sessionId: string): Promise<void> {
  const session = await loadForSaga(deps, sessionId);
  if (!session || session.operation !== 'CANCELLING') return;
  if (session.googleEventId) {
    // Already gone (not_found, gone) counts as deleted.
    await callGoogle(deps, () => deps.calendar.deleteEvent(session.actingAs, session.googleEventId!), ['not_found', 'gone']);
  }
  await deps.onSagaStep?.('cancel.deleted', session.id);
  await deps.prisma.mentoringSession.updateMany({
    where: { id: session.id, operation: 'CANCELLING' },
    data: { status: 'CANCELLED', operation: 'NONE', operationStartedAt: null, version: { increment: 1 } },
  });
}
