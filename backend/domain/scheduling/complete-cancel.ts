// The second half of a cancellation: the Google delete and the final database update. cancelSession
// runs it right after claiming the session; the reconciler runs it for cancellations a crash left halfway.
import type { SchedulingDeps } from './deps.js';
import { callGoogle } from './google-call.js';
import { finishOperation, finishWithInvitations, loadForSaga } from './saga-session.js';
import { readSessionView, type SessionView } from './session-view.js';

/** Finishes a cancellation: deletes the event (already gone counts as done), then marks it cancelled. Answers the session as it is then. */
export async function completeCancel(deps: SchedulingDeps, sessionId: string): Promise<SessionView | undefined> {
  const session = await loadForSaga(deps, sessionId);
  if (!session) return undefined;
  if (session.operation !== 'CANCELLING') return readSessionView(deps, sessionId);
  if (session.calendarPath === 'EMAIL_INVITATION') {
    const sequence = session.invitationSequence + 1;
    const done = {
      status: 'CANCELLED',
      invitationSequence: sequence,
      operation: 'NONE',
      operationStartedAt: null,
      version: { increment: 1 },
    } as const;
    return finishWithInvitations(deps, session, 'CANCELLING', done, {
      method: 'CANCEL',
      sequence,
      start: session.startAt,
      end: session.endAt,
    });
  }
  if (session.googleEventId) {
    // Already gone (not_found, gone) counts as deleted.
    await callGoogle(deps, () => deps.calendar.deleteEvent(session.actingAs, session.googleEventId!), ['not_found', 'gone']);
  }
  await deps.onSagaStep?.('cancel.deleted', session.id);
  return finishOperation(deps, session.id, 'CANCELLING', {
    status: 'CANCELLED',
    operation: 'NONE',
    operationStartedAt: null,
    version: { increment: 1 },
  });
}
