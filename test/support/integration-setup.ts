/** The setup wizard's last step in tests: a completed integration test, and finalizing the setup on it (TEST → DONE). */
import type { Actor, DomainDeps } from '../../backend/domain/deps.js';
import { finalizeIntegrationSetup, type FinalizeSetupDeps } from '../../backend/domain/integration/finalize-integration-setup.js';
import { recordIntegrationTestOutcome } from '../../backend/domain/integration/record-integration-test-outcome.js';

/** Who finalizes in tests that do not go through the admin API. */
const TEST_ACTOR: Actor = { type: 'SYSTEM', id: 'test' };

/**
 * A COMPLETED run of `active` of `total` people, finished now on `deps.clock`, with its outcome recorded
 * on the integration as the integration test records it (the wizard must be at TEST or later).
 */
export async function completeTestRun(deps: DomainDeps, organizationId: string, counts: { active: number; total: number }) {
  const byReason = { ACTIVE: counts.active, NOT_INSTALLED: counts.total - counts.active };
  const run = await deps.prisma.integrationTestRun.create({
    data: {
      organizationId,
      trigger: 'MANUAL',
      status: 'COMPLETED',
      total: counts.total,
      checked: counts.total,
      active: counts.active,
      countsByReason: byReason,
      finishedAt: deps.clock(),
    },
  });
  const integration = await recordIntegrationTestOutcome(deps, { organizationId, runId: run.id, ...counts, byReason });
  return { run, integration };
}

/** Finalizes the organization's setup on its latest completed test, as the admin's POST …/integration/finalize does. */
export function finalizeSetup(deps: FinalizeSetupDeps, organizationId: string, actor: Actor = TEST_ACTOR) {
  return finalizeIntegrationSetup(deps, { organizationId, actor });
}
