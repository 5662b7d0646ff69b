// The second half of a reschedule: the Google patch and the final database update. rescheduleSession
// runs it right after claiming the session; the reconciler runs it for moves a crash left halfway.
import { AppError } from '../errors.js';
import type { SchedulingDeps } from './deps.js';
import { callGoogle, ExpectedFailure } from './google-call.js';
import { abandonOperation, finishOperation, finishWithInvitations, loadForSaga } from './saga-session.js';
import { eventMetadata } from './session-event.js';
import { readSessionView, type SessionView } from './session-view.js';

/** Finishes a reschedule: patches the event to the target times (keeping Meet), then records them. Answers the session as it is then. */
export async function completeReschedule(deps: SchedulingDeps, sessionId: string): Promise<SessionView | undefined> {
  const session = await loadForSaga(deps, sessionId);
  if (!session) return undefined;
  if (session.operation !== 'RESCHEDULING' || !session.targetStartAt || !session.targetEndAt) return readSessionView(deps, sessionId);
  const start = session.targetStartAt;
  const end = session.targetEndAt;
  if (session.calendarPath === 'EMAIL_INVITATION') {
    // The same UID with a higher SEQUENCE: calendars replace the earlier invitation.
    const sequence = session.invitationSequence + 1;
    const moved = { startAt: start, endAt: end, targetStartAt: null, targetEndAt: null, invitationSequence: sequence };
    const done = { ...moved, operation: 'NONE', operationStartedAt: null, version: { increment: 1 } } as const;
    return finishWithInvitations(deps, session, 'RESCHEDULING', done, { method: 'REQUEST', sequence, start, end });
  }
  if (!session.googleEventId) return readSessionView(deps, sessionId);
  const event = await callGoogle(
    deps,
    () => deps.calendar.moveEvent(session.actingAs, session.googleEventId!, { start, end, timeZone: session.organizer.timeZone }),
    ['not_found', 'gone'],
  );
  if (event instanceof ExpectedFailure) {
    // Deleted in Google meanwhile: the session is cancelled, not moved.
    await abandonOperation(deps, session.id, 'RESCHEDULING', { status: 'CANCELLED', targetStartAt: null, targetEndAt: null });
    throw new AppError('session_not_modifiable', 'The calendar event of this session was deleted in Google Calendar.');
  }
  await deps.onSagaStep?.('reschedule.patched', session.id);
  return finishOperation(deps, session.id, 'RESCHEDULING', {
    ...eventMetadata(session, event, deps.clock()),
    startAt: start,
    endAt: end,
    operation: 'NONE',
    operationStartedAt: null,
    targetStartAt: null,
    targetEndAt: null,
    version: { increment: 1 },
  });
}
