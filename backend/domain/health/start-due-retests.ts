import type { Logger } from '../../logger.js';
import { AppError } from '../errors.js';
import { startIntegrationTest, type IntegrationTestDeps } from '../integration/start-integration-test.js';

/** Re-tests need to start integration tests, and know how often. */
export interface RetestDeps extends IntegrationTestDeps {
  /** An integration is re-tested when its last test is older than this (config.health.retestIntervalMinutes). */
  retestIntervalMinutes: number;
  logger: Logger;
}

/** At most this many re-tests start per tick, oldest first, so tests spread over time and Google's quota. */
export const RETESTS_PER_TICK = 50;

/**
 * Starts a SCHEDULED integration test for every organization whose setup is DONE, whose last
 * test is older than the re-test interval, and which has no run active nor started within it (so a
 * run that failed is not restarted every tick). One organization's failure does not stop the others.
 * A system sweep over all organizations; everything it then does is scoped to one.
 */
export async function startDueRetests(deps: RetestDeps): Promise<{ started: string[] }> {
  const cutoff = new Date(deps.clock().getTime() - deps.retestIntervalMinutes * 60_000);
  const due = await deps.prisma.calendarIntegration.findMany({
    where: {
      wizardStep: 'DONE',
      OR: [{ lastTestedAt: null }, { lastTestedAt: { lt: cutoff } }],
      organization: { integrationTestRuns: { none: { OR: [{ activeLock: { not: null } }, { createdAt: { gte: cutoff } }] } } },
    },
    orderBy: [{ lastTestedAt: { sort: 'asc', nulls: 'first' } }, { organizationId: 'asc' }],
    take: RETESTS_PER_TICK,
    select: { organizationId: true },
  });
  const started: string[] = [];
  for (const { organizationId } of due) {
    try {
      await startIntegrationTest(deps, { organizationId, trigger: 'SCHEDULED', requestedBy: 'system' });
      started.push(organizationId);
    } catch (error) {
      // Raced with an admin's manual run: that run re-tests it.
      if (error instanceof AppError && error.code === 'integration_test_running') continue;
      deps.logger.error({ err: error, organizationId }, 'could not start a scheduled integration test');
    }
  }
  return { started };
}
