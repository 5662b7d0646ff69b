import type { DomainDeps } from '../deps.js';

/**
 * Marks calendars as owing a sync, in one statement for a whole batch of notifications: the request
 * counter grows and `dirtySince` keeps the oldest unsynced notification (for the lag metric). This is
 * the durable half of a notification: once it is written, the change cannot be lost.
 */
export async function recordSyncRequests(deps: DomainDeps, syncStateIds: readonly string[]): Promise<void> {
  if (syncStateIds.length === 0) return;
  const now = deps.clock();
  await deps.prisma.$executeRaw`
    UPDATE "CalendarSyncState"
       SET "requestedCount" = "requestedCount" + 1, "dirtySince" = COALESCE("dirtySince", ${now}), "updatedAt" = ${now}
     WHERE id = ANY(${[...new Set(syncStateIds)]}::uuid[])`;
}
