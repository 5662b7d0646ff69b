import type { DomainDeps } from '../deps.js';

/**
 * Calendars that owe a sync for longer than `olderThanMs`: their job was lost (a crash between the
 * webhook's write and the enqueue) or gave up after its retries. The sweep queues them again, except
 * those still inside the backoff of their last failure (`nextAttemptAt`).
 */
export async function findOverdueSyncs(deps: DomainDeps, options: { olderThanMs: number; limit?: number }): Promise<string[]> {
  const now = deps.clock();
  const before = new Date(now.getTime() - options.olderThanMs);
  const rows = await deps.prisma.calendarSyncState.findMany({
    where: { dirtySince: { lt: before }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    orderBy: { dirtySince: 'asc' },
    take: options.limit ?? 1_000,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
