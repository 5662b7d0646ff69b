import type { SchedulingDeps } from './deps.js';
import { completeBooking } from './complete-booking.js';
import { completeCancel } from './complete-cancel.js';
import { completeReschedule } from './complete-reschedule.js';

/** What one reconciler pass did. */
export interface ReconcileOutcome {
  examined: number;
  /** Sessions whose Google write could not be finished this time (left for the next pass). */
  retryLater: number;
}

/** Half-done work younger than this is left alone: its request may still be running. */
export const DEFAULT_GRACE_MS = 2 * 60_000;

/**
 * Finishes or rolls back sessions a crash (or a Google outage) left mid-operation, oldest first:
 * a booking whose event exists is adopted, a missing one is inserted again (with the same id, so
 * never twice) while the session is still ahead, else marked FAILED; reschedules and cancellations
 * are re-applied (patch to the target times / delete, which are idempotent).
 */
export async function reconcileSessions(
  deps: SchedulingDeps,
  options: { graceMs?: number; limit?: number } = {},
): Promise<ReconcileOutcome> {
  const now = deps.clock();
  const staleBefore = new Date(now.getTime() - (options.graceMs ?? DEFAULT_GRACE_MS));
  // A system pass over every organization; each session is then handled by id within its own organization.
  const stuck = await deps.prisma.mentoringSession.findMany({
    where: { operation: { not: 'NONE' }, operationStartedAt: { lt: staleBefore } },
    orderBy: { operationStartedAt: 'asc' },
    take: options.limit ?? 100,
    select: { id: true, operation: true, startAt: true },
  });
  let retryLater = 0;
  for (const session of stuck) {
    try {
      if (session.operation === 'BOOKING')
        await completeBooking(deps, session.id, { giveUpIfMissing: session.startAt.getTime() <= now.getTime() });
      else if (session.operation === 'RESCHEDULING') await completeReschedule(deps, session.id);
      else if (session.operation === 'CANCELLING') await completeCancel(deps, session.id);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'calendar_unavailable') retryLater++;
    }
  }
  return { examined: stuck.length, retryLater };
}
