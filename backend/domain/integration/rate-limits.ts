import PQueue from 'p-queue';

/** Google's per-minute quotas as configured (`config.quotas`). */
export interface GoogleQuotas {
  projectPerMinute: number;
  userPerMinute: number;
}

/** Share of a quota we allow ourselves, leaving room for the rest of the backend and for clock skew. */
const QUOTA_SHARE = 0.98;

/**
 * Rate limiters that keep Google calls under the project's and each impersonated user's quota,
 * spread evenly: a strict sliding window (no more than `cap` calls start in any second), shared by
 * every run in this process.
 */
export class GoogleRateLimits {
  /** Every Google API call of integration tests passes through this one. */
  readonly project: PQueue;
  readonly #perUser = new Map<string, PQueue>();

  constructor(private readonly quotas: GoogleQuotas) {
    this.project = limiter(quotas.projectPerMinute);
  }

  /** Calls per second the project limiter lets through (for figures and logs). */
  get projectCallsPerSecond(): number {
    return windowOf(this.quotas.projectPerMinute).cap / (windowOf(this.quotas.projectPerMinute).interval / 1000);
  }

  /** Runs `call` within the project quota, and within `subject`'s own quota when it acts as one user for many calls. */
  async run<T>(call: () => Promise<T>, options: { repeatedSubject?: string } = {}): Promise<T> {
    const subject = options.repeatedSubject;
    if (!subject) return this.project.add(call);
    let user = this.#perUser.get(subject);
    if (!user) this.#perUser.set(subject, (user = limiter(this.quotas.userPerMinute)));
    return user.add(() => this.project.add(call));
  }
}

function windowOf(perMinute: number): { interval: number; cap: number } {
  const budget = Math.max(1, Math.floor(perMinute * QUOTA_SHARE));
  return budget >= 60 ? { interval: 1000, cap: Math.floor(budget / 60) } : { interval: 60_000, cap: budget };
}

function limiter(perMinute: number): PQueue {
  const { interval, cap } = windowOf(perMinute);
  return new PQueue({ interval, intervalCap: cap, strict: true });
}
