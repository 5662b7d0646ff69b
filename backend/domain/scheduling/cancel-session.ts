import { loadViewerSession, requireUuid, type SessionViewer } from './access.js';
import type { SchedulingDeps } from './deps.js';
import { assertChangeable } from './reschedule-session.js';
import { completeCancel } from './session-saga.js';
import { AppError } from '../errors.js';

/** Cancelling a session: the version the caller read and an optional reason (kept in Together only). */
export interface CancelSessionInput {
  viewer: SessionViewer;
  sessionId: string;
  version: number;
  reason?: string;
}

/**
 * Cancels a session: deletes the organizer's event (guests are told; already deleted counts as done)
 * and marks the session CANCELLED. A retry of a cancellation that already happened is a no-op.
 */
export async function cancelSession(deps: SchedulingDeps, input: CancelSessionInput): Promise<void> {
  const session = await loadViewerSession(deps, input.viewer, requireUuid(input.sessionId));
  if (session.status === 'CANCELLED' && session.operation === 'NONE') return;
  assertChangeable(session, input.version, deps.clock());
  const claimed = await deps.prisma.mentoringSession.updateMany({
    where: { id: session.id, organizationId: session.organizationId, version: input.version, operation: 'NONE' },
    data: { operation: 'CANCELLING', operationStartedAt: deps.clock(), cancelReason: input.reason ?? null, version: { increment: 1 } },
  });
  if (claimed.count === 0) throw new AppError('version_conflict', 'The session changed since you read it; reload it and try again.');
  await deps.onSagaStep?.('cancel.started', session.id);
  await completeCancel(deps, session.id);
}
