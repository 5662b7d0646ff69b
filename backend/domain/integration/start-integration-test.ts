import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { IntegrationTestRun, TestRunTrigger } from '../../store/generated/prisma/client.js';
import { assertReached, lockIntegration } from './wizard.js';

/** Use cases that start integration tests also need to queue the run's job. */
export interface IntegrationTestDeps extends DomainDeps {
  /** Queues the job that runs `runId` (`integrationTestJobs(…).enqueue` in main.ts), with the request that asked, if any. */
  enqueueIntegrationTest: (runId: string, options?: { requestId?: string | undefined }) => Promise<void>;
}

export interface StartIntegrationTestInput {
  organizationId: string;
  trigger: TestRunTrigger;
  /** Who asks: an admin token (its actor), or a label such as "system" / "health" for scheduled re-tests. */
  requestedBy: Actor | string;
  /** The HTTP request that asked (pino-http's id), carried in the job payload so the run's logs name it. */
  requestId?: string | undefined;
}

/**
 * Queues an integration test of every active person of the organization. One run per organization
 * at a time (409 `integration_test_running` naming the active run); needs the wizard at TEST or later.
 */
export async function startIntegrationTest(deps: IntegrationTestDeps, input: StartIntegrationTestInput): Promise<IntegrationTestRun> {
  const actor: Actor = typeof input.requestedBy === 'string' ? { type: 'SYSTEM', id: input.requestedBy } : input.requestedBy;
  const run = await deps.prisma.$transaction(async (tx) => {
    // The integration row's lock serializes concurrent starts; the unique activeLock backs it up.
    const integration = await lockIntegration(tx, input.organizationId);
    assertReached(integration.wizardStep, 'TEST', 'run the integration test');
    const running = await tx.integrationTestRun.findFirst({
      where: { organizationId: input.organizationId, activeLock: input.organizationId },
    });
    if (running) {
      throw new AppError(
        'integration_test_running',
        'An integration test is already running for this organization; wait for it or cancel it.',
        {
          runId: running.id,
          status: running.status,
        },
      );
    }
    const created = await tx.integrationTestRun.create({
      data: {
        organizationId: input.organizationId,
        trigger: input.trigger,
        activeLock: input.organizationId,
        requestedBy: actor.id ?? 'system',
        createdAt: deps.clock(),
      },
    });
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor,
      action: 'integration.test.started',
      target: { type: 'IntegrationTestRun', id: created.id },
      details: { trigger: input.trigger },
      at: deps.clock(),
    });
    return created;
  });
  try {
    await deps.enqueueIntegrationTest(run.id, input.requestId === undefined ? {} : { requestId: input.requestId });
  } catch (error) {
    // Without its job the run would hold the organization's lock forever.
    await deps.prisma.integrationTestRun.updateMany({
      where: { id: run.id, organizationId: input.organizationId, status: 'QUEUED' },
      data: { status: 'FAILED', activeLock: null, error: 'The run could not be queued.', finishedAt: deps.clock() },
    });
    throw error;
  }
  return run;
}
