import type { HealthDeps } from './deps.js';
import { evaluateIntegrationHealth, type HealthEvaluation } from './evaluate-integration-health.js';

/** A run that ended FAILED for everyone, as the integration test's `onRunFailed` hook reports it. */
export interface IntegrationTestFailure {
  organizationId: string;
  runId: string;
  error: string;
  fix?: string | undefined;
}

/**
 * The integration test's failure hook. A run fails as a whole when nobody can be checked (the
 * service-account key refused, Google unreachable through every retry): the integration works for
 * nobody. People last seen ACTIVE (or never checked) become OTHER with the run's error and fix,
 * then health is evaluated, which opens the incident and mails the owner once. Never throws.
 */
export async function onIntegrationTestFailed(deps: HealthDeps, failure: IntegrationTestFailure): Promise<HealthEvaluation | null> {
  const { organizationId } = failure;
  try {
    const at = deps.clock();
    const fields = {
      status: 'OTHER' as const,
      reason: `The integration test failed: ${failure.error}`.slice(0, 2000),
      fix: failure.fix ?? null,
      checkedAt: at,
    };
    await deps.prisma.$transaction(async (tx) => {
      await tx.personCalendarAccess.updateMany({
        where: { organizationId, status: { in: ['ACTIVE', 'UNKNOWN'] }, person: { status: 'ACTIVE' } },
        data: fields,
      });
      const unchecked = await tx.person.findMany({
        where: { organizationId, status: 'ACTIVE', calendarAccess: null },
        select: { id: true },
      });
      if (unchecked.length > 0) {
        await tx.personCalendarAccess.createMany({
          data: unchecked.map((p) => ({ organizationId, personId: p.id, ...fields })),
          skipDuplicates: true,
        });
      }
    });
    return await evaluateIntegrationHealth(deps, { organizationId, trigger: 'integration_test', runId: failure.runId });
  } catch (error) {
    deps.logger.error({ err: error, organizationId, runId: failure.runId }, 'health evaluation after a failed integration test failed');
    return null;
  }
}
