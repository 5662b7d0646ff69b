import { directSql } from '../../store/database.js';
import type { DomainDeps } from '../deps.js';

/**
 * Marks calendars as owing a sync, in one statement for a whole batch of notifications: the request
 * counter grows and `dirtySince` keeps the oldest unsynced notification (for the lag metric). This is
 * the durable half of a notification: once it is written, the change cannot be lost.
 */
export async function recordSyncRequests(deps: DomainDeps, syncStateIds: readonly string[]): Promise<void> {
  if (syncStateIds.length === 0) return;
  const now = deps.clock().toISOString();
  // On the driver, not Prisma: a burst writes this hundreds of times a second (sync-statements.ts).
  await directSql(deps.prisma).query(
    `UPDATE "CalendarSyncState"
        SET "requestedCount" = "requestedCount" + 1, "dirtySince" = COALESCE("dirtySince", $1::timestamptz), "updatedAt" = $1::timestamptz
      WHERE id = ANY($2::uuid[])`,
    [now, [...new Set(syncStateIds)]],
  );
}
