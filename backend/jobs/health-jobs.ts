import { z } from 'zod';
import type { Config } from '../config.js';
import type { DomainDeps } from '../domain/deps.js';
import type { HealthDeps, NotificationRef } from '../domain/health/deps.js';
import { evaluateIntegrationHealth } from '../domain/health/evaluate-integration-health.js';
import { onIntegrationTestCompleted } from '../domain/health/on-integration-test-completed.js';
import { onIntegrationTestFailed, type IntegrationTestFailure } from '../domain/health/on-integration-test-failed.js';
import { recordAccessSignal, type AccessSignal } from '../domain/health/record-access-signal.js';
import { startDueRetests } from '../domain/health/start-due-retests.js';
import type { IntegrationTestOutcome } from '../domain/integration/record-integration-test-outcome.js';
import type { Logger } from '../logger.js';
import type { JobDefinition, JobQueue } from './queue.js';

export interface HealthJobDeps extends DomainDeps {
  queue: JobQueue;
  logger: Logger;
  health: Config['health'];
  /** Queues an owner mail: `mailJobs(…).enqueue`. */
  deliverNotification: (notification: NotificationRef) => Promise<void>;
  /** Queues an integration test run's job: what `startIntegrationTest` needs. */
  enqueueIntegrationTest: (runId: string, options?: { requestId?: string | undefined }) => Promise<void>;
  /** Live signals are evaluated this long after the first of a burst (default 5 s; tests pass 0). */
  evaluationDelaySeconds?: number;
  /** When scheduled re-tests are looked for (cron, UTC; default every 5 minutes). */
  retestSchedule?: string;
}

/**
 * Health monitoring's jobs and entry points: `health.evaluate` (one organization, coalesced per
 * organization), `health.start-due-retests` (scheduled), the integration test's completion hook,
 * the setup's finalization hook, and `recordAccessSignal` for booking and sync to report what
 * Google said about a person.
 */
export function healthJobs(deps: HealthJobDeps) {
  const healthDeps: HealthDeps = {
    prisma: deps.prisma,
    clock: deps.clock,
    logger: deps.logger,
    failingShare: deps.health.failingShare,
    deliverNotification: deps.deliverNotification,
  };
  const evaluate: JobDefinition<{ organizationId: string }> = {
    name: 'health.evaluate',
    payload: z.object({ organizationId: z.uuid() }),
    // One evaluation waiting and one running per organization: a burst of signals makes one or two.
    policy: 'stately',
    retryLimit: 3,
    retryDelaySeconds: 5,
    handle: async ({ organizationId }) => void (await evaluateIntegrationHealth(healthDeps, { organizationId, trigger: 'access_signal' })),
  };
  const startRetests: JobDefinition<Record<string, never>> = {
    name: 'health.start-due-retests',
    payload: z.object({}).strict(),
    schedule: deps.retestSchedule ?? '*/5 * * * *',
    retryLimit: 0,
    handle: async () => {
      const { started } = await startDueRetests({ ...deps, retestIntervalMinutes: deps.health.retestIntervalMinutes });
      if (started.length > 0) deps.logger.info({ organizations: started.length }, 'scheduled integration tests started');
    },
  };
  /** Never throws: a signal comes from a booking or a sync, which must not fail because of it. */
  const requestHealthEvaluation = async (organizationId: string): Promise<void> => {
    try {
      await deps.queue.send(evaluate, { organizationId }, { singletonKey: organizationId, startAfter: deps.evaluationDelaySeconds ?? 5 });
    } catch (error) {
      deps.logger.error({ err: error, organizationId }, 'could not queue a health evaluation');
    }
  };
  return {
    definitions: [evaluate, startRetests] as JobDefinition<never>[],
    evaluate,
    startRetests,
    healthDeps,
    requestHealthEvaluation,
    /** The hook the integration test run job calls once a run completed. */
    onIntegrationTestCompleted: async (outcome: Pick<IntegrationTestOutcome, 'organizationId' | 'runId'>) =>
      void (await onIntegrationTestCompleted(healthDeps, outcome)),
    /** The hook finalizing the setup calls (TEST → DONE): the completed run's results evaluated at once. */
    onSetupFinalized: async (finalized: Pick<IntegrationTestOutcome, 'organizationId' | 'runId'>) =>
      void (await onIntegrationTestCompleted(healthDeps, finalized, 'setup_finalized')),
    /** The hook the integration test run job calls once a run failed for everyone. */
    onIntegrationTestFailed: async (failure: IntegrationTestFailure) => void (await onIntegrationTestFailed(healthDeps, failure)),
    /** What booking and sync call after a delegated Google call for a person. */
    recordAccessSignal: (signal: AccessSignal) =>
      recordAccessSignal({ prisma: deps.prisma, clock: deps.clock, requestHealthEvaluation }, signal),
  };
}
