import type { DomainDeps } from '../deps.js';
import type { AccessStatus, IntegrationTestRun } from '../../store/generated/prisma/client.js';
import { findRunOrThrow } from './find-test-run.js';

/** A run and its counts per AccessStatus: the final ones once finished, the ones so far while it runs. */
export interface IntegrationTestRunView {
  run: IntegrationTestRun;
  counts: Partial<Record<AccessStatus, number>>;
}

/** One integration test run of the organization with its progress (checked of total) and counts so far. */
export async function getIntegrationTestRun(
  deps: DomainDeps,
  input: { organizationId: string; runId: string },
): Promise<IntegrationTestRunView> {
  const run = await findRunOrThrow(deps.prisma, input);
  return { run, counts: await countResults(deps, run) };
}

/** Counts per status of a run's results, read from the stored summary when the run has one. */
export async function countResults(deps: DomainDeps, run: IntegrationTestRun): Promise<Partial<Record<AccessStatus, number>>> {
  if (run.countsByReason && typeof run.countsByReason === 'object') return run.countsByReason as Partial<Record<AccessStatus, number>>;
  const groups = await deps.prisma.integrationTestResult.groupBy({
    by: ['status'],
    where: { organizationId: run.organizationId, runId: run.id },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}
