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
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: DomainDeps,
    private readonly onRecorded: (syncStateIds: string[]) => void,
    /** Most calendars per statement. */
    private readonly maxBatch = 500,
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
        const fresh: Batch = { ids: new Set(), waiters: [] };
        batch = this.pending = fresh;
        // The next write starts when the previous one ends: whatever arrived meanwhile rides along.
        this.writing = this.writing.then(() => this.flush(fresh));
      }
      batch.ids.add(syncStateId);
      batch.waiters.push({ resolve, reject });
      if (batch.ids.size >= this.maxBatch) this.pending = null;
    });
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
    }
  }
}
