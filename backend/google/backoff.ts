import { GoogleApiError } from './errors.js';

export interface BackoffOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { attempts: 5, baseDelayMs: 250, maxDelayMs: 20_000 };

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call` again after rate limits and Google outages, with truncated exponential backoff and
 * full jitter as Google recommends; a Retry-After from Google wins when it asks for longer.
 * Anything not retryable is thrown at once.
 */
export async function withBackoff<T>(call: () => Promise<T>, options: BackoffOptions = DEFAULT_BACKOFF): Promise<T> {
  const sleep = options.sleep ?? timer;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof GoogleApiError) || !error.retryable || attempt >= options.attempts) throw error;
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const jittered = Math.floor(random() * ceiling);
      await sleep(Math.max(jittered, error.details.retryAfterMs ?? 0));
    }
  }
}
