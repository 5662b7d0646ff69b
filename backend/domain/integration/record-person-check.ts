import type { DomainDeps } from '../deps.js';
import { isUniqueViolation } from './unique-violation.js';
import type { AccessVerdict } from './access-classification.js';

/** The run was cancelled (or otherwise stopped) while this person was being checked. */
export class RunStopped extends Error {
  constructor() {
    super('The integration test run is no longer running.');
    this.name = 'RunStopped';
  }
}

/**
 * Stores one person's outcome in one transaction: the run's result row (unique per run and person,
 * which is what makes a resumed run skip them), their current calendar access, and the run's
 * progress. Throws RunStopped, writing nothing, when the run is no longer RUNNING.
 */
export async function recordPersonCheck(
  deps: DomainDeps,
  input: { organizationId: string; runId: string; personId: string; verdict: AccessVerdict },
): Promise<void> {
  const { organizationId, runId, personId, verdict } = input;
  const at = deps.clock();
  const fields = { status: verdict.status, reason: verdict.reason, fix: verdict.fix, checkedAt: at };
  // A failed check keeps the time zone Google last showed us.
  const timeZone = verdict.googleTimeZone === undefined ? {} : { googleTimeZone: verdict.googleTimeZone };
  try {
    await deps.prisma.$transaction(async (tx) => {
      await tx.integrationTestResult.create({ data: { organizationId, runId, personId, ...fields, googleTimeZone: verdict.googleTimeZone ?? null } });
      const { count } = await tx.integrationTestRun.updateMany({
        where: { id: runId, organizationId, status: 'RUNNING' },
        data: { checked: { increment: 1 }, ...(verdict.status === 'ACTIVE' && { active: { increment: 1 } }) },
      });
      if (count === 0) throw new RunStopped();
      await tx.personCalendarAccess.upsert({
        where: { organizationId_personId: { organizationId, personId } },
        create: { organizationId, personId, ...fields, ...timeZone },
        update: { ...fields, ...timeZone },
      });
    });
  } catch (error) {
    // Already recorded by an earlier attempt of the same run: nothing to do.
    if (isUniqueViolation(error)) return;
    throw error;
  }
}
