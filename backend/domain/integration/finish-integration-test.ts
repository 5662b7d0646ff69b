import type { Logger } from '../../logger.js';
import type { Actor, DomainDeps } from '../deps.js';
import type { IntegrationTestRun, Prisma } from '../../store/generated/prisma/client.js';
import { recordIntegrationTestOutcome, type IntegrationTestOutcome } from './record-integration-test-outcome.js';

/** Optional hooks main.ts wires (e.g. the health evaluation); a failing hook is logged, never retried. */
export interface RunFinishHooks {
  /** After a run completed and the wizard recorded its outcome. */
  onRunCompleted?: ((outcome: IntegrationTestOutcome) => Promise<void> | void) | undefined;
  /** After a run failed for everyone (e.g. the service-account key was refused). */
  onRunFailed?:
    ((failure: { organizationId: string; runId: string; error: string; fix?: string | undefined }) => Promise<void> | void) | undefined;
}

/** Completes a run: final counts per status, the lock released, the wizard's outcome, then the hook. */
export async function finishIntegrationTest(
  deps: DomainDeps & RunFinishHooks,
  input: { run: IntegrationTestRun; actor: Actor; log: Logger },
): Promise<IntegrationTestRun | null> {
  const { run, log } = input;
  const groups = await deps.prisma.integrationTestResult.groupBy({
    by: ['status'],
    where: { organizationId: run.organizationId, runId: run.id },
    _count: { _all: true },
  });
  const byReason: Record<string, number> = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  const total = groups.reduce((sum, g) => sum + g._count._all, 0);
  const active = byReason.ACTIVE ?? 0;
  const { count } = await deps.prisma.integrationTestRun.updateMany({
    where: { id: run.id, organizationId: run.organizationId, status: 'RUNNING' },
    data: {
      status: 'COMPLETED',
      activeLock: null,
      finishedAt: deps.clock(),
      total,
      checked: total,
      active,
      countsByReason: byReason as Prisma.InputJsonObject,
    },
  });
  if (count === 0) return deps.prisma.integrationTestRun.findUnique({ where: { id: run.id } });
  log.info({ total, active, byReason }, 'integration test completed');
  const outcome: IntegrationTestOutcome = {
    organizationId: run.organizationId,
    runId: run.id,
    active,
    total,
    byReason,
    actor: input.actor,
  };
  try {
    await recordIntegrationTestOutcome(deps, outcome);
  } catch (error) {
    log.error({ err: error }, 'could not record the integration test outcome in the wizard');
  }
  try {
    await deps.onRunCompleted?.(outcome);
  } catch (error) {
    log.error({ err: error }, 'onRunCompleted hook failed');
  }
  return deps.prisma.integrationTestRun.findUnique({ where: { id: run.id } });
}

/** Ends a run that cannot go on (FAILED, with the error and the fix), releasing the organization's lock. */
export async function failIntegrationTest(
  deps: DomainDeps & RunFinishHooks,
  input: { run: Pick<IntegrationTestRun, 'id' | 'organizationId'>; error: string; fix?: string | undefined },
): Promise<IntegrationTestRun | null> {
  const { run } = input;
  const error = input.fix ? `${input.error} ${input.fix}` : input.error;
  const { count } = await deps.prisma.integrationTestRun.updateMany({
    where: { id: run.id, organizationId: run.organizationId, status: { in: ['QUEUED', 'RUNNING'] } },
    data: { status: 'FAILED', activeLock: null, finishedAt: deps.clock(), error },
  });
  if (count > 0) {
    try {
      await deps.onRunFailed?.({ organizationId: run.organizationId, runId: run.id, error: input.error, fix: input.fix });
    } catch {
      // A hook's failure must not undo the run's end.
    }
  }
  return deps.prisma.integrationTestRun.findUnique({ where: { id: run.id } });
}
