import type { CalendarAccessRow } from '../../domain/integration/list-calendar-access.js';
import type { IntegrationTestResultRow } from '../../domain/integration/list-integration-test-results.js';
import type { AccessStatus, IntegrationTestRun } from '../../store/generated/prisma/client.js';

/** An integration test run: where it is, progress so far and counts per status. */
export function presentTestRun(run: IntegrationTestRun, counts?: Partial<Record<AccessStatus, number>>) {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    progress: {
      checked: run.checked,
      total: run.total,
      percent: run.total === 0 ? (run.status === 'COMPLETED' ? 100 : 0) : Math.floor((run.checked * 100) / run.total),
    },
    active: run.active,
    counts: counts ?? (run.countsByReason as Partial<Record<AccessStatus, number>> | null) ?? null,
    error: run.error,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

/** A person's access as a run found it (a test result) or as it stands now: status, reason and the admin's fix. */
export function presentPersonAccess(row: IntegrationTestResultRow | CalendarAccessRow) {
  return {
    personId: row.personId,
    email: row.person.email,
    displayName: row.person.displayName,
    status: row.status,
    reason: row.reason,
    fix: row.fix,
    googleTimeZone: row.googleTimeZone,
    checkedAt: row.checkedAt,
  };
}
