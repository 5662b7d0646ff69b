import { z } from 'zod';
import type { CalendarSyncStatus } from '../../domain/sync/list-sync-status.js';
import { email, id, isoInstant } from './wire.js';

/** One watched calendar's sync health: its channel, last sync, lag and failures. */
export const calendarSyncSchema = z
  .strictObject({
    personId: id,
    email,
    calendarId: email.meta({ description: "The watched calendar: a person's primary calendar, whose id is their address." }),
    channel: z.strictObject({ status: z.enum(['ACTIVE', 'STOPPED', 'EXPIRED']), expiresAt: isoInstant }).nullable(),
    lastSyncedAt: isoInstant.nullable(),
    /** Notification to applied, for the last sync (ms). */
    lastLagMs: z.number().nullable(),
    /** How long the oldest unsynced notification has waited (ms); 0 when nothing is owed. */
    pendingLagMs: z.number(),
    consecutiveFailures: z.int(),
    nextAttemptAt: isoInstant.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'CalendarSync', description: "One watched calendar's sync: its push channel, last sync, lag and failures." });

/** One watched calendar's sync health: its channel, last sync, lag and failures. */
export function presentCalendarSync(c: CalendarSyncStatus): z.output<typeof calendarSyncSchema> {
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
