import { z } from 'zod';
import type { Config } from '../config.js';
import type { IntegrationTestOutcome } from '../domain/integration/record-integration-test-outcome.js';
import { failIntegrationTest, type RunFinishHooks } from '../domain/integration/finish-integration-test.js';
import { runIntegrationTest } from '../domain/integration/run-integration-test.js';
import { INTEGRATION_TEST_BACKOFF, type AccessCheckGoogle } from '../domain/integration/check-person-access.js';
import type { Logger } from '../logger.js';
import type { PrismaClient } from '../store/database.js';
import type { JobDefinition, JobQueue } from './queue.js';

/** What the integration-test job needs; main.ts builds it once. */
export interface IntegrationTestJobDeps extends RunFinishHooks {
  prisma: PrismaClient;
  clock?: () => Date;
  google: Pick<AccessCheckGoogle, 'calendar' | 'directory'>;
  queue: Pick<JobQueue, 'send'>;
  quotas: Config['quotas'];
  logger: Logger;
  /** Backoff of each Google call; defaults to 8 attempts, 250 ms doubling to 20 s, with full jitter. */
  backoff?: AccessCheckGoogle['backoff'];
  /** Seconds before a failed attempt is retried (doubling each time); default 10. */
  retryDelaySeconds?: number;
}

const RETRY_LIMIT = 8;

/** The jobs of integration tests and how to queue a run. */
export function integrationTestJobs(deps: IntegrationTestJobDeps): {
  definitions: [JobDefinition<{ runId: string }>];
  enqueue: (runId: string) => Promise<void>;
} {
  const clock = deps.clock ?? (() => new Date());
  const domain = {
    prisma: deps.prisma,
    clock,
    google: { ...deps.google, backoff: deps.backoff ?? INTEGRATION_TEST_BACKOFF },
    concurrency: deps.quotas.integrationTestConcurrency,
    logger: deps.logger,
    onRunCompleted: deps.onRunCompleted,
    onRunFailed: deps.onRunFailed,
  };
  const run: JobDefinition<{ runId: string }> = {
    name: 'integration-test.run',
    payload: z.object({ runId: z.uuid() }),
    retryLimit: RETRY_LIMIT,
    retryDelaySeconds: deps.retryDelaySeconds ?? 10,
    // A crashed attempt is retried (and resumes) once this has passed.
    expireInSeconds: 30 * 60,
    concurrency: 2,
    handle: async ({ runId }, job) => {
      try {
        await runIntegrationTest(domain, { runId });
      } catch (error) {
        if (job.attempt < RETRY_LIMIT) throw error;
        // The last attempt: end the run clearly instead of holding the organization's lock.
        const message = error instanceof Error ? error.message : String(error);
        const row = await deps.prisma.integrationTestRun.findUnique({ where: { id: runId }, select: { id: true, organizationId: true } });
        if (row)
          await failIntegrationTest(domain, { run: row, error: `The test could not finish after ${RETRY_LIMIT + 1} attempts: ${message}` });
      }
    },
  };
  return {
    definitions: [run],
    enqueue: async (runId) => {
      await deps.queue.send(run, { runId });
    },
  };
}

export type { IntegrationTestOutcome };
