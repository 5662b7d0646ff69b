import type { DomainDeps } from '../deps.js';
import { recordPersonChecks, type PersonCheck } from './record-person-check.js';

/**
 * How outcomes are grouped into transactions: at most `maxPeople` people, or `maxWaitMs` after the
 * first waiting one. `maxWaitMs: 0` is group commit: what is waiting is written as soon as the
 * previous write has finished (a batch is whatever arrived during one transaction).
 */
export interface BatchPolicy {
  maxPeople: number;
  maxWaitMs: number;
  /**
   * Each worker takes its next person only once its previous outcome is stored, so at most one
   * outcome per worker is ever unstored (in flight or waiting): a crash re-checks at most the
   * concurrency. Default false (the in-process run's policy: workers never wait for the database).
   */
  storeBeforeNext?: boolean;
}

/** The in-process run's policy: 100 people or 250 ms, workers never wait. */
export const DEFAULT_BATCH_POLICY: BatchPolicy = { maxPeople: 100, maxWaitMs: 250 };

/**
 * The chunk jobs' policy: group commit, a worker waits for its outcome to be stored before taking
 * the next person (≤ `concurrency` outcomes lost to a crash), batches of up to `concurrency`.
 */
export const chunkBatchPolicy = (concurrency: number): BatchPolicy => ({
  maxPeople: Math.max(1, concurrency),
  maxWaitMs: 0,
  storeBeforeNext: true,
});

/**
 * Collects the outcomes of a run's workers and stores them a batch at a time (one transaction per
 * batch, never two at once), so progress advances while the run goes on at a fraction of the
 * database work of one transaction per person. A failed write is reported once to `onError`
 * (RunStopped when the run was cancelled); the outcomes it carried are not stored, so a resumed
 * run checks those people again.
 */
export class CheckBatcher {
  #waiting: PersonCheck[] = [];
  #stored: { promise: Promise<void>; resolve: () => void } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #inFlight = 0;
  #failed = false;

  constructor(
    private readonly deps: DomainDeps,
    private readonly run: { organizationId: string; runId: string },
    private readonly policy: BatchPolicy,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Adds an outcome; resolves once the batch carrying it is written (or has failed: see `onError`). */
  add(check: PersonCheck): Promise<void> {
    if (this.#failed) return Promise.resolve();
    this.#waiting.push(check);
    this.#stored ??= deferred();
    const stored = this.#stored.promise;
    if (this.#waiting.length >= this.policy.maxPeople) void this.flush();
    else if (this.policy.maxWaitMs > 0) this.#timer ??= setTimeout(() => void this.flush(), this.policy.maxWaitMs);
    // Group commit: an idle writer writes at the next turn (gathering what arrives in this one);
    // a busy one picks up what waits when its write ends.
    else if (this.#inFlight === 0) this.#timer ??= setTimeout(() => void this.flush(), 0);
    return stored;
  }

  /** Writes whatever is waiting; resolves once everything added so far is written (or has failed). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const checks = this.#waiting;
    const stored = this.#stored;
    this.#waiting = [];
    this.#stored = undefined;
    if (checks.length > 0) {
      this.#inFlight++;
      this.#writing = this.#writing.then(async () => {
        try {
          if (!this.#failed) await recordPersonChecks(this.deps, { ...this.run, checks });
        } catch (error) {
          this.#failed = true;
          this.onError(error);
        } finally {
          this.#inFlight--;
          stored?.resolve();
          if (this.policy.maxWaitMs === 0 && this.#inFlight === 0 && this.#waiting.length > 0) void this.flush();
        }
      });
    }
    return this.#writing;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
