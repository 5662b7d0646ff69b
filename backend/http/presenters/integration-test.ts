import { z } from 'zod';
import type { CalendarAccessRow } from '../../domain/integration/list-calendar-access.js';
import type { IntegrationTestResultRow } from '../../domain/integration/list-integration-test-results.js';
import type { AccessStatus, IntegrationTestRun } from '../../store/generated/prisma/client.js';
import { id, instant } from './wire.js';

/** Why a person's calendar can or cannot be reached (backend/domain/integration/README.md). */
export const ACCESS_STATUSES = [
  'UNKNOWN',
  'ACTIVE',
  'NOT_INSTALLED',
  'NOT_IN_WORKSPACE',
  'SUSPENDED_OR_DELETED',
  'DOMAIN_NOT_VERIFIED',
  'NOT_CONNECTED',
  'CONNECTION_REVOKED',
  'SCOPE_NOT_GRANTED',
  'BLOCKED_BY_POLICY',
  'CALENDAR_API_ERROR',
  'OTHER',
] as const satisfies readonly AccessStatus[];

/** People counted per access status. */
const countsSchema = z.partialRecord(z.enum(ACCESS_STATUSES), z.int());

/** An integration test run: where it is, progress so far and counts per status. */
export const testRunSchema = z
  .strictObject({
    id,
    trigger: z.enum(['MANUAL', 'SCHEDULED']),
    status: z.enum(['QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED']),
    progress: z.strictObject({ checked: z.int(), total: z.int(), percent: z.int() }),
    active: z.int(),
    /** People per status (so far, while it runs). */
    counts: countsSchema.nullable(),
    error: z.string().nullable(),
    requestedBy: z.string().nullable(),
    createdAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
  })
  .meta({ id: 'TestRun', description: 'An integration test run: progress and people per access status.' });

/** A person's calendar access, as a run found it or as it stands now. */
export const personAccessSchema = z
  .strictObject({
    personId: id,
    email: z.string(),
    displayName: z.string(),
    status: z.enum(ACCESS_STATUSES),
    reason: z.string().nullable(),
    /** What the admin does about it. */
    fix: z.string().nullable(),
    googleTimeZone: z.string().nullable(),
    checkedAt: instant.nullable(),
  })
  .meta({ id: 'PersonAccess', description: "A person's calendar access: status, reason and the admin's fix." });

/** An integration test run: where it is, progress so far and counts per status. */
export function presentTestRun(run: IntegrationTestRun, counts?: Partial<Record<AccessStatus, number>>): z.output<typeof testRunSchema> {
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
export function presentPersonAccess(row: IntegrationTestResultRow | CalendarAccessRow): z.output<typeof personAccessSchema> {
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
