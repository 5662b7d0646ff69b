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
 * Stores a batch of outcomes in one statement (one round trip, its own transaction): the run's result
 * rows (unique per run and person, which is what makes a resumed run skip them; a person an earlier
 * attempt already recorded is left as it was), the run's progress and the people's current calendar
 * access, for the rows really inserted only. A failed check keeps the time zone Google last showed
 * us. (That delegation works proves nothing about which organization a domain is: only a Workspace
 * super admin's sign-in verifies one.) Throws RunStopped, writing nothing, when the run is no longer
 * RUNNING.
 */
export async function recordPersonChecks(
  deps: DomainDeps,
  input: { organizationId: string; runId: string; checks: readonly PersonCheck[] },
): Promise<void> {
  const { organizationId, runId, checks } = input;
  if (checks.length === 0) return;
  const column = <T>(pick: (check: PersonCheck) => T) => checks.map(pick);
  // The run's row is locked first, as every writer of the run does; not RUNNING, nothing is written.
  const [{ running } = { running: 0 }] = await deps.prisma.$queryRaw<Array<{ running: number }>>`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((check) => check.personId)}::uuid[], ${column((check) => check.verdict.status)}::text[],
        ${column((check) => check.verdict.reason)}::text[], ${column((check) => check.verdict.fix)}::text[],
        ${column((check) => check.verdict.googleTimeZone ?? null)}::text[], ${column((check) => check.checkedAt)}::timestamptz[]
      ) AS i ("personId", status, reason, fix, "googleTimeZone", "checkedAt")
    ), run AS (
      SELECT id FROM "IntegrationTestRun"
       WHERE id = ${runId}::uuid AND "organizationId" = ${organizationId}::uuid AND status = 'RUNNING'
         FOR UPDATE
    ), inserted AS (
      INSERT INTO "IntegrationTestResult" (id, "organizationId", "runId", "personId", status, reason, fix, "googleTimeZone", "checkedAt")
      SELECT gen_random_uuid(), ${organizationId}::uuid, run.id, i."personId", i.status::"AccessStatus", i.reason, i.fix, i."googleTimeZone", i."checkedAt"
        FROM input i CROSS JOIN run
      ON CONFLICT ("runId", "personId") DO NOTHING
      RETURNING "personId", status
    ), counted AS (
      UPDATE "IntegrationTestRun" AS r
         SET checked = r.checked + (SELECT count(*) FROM inserted),
             active = r.active + (SELECT count(*) FROM inserted WHERE status = 'ACTIVE')
        FROM run WHERE r.id = run.id
      RETURNING r.id
    ), access AS (
      INSERT INTO "PersonCalendarAccess" AS a (id, "organizationId", "personId", status, reason, fix, "googleTimeZone", "checkedAt", "updatedAt")
      SELECT gen_random_uuid(), ${organizationId}::uuid, i."personId", i.status::"AccessStatus", i.reason, i.fix, i."googleTimeZone", i."checkedAt",
             ${deps.clock()}::timestamptz
        FROM input i JOIN inserted USING ("personId")
      ON CONFLICT ("organizationId", "personId") DO UPDATE SET
        status = EXCLUDED.status, reason = EXCLUDED.reason, fix = EXCLUDED.fix,
        "googleTimeZone" = COALESCE(EXCLUDED."googleTimeZone", a."googleTimeZone"),
        "checkedAt" = EXCLUDED."checkedAt", "updatedAt" = EXCLUDED."updatedAt"
    )
    SELECT count(*)::int AS running FROM counted`;
  if (running === 0) throw new RunStopped();
}
