import { z } from 'zod';
import type { Config } from '../config.js';
import type { IntegrationTestOutcome } from '../domain/integration/record-integration-test-outcome.js';
import { failIntegrationTest, type RunFinishHooks } from '../domain/integration/finish-integration-test.js';
import { DEFAULT_CHUNK_SIZE, planIntegrationTest, runIntegrationTestChunk } from '../domain/integration/run-integration-test-chunks.js';
import { INTEGRATION_TEST_BACKOFF, type AccessCheckGoogle } from '../domain/integration/check-person-access.js';
import type { Logger } from '../logger.js';
import type { PrismaClient } from '../store/database.js';
import type { JobDefinition, JobQueue } from './queue.js';

/** What the integration-test jobs need; main.ts builds it once. */
export interface IntegrationTestJobDeps extends RunFinishHooks {
  prisma: PrismaClient;
  clock?: () => Date;
  google: Pick<AccessCheckGoogle, 'calendar' | 'directory'>;
  queue: Pick<JobQueue, 'send' | 'sendMany'>;
  quotas: Config['quotas'];
  logger: Logger;
  /** Backoff of each Google call; defaults to 8 attempts, 250 ms doubling to 20 s, with full jitter. */
  backoff?: AccessCheckGoogle['backoff'];
  /** Seconds before a failed attempt is retried (doubling each time); default 10. */
  retryDelaySeconds?: number;
  /** Attempts after the first before a run is failed; default 8. */
  retryLimit?: number;
  /** ACTIVE people per chunk (default 1,000). */
  chunkSize?: number;
  /** Chunk jobs this process works at once (pg-boss `localConcurrency`; default 2). */
  chunksPerProcess?: number;
}

/** The planner's payload; `requestId` (optional: older jobs and scheduled re-tests have none) is the HTTP request that started the run. */
export const planPayload = z.strictObject({ runId: z.uuid(), requestId: z.string().min(1).max(128).optional() });
/** A chunk job's payload. */
export const chunkPayload = z.strictObject({
  runId: z.uuid(),
  chunkId: z.uuid(),
  requestId: z.string().min(1).max(128).optional(),
});
export type PlanPayload = z.infer<typeof planPayload>;
export type ChunkPayload = z.infer<typeof chunkPayload>;

/** The jobs of integration tests (the planner and the chunks), how to queue a run. */
export function integrationTestJobs(deps: IntegrationTestJobDeps): {
  definitions: [JobDefinition<PlanPayload>, JobDefinition<ChunkPayload>];
  enqueue: (runId: string, options?: { requestId?: string | undefined }) => Promise<void>;
} {
  const clock = deps.clock ?? (() => new Date());
  const retryLimit = deps.retryLimit ?? 8;
  const domain = {
    prisma: deps.prisma,
    clock,
    google: { ...deps.google, backoff: deps.backoff ?? INTEGRATION_TEST_BACKOFF },
    concurrency: deps.quotas.integrationTestConcurrency,
    logger: deps.logger,
    onRunCompleted: deps.onRunCompleted,
    onRunFailed: deps.onRunFailed,
  };
  // After the last attempt, however it ended (its error, or its process dying): end the run clearly
  // instead of holding the organization's lock. pg-boss hands the failed job over through its dead-letter queue.
  const afterLastAttempt = async ({ runId }: { runId: string }, { failure }: { failure: string }) => {
    const row = await deps.prisma.integrationTestRun.findUnique({ where: { id: runId }, select: { id: true, organizationId: true } });
    if (row)
      await failIntegrationTest(domain, { run: row, error: `The test could not finish after ${retryLimit + 1} attempts: ${failure}` });
  };

  const chunk: JobDefinition<ChunkPayload> = {
    name: 'integration-test.chunk',
    payload: chunkPayload,
    // One job per chunk id queued or running at a time: a chunk is never worked twice at once, nor queued twice.
    policy: 'exclusive',
    retryLimit,
    retryDelaySeconds: deps.retryDelaySeconds ?? 10,
    // A backstop only: the heartbeat (the queue's default) catches a dead process long before.
    expireInSeconds: 30 * 60,
    concurrency: deps.chunksPerProcess ?? 2,
    handle: async ({ runId, chunkId }, job) => {
      await runIntegrationTestChunk({ ...domain, logger: job.log ?? deps.logger }, { runId, chunkId });
    },
    afterLastAttempt,
  };
  const plan: JobDefinition<PlanPayload> = {
    // The name of the job that used to run the whole test: queued runs from before keep working.
    name: 'integration-test.run',
    payload: planPayload,
    retryLimit,
    retryDelaySeconds: deps.retryDelaySeconds ?? 10,
    expireInSeconds: 5 * 60,
    concurrency: 2,
    handle: async ({ runId, requestId }, job) => {
      const { run, pending } = await planIntegrationTest(domain, { runId, chunkSize: deps.chunkSize ?? DEFAULT_CHUNK_SIZE });
      if (!run) return;
      (job.log ?? deps.logger).info(
        { organizationId: run.organizationId, runId, total: run.total, alreadyChecked: run.checked, chunks: pending.length },
        'integration test planned',
      );
      // A retried planner queues the pending chunks again: the exclusive policy drops those already queued or running.
      await deps.queue.sendMany(
        chunk,
        pending.map((c) => ({ payload: { runId, chunkId: c.id, ...(requestId && { requestId }) }, singletonKey: c.id })),
      );
    },
    afterLastAttempt,
  };
  return {
    definitions: [plan, chunk],
    enqueue: async (runId, options = {}) => {
      await deps.queue.send(plan, { runId, ...(options.requestId && { requestId: options.requestId }) });
    },
  };
}

export type { IntegrationTestOutcome };
