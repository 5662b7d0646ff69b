import type { DomainDeps } from '../deps.js';
import { recordSyncRequests } from './record-sync-requests.js';

interface Batch {
  ids: Set<string>;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

/**
 * Group commit for the webhook: notifications arriving together are written in one statement, and
 * each caller is answered once its batch is durable. A burst of a thousand notifications becomes a
 * handful of writes instead of a thousand, which keeps every webhook answer within milliseconds.
 * After each write, `onRecorded` gets the batch's calendars (to queue their syncs).
 */
export class SyncRequestBatcher {
  private pending: Batch | null = null;
  /** Batches closed while `maxWrites` writes were running: written as soon as one ends. */
  private readonly queued: Batch[] = [];
  private writes = 0;

  constructor(
    private readonly deps: DomainDeps,
    private readonly onRecorded: (syncStateIds: string[]) => void,
    /** Most calendars per statement. */
    private readonly maxBatch = 500,
    /** Writes running at once: two, so a batch never waits for a whole earlier write to finish. */
    private readonly maxWrites = 2,
  ) {}

  private lastRequestAt = 0;

  /**
   * Resolves once no notification has come for `quietMs` (or after `maxWaitMs` at most). Syncs wait
   * for it, so that while a burst arrives this process spends itself answering Google first.
   */
  async quiet(options: { quietMs: number; maxWaitMs: number }): Promise<void> {
    const deadline = Date.now() + options.maxWaitMs;
    for (;;) {
      const wait = this.lastRequestAt + options.quietMs - Date.now();
      if (wait <= 0 || Date.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())));
    }
  }

  /** Resolves once the request for `syncStateId` is stored. */
  request(syncStateId: string): Promise<void> {
    this.lastRequestAt = Date.now();
    return new Promise<void>((resolve, reject) => {
      let batch = this.pending;
      if (!batch) {
        batch = this.pending = { ids: new Set(), waiters: [] };
        this.schedule(batch);
      }
      batch.ids.add(syncStateId);
      batch.waiters.push({ resolve, reject });
      if (batch.ids.size >= this.maxBatch) this.pending = null;
    });
  }

  /** Written after this tick (whatever else arrives in it rides along), or once a running write ends. */
  private schedule(batch: Batch): void {
    if (this.writes >= this.maxWrites) {
      this.queued.push(batch);
      return;
    }
    this.writes++;
    setImmediate(() => void this.flush(batch));
  }

  private async flush(batch: Batch): Promise<void> {
    if (this.pending === batch) this.pending = null;
    const ids = [...batch.ids];
    try {
      await recordSyncRequests(this.deps, ids);
      for (const waiter of batch.waiters) waiter.resolve();
      this.onRecorded(ids);
    } catch (error) {
      for (const waiter of batch.waiters) waiter.reject(error);
    } finally {
      this.writes--;
      const next = this.queued.shift();
      if (next) {
        this.writes++;
        void this.flush(next);
      }
    }
  }
}
