import type { DomainDeps } from '../deps.js';
import { recordPersonChecks, type PersonCheck } from './record-person-check.js';

/** How outcomes are grouped into transactions: at most this many people, or this long after the first waiting one. */
export interface BatchPolicy {
  maxPeople: number;
  maxWaitMs: number;
}

export const DEFAULT_BATCH_POLICY: BatchPolicy = { maxPeople: 100, maxWaitMs: 250 };

/**
 * Collects the outcomes of a run's workers and stores them a batch at a time (one transaction per
 * batch, never two at once), so progress advances while the run goes on at a fraction of the
 * database work of one transaction per person. A failed write is reported once to `onError`
 * (RunStopped when the run was cancelled); the outcomes it carried are not stored, so a resumed
 * run checks those people again.
 */
export class CheckBatcher {
  #waiting: PersonCheck[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #failed = false;

  constructor(
    private readonly deps: DomainDeps,
    private readonly run: { organizationId: string; runId: string },
    private readonly policy: BatchPolicy,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(check: PersonCheck): void {
    if (this.#failed) return;
    this.#waiting.push(check);
    if (this.#waiting.length >= this.policy.maxPeople) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.policy.maxWaitMs);
  }

  /** Writes whatever is waiting; resolves once everything added so far is written (or has failed). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const checks = this.#waiting;
    this.#waiting = [];
    if (checks.length > 0) {
      this.#writing = this.#writing.then(async () => {
        if (this.#failed) return;
        try {
          await recordPersonChecks(this.deps, { ...this.run, checks });
        } catch (error) {
          this.#failed = true;
          this.onError(error);
        }
      });
    }
    return this.#writing;
  }
}
