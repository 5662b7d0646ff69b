import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DomainDeps } from '../deps.js';
import type { Person, Prisma } from '../../store/generated/prisma/client.js';
import { DEFAULT_WORKING_HOURS, emailSchema, timeZoneSchema, workingHoursSchema, type FieldIssue } from '../values.js';
import { runBulkUpsert, sameJson, type BulkUpsertInput, type BulkUpsertResult, type PlannedRow, type UpsertKind } from './bulk-upsert.js';
import { domainOf } from '../../google/impersonation.js';

/** One person in a bulk upsert. Identified by externalId when given, else by email. */
export const personRowSchema = z.strictObject({
  /** The customer's own id; lets a person's email change. */
  externalId: z.string().trim().min(1).max(200).optional(),
  email: emailSchema,
  displayName: z.string().trim().min(1).max(200),
  /** IANA zone; UTC when a new person has none. Absent on an update keeps the stored one. */
  timeZone: timeZoneSchema.optional(),
  /** Mon–Fri 09:00–17:00 when a new person has none. Absent on an update keeps the stored one. */
  workingHours: workingHoursSchema.optional(),
  status: z.enum(['ACTIVE', 'INACTIVE']).optional(),
});
export type PersonRow = z.infer<typeof personRowSchema>;

type PersonChange = Omit<Prisma.PersonCreateManyInput, 'organizationId' | 'id'>;

const people: UpsertKind<PersonRow, PersonChange, Prisma.PersonUpdateInput> = {
  noun: 'people',
  targetType: 'Person',
  schema: personRowSchema,
  batchKeys: (row) => [{ field: 'email', value: row.email }, ...(row.externalId ? [{ field: 'externalId', value: row.externalId }] : [])],

  async plan(tx, organizationId, rows) {
    const emails = rows.map(({ row }) => row.email);
    const externalIds = rows.flatMap(({ row }) => (row.externalId ? [row.externalId] : []));
    const [existing, domains] = await Promise.all([
      tx.person.findMany({ where: { organizationId, OR: [{ email: { in: emails } }, { externalId: { in: externalIds } }] } }),
      tx.workspaceDomain.findMany({ where: { organizationId }, select: { domain: true } }),
    ]);
    const ownDomains = new Set(domains.map((d) => d.domain));
    const byEmail = new Map(existing.map((person) => [person.email, person]));
    const byExternalId = new Map(existing.flatMap((person) => (person.externalId ? [[person.externalId, person] as const] : [])));
    return rows.map(({ index, row }) =>
      planPerson(index, row, ownDomains, byEmail.get(row.email), row.externalId ? byExternalId.get(row.externalId) : undefined),
    );
  },

  table: (tx) => tx.person,
};

function planPerson(
  index: number,
  row: PersonRow,
  ownDomains: ReadonlySet<string>,
  holderOfEmail: Person | undefined,
  holderOfExternalId: Person | undefined,
): PlannedRow<PersonChange, Prisma.PersonUpdateInput> {
  const errors: FieldIssue[] = [];
  // People belong to the organization's own Workspace domains: no tenant names another customer's users.
  const domain = domainOf(row.email);
  if (!ownDomains.has(domain)) {
    errors.push({
      field: 'email',
      code: 'outside_organization_domains',
      message: `${domain} is not one of the organization's domains; add it to the organization first`,
    });
  }
  if (holderOfEmail && holderOfExternalId && holderOfEmail.id !== holderOfExternalId.id) {
    errors.push({ field: 'email', code: 'conflict', message: `another person (${holderOfEmail.id}) already has this email` });
  }
  const target = holderOfExternalId ?? holderOfEmail;
  if (target && !holderOfExternalId && row.externalId && target.externalId) {
    errors.push({
      field: 'externalId',
      code: 'conflict',
      message: `the person with this email has another externalId (${target.externalId})`,
    });
  }
  if (errors.length > 0) return { index, status: 'invalid', errors };

  if (!target) {
    return {
      index,
      status: 'created',
      id: randomUUID(),
      create: {
        email: row.email,
        displayName: row.displayName,
        externalId: row.externalId ?? null,
        timeZone: row.timeZone ?? 'UTC',
        workingHours: row.workingHours ?? DEFAULT_WORKING_HOURS,
        status: row.status ?? 'ACTIVE',
      },
    };
  }
  const update: Prisma.PersonUpdateInput = {};
  if (row.email !== target.email) update.email = row.email;
  if (row.displayName !== target.displayName) update.displayName = row.displayName;
  if (row.externalId && row.externalId !== target.externalId) update.externalId = row.externalId;
  if (row.timeZone !== undefined && row.timeZone !== target.timeZone) update.timeZone = row.timeZone;
  if (row.workingHours !== undefined && !sameJson(row.workingHours, target.workingHours)) update.workingHours = row.workingHours;
  if (row.status !== undefined && row.status !== target.status) update.status = row.status;
  return Object.keys(update).length === 0
    ? { index, status: 'unchanged', id: target.id }
    : { index, status: 'updated', id: target.id, update };
}

/** Creates or updates people by externalId or email, all or nothing. */
export async function upsertPeople(deps: DomainDeps, input: BulkUpsertInput): Promise<BulkUpsertResult> {
  return runBulkUpsert(deps, people, input);
}
