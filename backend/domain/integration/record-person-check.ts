import { randomUUID } from 'node:crypto';
import { Prisma } from '../../store/generated/prisma/client.js';
import type { DomainDeps } from '../deps.js';
import type { AccessVerdict } from './access-classification.js';

/** The run was cancelled (or otherwise stopped) while this person was being checked. */
export class RunStopped extends Error {
  constructor() {
    super('The integration test run is no longer running.');
    this.name = 'RunStopped';
  }
}

/** One person's outcome, waiting to be stored. */
export interface PersonCheck {
  personId: string;
  email: string;
  verdict: AccessVerdict;
  checkedAt: Date;
}

/**
 * Stores a batch of outcomes in one transaction: the run's result rows (unique per run and person,
 * which is what makes a resumed run skip them; a person an earlier attempt already recorded is left
 * as it was), the run's progress and the people's current calendar access. (That delegation works
 * proves nothing about which organization a domain is: only a Workspace super admin's sign-in
 * verifies one.) Throws RunStopped, writing nothing, when the run is no longer RUNNING.
 */
export async function recordPersonChecks(
  deps: DomainDeps,
  input: { organizationId: string; runId: string; checks: readonly PersonCheck[] },
): Promise<void> {
  const { organizationId, runId, checks } = input;
  if (checks.length === 0) return;
  return deps.prisma.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING: only the rows this batch really inserted are counted and applied.
    const inserted = await tx.integrationTestResult.createManyAndReturn({
      data: checks.map(({ personId, verdict, checkedAt }) => ({
        organizationId,
        runId,
        personId,
        status: verdict.status,
        reason: verdict.reason,
        fix: verdict.fix,
        googleTimeZone: verdict.googleTimeZone ?? null,
        checkedAt,
      })),
      skipDuplicates: true,
      select: { personId: true },
    });
    const fresh = new Set(inserted.map((row) => row.personId));
    const applied = checks.filter((check) => fresh.has(check.personId));
    const active = applied.filter((check) => check.verdict.status === 'ACTIVE').length;
    const { count } = await tx.integrationTestRun.updateMany({
      where: { id: runId, organizationId, status: 'RUNNING' },
      data: { checked: { increment: applied.length }, ...(active > 0 && { active: { increment: active } }) },
    });
    if (count === 0) throw new RunStopped();
    // A failed check keeps the time zone Google last showed us: two statements, with and without it.
    const withZone = applied.filter((check) => check.verdict.googleTimeZone !== undefined);
    const withoutZone = applied.filter((check) => check.verdict.googleTimeZone === undefined);
    const now = deps.clock();
    if (withZone.length > 0) {
      await tx.$executeRaw`
        INSERT INTO "PersonCalendarAccess" ("id", "organizationId", "personId", "status", "reason", "fix", "googleTimeZone", "checkedAt", "updatedAt")
        VALUES ${Prisma.join(withZone.map((check) => accessRow(organizationId, check, check.verdict.googleTimeZone ?? null, now)))}
        ON CONFLICT ("organizationId", "personId") DO UPDATE SET
          "status" = EXCLUDED."status", "reason" = EXCLUDED."reason", "fix" = EXCLUDED."fix",
          "googleTimeZone" = EXCLUDED."googleTimeZone", "checkedAt" = EXCLUDED."checkedAt", "updatedAt" = EXCLUDED."updatedAt"`;
    }
    if (withoutZone.length > 0) {
      await tx.$executeRaw`
        INSERT INTO "PersonCalendarAccess" ("id", "organizationId", "personId", "status", "reason", "fix", "googleTimeZone", "checkedAt", "updatedAt")
        VALUES ${Prisma.join(withoutZone.map((check) => accessRow(organizationId, check, null, now)))}
        ON CONFLICT ("organizationId", "personId") DO UPDATE SET
          "status" = EXCLUDED."status", "reason" = EXCLUDED."reason", "fix" = EXCLUDED."fix",
          "checkedAt" = EXCLUDED."checkedAt", "updatedAt" = EXCLUDED."updatedAt"`;
    }
  });
}

function accessRow(organizationId: string, check: PersonCheck, googleTimeZone: string | null, now: Date): Prisma.Sql {
  const { verdict } = check;
  return Prisma.sql`(${randomUUID()}::uuid, ${organizationId}::uuid, ${check.personId}::uuid, ${verdict.status}::"AccessStatus",
    ${verdict.reason}, ${verdict.fix}, ${googleTimeZone}, ${check.checkedAt}::timestamptz, ${now}::timestamptz)`;
}
