import { actAs, verifiedDomainsReader } from '../verified-domains.js';
import { applyEventChange } from './apply-event-change.js';
import { FOLLOWED_STATUSES, RECONCILE_HORIZON_MS, type SyncDeps } from './deps.js';
import { readOrganizerCopy } from './sync-calendar.js';

/** What one reconciliation pass did. */
export interface ReconcileUpcomingOutcome {
  examined: number;
  updated: number;
  /** Sessions Google did not answer for this time (tried again next pass). */
  failed: number;
}

/**
 * The safety net behind push notifications: reads the organizer's copy of sessions in the next 30
 * days, least recently checked first, and applies what it says exactly as a sync would. A lost
 * notification is caught here at the latest one pass later. `limit` bounds a pass's Google calls.
 */
export async function reconcileUpcomingSessions(deps: SyncDeps, options: { limit?: number } = {}): Promise<ReconcileUpcomingOutcome> {
  const now = deps.clock();
  const sessions = await deps.prisma.mentoringSession.findMany({
    where: {
      status: { in: [...FOLLOWED_STATUSES] },
      operation: 'NONE',
      googleEventId: { not: null },
      endAt: { gt: now },
      startAt: { lt: new Date(now.getTime() + RECONCILE_HORIZON_MS) },
    },
    orderBy: [{ rsvpCheckedAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
    take: options.limit ?? 500,
    select: { id: true, organizationId: true, googleEventId: true, organizer: { select: { email: true } } },
  });
  const verifiedDomains = verifiedDomainsReader(deps.prisma);
  const outcome: ReconcileUpcomingOutcome = { examined: sessions.length, updated: 0, failed: 0 };
  for (const session of sessions) {
    try {
      const state = await readOrganizerCopy(
        deps,
        actAs(session.organizer.email, await verifiedDomains(session.organizationId)),
        session.googleEventId!,
      );
      const applied = await applyEventChange(deps, session.id, state);
      if (applied === 'updated') outcome.updated++;
      // One of our own writes started meanwhile: not checked, so it comes first again next pass.
      if (applied === 'deferred') continue;
    } catch {
      // Not connected, or Google unwell: this session is tried again when its turn comes round.
      outcome.failed++;
    }
    // Checked, even when nothing changed or Google failed: the next pass starts with others. (A
    // failure left first in line would be read again every pass, and `limit` of them would hold the
    // reconciliation of every other session back for good.)
    await deps.prisma.mentoringSession.updateMany({ where: { id: session.id }, data: { rsvpCheckedAt: deps.clock() } });
  }
  return outcome;
}
