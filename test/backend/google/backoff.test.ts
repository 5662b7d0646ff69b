import { describe, expect, it } from '@jest/globals';
import { withBackoff } from '../../../backend/google/backoff.js';
import { GoogleApiError } from '../../../backend/google/errors.js';

const rateLimited = (retryAfterMs?: number) => new GoogleApiError('rate_limited', 'Rate Limit Exceeded', { status: 429, retryAfterMs });

/** Fails with the given errors in turn, then answers 'done'. */
function flaky(errors: Error[]) {
  let calls = 0;
  return {
    call: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'done';
    },
    calls: () => calls,
  };
}

describe('withBackoff', () => {
  it('retries rate limits and outages with exponential, jittered delays', async () => {
    const slept: number[] = [];
    const target = flaky([rateLimited(), new GoogleApiError('unavailable', 'Backend Error'), rateLimited()]);
    const result = await withBackoff(target.call, {
      attempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 250,
      random: () => 0.999,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    expect(result).toBe('done');
    expect(slept).toEqual([99, 199, 249]); // 100, 200, then capped at 250, each with full jitter
  });

  it('waits at least as long as Retry-After asks', async () => {
    const slept: number[] = [];
    const target = flaky([rateLimited(5_000)]);
    await withBackoff(target.call, {
      attempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      random: () => 0.5,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(slept).toEqual([5_000]);
  });

  it('throws at once what retrying cannot fix, and gives up after the last attempt', async () => {
    const notFound = flaky([new GoogleApiError('not_found', 'Not Found')]);
    await expect(withBackoff(notFound.call, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toMatchObject({ kind: 'not_found' });
    expect(notFound.calls()).toBe(1);

    const storm = flaky(Array.from({ length: 10 }, () => rateLimited()));
    await expect(withBackoff(storm.call, { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(storm.calls()).toBe(3);
  });
});
