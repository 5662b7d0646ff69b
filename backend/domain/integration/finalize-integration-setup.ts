import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { assertReached, lockIntegration, type IntegrationState } from './wizard.js';

/** The completed test a setup was finalized on, as the hook hears of it. */
export interface SetupFinalized {
  organizationId: string;
  /** The latest completed IntegrationTestRun, which found at least one person active. */
  runId: string;
}

export interface FinalizeSetupDeps extends DomainDeps {
  /**
   * After the setup moved to DONE (main.ts: health's evaluation of that run's results, which may open
   * an incident at once). Awaited; it must not throw (health's never does).
   */
  onSetupFinalized?: ((finalized: SetupFinalized) => Promise<void> | void) | undefined;
}

/**
 * Wizard step 4, explicitly: TEST → DONE (ACTIVE) when the latest completed integration test found
 * at least one person with calendar access. DONE is what turns on health evaluation (incidents and
 * owner mails) and scheduled re-tests. Again at DONE: no change. Refused (409, nothing changes)
 * before TEST (`invalid_wizard_transition`), while a test runs (`integration_test_running`), before
 * any test completed (`integration_not_tested`) and when the last one found nobody (`no_active_users`).
 */
export async function finalizeIntegrationSetup(
  deps: FinalizeSetupDeps,
  input: { organizationId: string; actor: Actor },
): Promise<IntegrationState> {
  const { organizationId } = input;
  const base = `/admin/v1/organizations/${organizationId}/integration`;
  const finalized = await deps.prisma.$transaction(async (tx) => {
    const current = await lockIntegration(tx, organizationId);
    if (current.wizardStep === 'DONE') return { state: current, runId: null };
    assertReached(current.wizardStep, 'TEST', 'finalize the setup');
    const running = await tx.integrationTestRun.findFirst({ where: { organizationId, activeLock: organizationId } });
    if (running) {
      throw new AppError(
        'integration_test_running',
        'An integration test is running: wait for it to complete, read its results, then finalize the setup.',
        { runId: running.id, status: running.status },
      );
    }
    // Runs start only at TEST or later and the wizard never goes back, so every completed run is of this TEST step.
    const latest = await tx.integrationTestRun.findFirst({
      where: { organizationId, status: 'COMPLETED' },
      orderBy: [{ finishedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'desc' }],
    });
    if (!latest) {
      const last = await tx.integrationTestRun.findFirst({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      throw new AppError(
        'integration_not_tested',
        `No integration test has completed yet: run the integration test (POST ${base}/test-runs), read its results, then finalize the setup.`,
        { latestRun: last ? { id: last.id, status: last.status } : null },
      );
    }
    if (latest.active === 0) {
      throw new AppError(
        'no_active_users',
        `The last integration test found calendar access for none of the ${latest.total} people it checked, so Together would work for nobody. ` +
          `Fix what it reports for each person (GET ${base}/access: usually install the app from the Marketplace for their organizational units ` +
          'or groups, or grant the exact scopes to the client ID), run the test again, then finalize.',
        { runId: latest.id, total: latest.total, active: 0, counts: latest.countsByReason },
      );
    }
    const state = await tx.calendarIntegration.update({ where: { id: current.id }, data: { wizardStep: 'DONE', status: 'ACTIVE' } });
    await writeAuditEntry(tx, {
      organizationId,
      actor: input.actor,
      action: 'integration.setup.finalized',
      target: { type: 'CalendarIntegration', id: current.id },
      details: {
        runId: latest.id,
        total: latest.total,
        active: latest.active,
        wizardStep: { from: current.wizardStep, to: 'DONE' },
        status: { from: current.status, to: 'ACTIVE' },
      },
      at: deps.clock(),
    });
    return { state, runId: latest.id };
  });
  if (!finalized.runId || !deps.onSetupFinalized) return finalized.state;
  await deps.onSetupFinalized({ organizationId, runId: finalized.runId });
  // The evaluation may have opened an incident (status FAILING): answer with the integration as it is now.
  return (await deps.prisma.calendarIntegration.findUnique({ where: { organizationId } })) ?? finalized.state;
}
