import type { DomainDeps } from '../deps.js';

/** One watched calendar's sync health, as the admin API shows it. */
export interface CalendarSyncStatus {
  personId: string;
  email: string;
  calendarId: string;
  channel: { status: 'ACTIVE' | 'STOPPED' | 'EXPIRED'; expiresAt: Date } | null;
  lastSyncedAt: Date | null;
  /** Notification to applied, for the last sync (ms). */
  lastLagMs: number | null;
  /** How long the oldest unsynced notification has waited (ms); 0 when nothing is owed. */
  pendingLagMs: number;
  consecutiveFailures: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
}

/**
 * Per-calendar sync lag of one organization: the last sync's lag and what is waiting now, so an
 * admin (or a monitor) sees a calendar falling behind. `maxPendingLagMs` is the headline figure.
 */
export async function listSyncStatus(
  deps: DomainDeps,
  input: { organizationId: string },
): Promise<{ calendars: CalendarSyncStatus[]; maxPendingLagMs: number }> {
  const now = deps.clock().getTime();
  const states = await deps.prisma.calendarSyncState.findMany({
    where: { organizationId: input.organizationId },
    include: {
      person: { select: { email: true, watchChannels: { where: { status: 'ACTIVE' }, orderBy: { expiresAt: 'desc' }, take: 1 } } },
    },
    orderBy: [{ dirtySince: { sort: 'asc', nulls: 'last' } }, { calendarId: 'asc' }],
  });
  const calendars = states.map((state): CalendarSyncStatus => {
    const channel = state.person.watchChannels[0];
    return {
      personId: state.personId,
      email: state.person.email,
      calendarId: state.calendarId,
      channel: channel ? { status: channel.status, expiresAt: channel.expiresAt } : null,
      lastSyncedAt: state.lastSyncedAt,
      lastLagMs: state.lastLagMs,
      pendingLagMs: pendingLagMs(state.dirtySince, now),
      consecutiveFailures: state.consecutiveFailures,
      nextAttemptAt: state.nextAttemptAt,
      lastError: state.lastError,
    };
  });
  return { calendars, maxPendingLagMs: Math.max(0, ...calendars.map((c) => c.pendingLagMs)) };
}

/** How long a calendar's oldest unsynced notification has waited at `now` (ms); 0 when nothing is owed. */
export function pendingLagMs(dirtySince: Date | null, now: number): number {
  return dirtySince ? Math.max(0, now - dirtySince.getTime()) : 0;
}
