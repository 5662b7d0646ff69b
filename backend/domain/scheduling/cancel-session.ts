import { loadViewerSession, requireUuid, type SessionViewer } from './access.js';
import type { SchedulingDeps } from './deps.js';
import { completeCancel } from './complete-cancel.js';
import { assertChangeable } from './session-state.js';
import { readSessionView, type SessionView } from './session-view.js';
import { answerWith } from './view-sessions.js';
import { AppError } from '../errors.js';

/** Cancelling a session: the version the caller read and an optional reason (kept in Together only). */
export interface CancelSessionInput {
  viewer: SessionViewer;
  sessionId: string;
  version: number;
  reason?: string;
  /** False for the admin API, which shows sessions as stored (no RSVP read from Google). */
  freshRsvp?: boolean;
}

/**
 * Cancels a session: deletes the organizer's event (guests are told; already deleted counts as done)
 * and marks the session CANCELLED. A retry of a cancellation that already happened is a no-op.
 * Answers the session.
 */
export async function cancelSession(deps: SchedulingDeps, input: CancelSessionInput): Promise<SessionView> {
  const session = await loadViewerSession(deps, input.viewer, requireUuid(input.sessionId));
  if (session.status === 'CANCELLED' && session.operation === 'NONE')
    return answerWith(deps, await readSessionView(deps, session.id), input.freshRsvp);
  assertChangeable(session, input.version, deps.clock());
  const claimed = await deps.prisma.mentoringSession.updateMany({
    where: { id: session.id, organizationId: session.organizationId, version: input.version, operation: 'NONE' },
    data: { operation: 'CANCELLING', operationStartedAt: deps.clock(), cancelReason: input.reason ?? null, version: { increment: 1 } },
  });
  if (claimed.count === 0) throw new AppError('version_conflict', 'The session changed since you read it; reload it and try again.');
  await deps.onSagaStep?.('cancel.started', session.id);
  return answerWith(deps, await completeCancel(deps, session.id), input.freshRsvp);
}
