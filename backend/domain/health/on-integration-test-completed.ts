import type { IntegrationTestOutcome } from '../integration/record-integration-test-outcome.js';
import type { HealthDeps } from './deps.js';
import { evaluateIntegrationHealth, type HealthEvaluation, type HealthTrigger } from './evaluate-integration-health.js';

/**
 * The integration test's completion hook: once a run has recorded its outcome (and its people's
 * PersonCalendarAccess), re-evaluates the organization's health. Also the setup's finalization
 * hook (`setup_finalized`): the same evaluation of that run's results, now that the setup is DONE.
 * Never throws: a failed evaluation is logged and retried by the next test, signal or scheduled
 * re-test, and must not fail the run (or the finalization).
 */
export async function onIntegrationTestCompleted(
  deps: HealthDeps,
  outcome: Pick<IntegrationTestOutcome, 'organizationId' | 'runId'>,
  trigger: Extract<HealthTrigger, 'integration_test' | 'setup_finalized'> = 'integration_test',
): Promise<HealthEvaluation | null> {
  try {
    return await evaluateIntegrationHealth(deps, {
      organizationId: outcome.organizationId,
      trigger,
      runId: outcome.runId,
    });
  } catch (error) {
    deps.logger.error(
      { err: error, organizationId: outcome.organizationId, runId: outcome.runId },
      'health evaluation after an integration test failed',
    );
    return null;
  }
}
