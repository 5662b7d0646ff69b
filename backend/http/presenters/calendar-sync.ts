import type { CalendarSyncStatus } from '../../domain/sync/list-sync-status.js';

/** One watched calendar's sync health: its channel, last sync, lag and failures. */
export function presentCalendarSync(c: CalendarSyncStatus) {
  return {
    personId: c.personId,
    email: c.email,
    calendarId: c.calendarId,
    channel: c.channel ? { status: c.channel.status, expiresAt: c.channel.expiresAt.toISOString() } : null,
    lastSyncedAt: c.lastSyncedAt?.toISOString() ?? null,
    lastLagMs: c.lastLagMs,
    pendingLagMs: c.pendingLagMs,
    consecutiveFailures: c.consecutiveFailures,
    nextAttemptAt: c.nextAttemptAt?.toISOString() ?? null,
    lastError: c.lastError,
  };
}
