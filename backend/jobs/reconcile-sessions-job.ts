import { z } from 'zod';
import type { SchedulingDeps } from '../domain/scheduling/deps.js';
import { reconcileSessions } from '../domain/scheduling/reconcile-sessions.js';
import { BACKGROUND_BACKOFF } from '../domain/background-backoff.js';
import type { JobDefinition } from './queue.js';

/** Every minute, finish or roll back sessions a crash left between saga steps. */
export function reconcileSessionsJob(
  deps: SchedulingDeps,
  options: { graceMs?: number; schedule?: string } = {},
): JobDefinition<Record<string, never>> {
  return {
    name: 'scheduling.reconcile-sessions',
    payload: z.strictObject({}),
    schedule: options.schedule ?? '* * * * *',
    policy: 'stately',
    concurrency: 1,
    retryLimit: 0,
    expireInSeconds: 10 * 60,
    handle: async () => {
      // Nobody waits on this pass: back off as long as Google asks.
      await reconcileSessions({ ...deps, backoff: BACKGROUND_BACKOFF }, options.graceMs === undefined ? {} : { graceMs: options.graceMs });
    },
  };
}
