// The second half of a booking: the Google insert and the final database update. bookSession runs
// it right after claiming the session; the reconciler runs it for bookings a crash left halfway.
// Every step is idempotent, so running it twice is harmless.
import type { CalendarEvent } from '../../google/calendar.js';
import type { Impersonation } from '../../google/impersonation.js';
import { AppError } from '../errors.js';
import { DEFAULT_CONFERENCE_POLL, type SchedulingDeps } from './deps.js';
import { callGoogle, ExpectedFailure } from './google-call.js';
import { abandonOperation, finishOperation, finishWithInvitations, loadForSaga } from './saga-session.js';
import { eventIdFor, eventMetadata, newEvent, SESSION_PROPERTY } from './session-event.js';
import { readSessionView, type SessionView } from './session-view.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Finishes a booking: inserts the event with the session's deterministic id (a 409 duplicate means
 * an earlier attempt got through: adopt that event), waits briefly for Meet, then confirms. A
 * definitive refusal marks the session FAILED; a Google outage leaves it PENDING for the reconciler.
 * Answers the session as it is then (undefined if there is none).
 */
export async function completeBooking(
  deps: SchedulingDeps,
  sessionId: string,
  options: { giveUpIfMissing?: boolean } = {},
): Promise<SessionView | undefined> {
  const session = await loadForSaga(deps, sessionId);
  if (!session) return undefined;
  if (session.operation !== 'BOOKING') return readSessionView(deps, sessionId);
  if (session.calendarPath === 'EMAIL_INVITATION') {
    if (options.giveUpIfMissing) {
      // Left halfway until it began: an invitation now would be for a session already under way.
      await abandonOperation(deps, session.id, 'BOOKING', { status: 'FAILED' });
      throw new AppError('session_not_modifiable', 'The booking could not be completed; no invitation was sent.');
    }
    const done = { status: 'CONFIRMED', operation: 'NONE', operationStartedAt: null, version: { increment: 1 } } as const;
    return finishWithInvitations(deps, session, 'BOOKING', done, {
      method: 'REQUEST',
      sequence: 0,
      start: session.startAt,
      end: session.endAt,
    });
  }
  const organizer = session.actingAs;
  const eventId = session.googleEventId ?? eventIdFor(session.id);
  let inserted: CalendarEvent | ExpectedFailure<'duplicate'>;
  try {
    inserted = options.giveUpIfMissing
      ? await adoptExisting(deps, organizer, eventId, session.id)
      : await callGoogle(deps, () => deps.calendar.insertEvent(organizer, newEvent(session, eventId)), ['duplicate']);
  } catch (error) {
    if (error instanceof AppError && error.code === 'calendar_unavailable') throw error;
    await abandonOperation(deps, session.id, 'BOOKING', { status: 'FAILED' });
    throw error;
  }
  // A duplicate means an earlier attempt got through: adopt its event.
  let event = inserted instanceof ExpectedFailure ? await adoptExisting(deps, organizer, eventId, session.id) : inserted;
  await deps.onSagaStep?.('booking.inserted', session.id);
  event = await waitForConference(deps, organizer, event);
  return finishOperation(deps, session.id, 'BOOKING', {
    ...eventMetadata(session, event, deps.clock()),
    operation: 'NONE',
    operationStartedAt: null,
    version: { increment: 1 },
  });
}

/** The event an earlier attempt created, if it is ours; otherwise the booking failed. */
async function adoptExisting(deps: SchedulingDeps, organizer: Impersonation, eventId: string, sessionId: string): Promise<CalendarEvent> {
  const event = await callGoogle(deps, () => deps.calendar.getEvent(organizer, eventId), ['not_found', 'gone']);
  if (event instanceof ExpectedFailure || event.privateProperties[SESSION_PROPERTY] !== sessionId || event.status === 'cancelled') {
    await abandonOperation(deps, sessionId, 'BOOKING', { status: 'FAILED' });
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
