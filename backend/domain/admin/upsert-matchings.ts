import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DomainDeps, Tx } from '../deps.js';
import type { Matching, Prisma } from '../../store/generated/prisma/client.js';
import { emailSchema, type FieldIssue } from '../values.js';
import {
  addToGroup,
  otherRowsOf,
  runBulkUpsert,
  type BulkUpsertInput,
  type BulkUpsertResult,
  type ParsedRow,
  type PlannedRow,
  type UpsertKind,
} from './bulk-upsert.js';

const exactlyOne = (keys: string[]) => (value: Record<string, unknown>) => keys.filter((key) => value[key] !== undefined).length === 1;

/** A program, by the customer's externalId or by Together's id. */
const programRef = z
  .strictObject({ externalId: z.string().trim().min(1).max(200).optional(), id: z.uuid().optional() })
  .refine(exactlyOne(['externalId', 'id']), { message: 'give exactly one of externalId or id', params: { code: 'invalid_reference' } });

/** A person, by email or by the customer's externalId. */
const personRef = z
  .strictObject({ email: emailSchema.optional(), externalId: z.string().trim().min(1).max(200).optional() })
  .refine(exactlyOne(['email', 'externalId']), {
    message: 'give exactly one of email or externalId',
    params: { code: 'invalid_reference' },
  });

/** One matching in a bulk upsert, identified by externalId; program, mentor and mentee must already exist. */
export const matchingRowSchema = z.strictObject({
  externalId: z.string().trim().min(1).max(200),
  program: programRef,
  mentor: personRef,
  mentee: personRef,
  /** Default ACTIVE; absent on an update keeps the stored one. */
  status: z.enum(['ACTIVE', 'PAUSED', 'ENDED']).optional(),
  /** What the pair works on; null clears it, absent keeps it. */
  agenda: z.string().trim().max(2000).nullable().optional(),
});
export type MatchingRow = z.infer<typeof matchingRowSchema>;
type ProgramRef = MatchingRow['program'];
type PersonRef = MatchingRow['mentor'];

type MatchingChange = Omit<Prisma.MatchingCreateManyInput, 'organizationId' | 'id'>;
type MatchingUpdate = Prisma.MatchingUncheckedUpdateInput;

/** Every program and person the batch names, looked up in one query each, scoped to the organization. */
async function loadReferences(tx: Tx, organizationId: string, rows: ParsedRow<MatchingRow>[]) {
  const pick = <T>(f: (row: MatchingRow) => (T | undefined)[]) =>
    [...new Set(rows.flatMap(({ row }) => f(row)))].filter((v): v is T => v !== undefined);
  // One after another: an interactive transaction runs on one connection anyway.
  const programList = await tx.program.findMany({
    where: {
      organizationId,
      OR: [{ id: { in: pick((r) => [r.program.id]) } }, { externalId: { in: pick((r) => [r.program.externalId]) } }],
    },
    select: { id: true, externalId: true },
  });
  const personList = await tx.person.findMany({
    where: {
      organizationId,
      OR: [
        { email: { in: pick((r) => [r.mentor.email, r.mentee.email]) } },
        { externalId: { in: pick((r) => [r.mentor.externalId, r.mentee.externalId]) } },
      ],
    },
    select: { id: true, email: true, externalId: true },
  });
  const matchingList = await tx.matching.findMany({ where: { organizationId, externalId: { in: pick((r) => [r.externalId]) } } });
  const programs = new Map(
    programList.flatMap((p) => [[`id:${p.id}`, p.id] as const, ...(p.externalId ? [[`ext:${p.externalId}`, p.id] as const] : [])]),
  );
  const people = new Map(
    personList.flatMap((p) => [[`email:${p.email}`, p.id] as const, ...(p.externalId ? [[`ext:${p.externalId}`, p.id] as const] : [])]),
  );
  return {
    program: (ref: ProgramRef) => programs.get(ref.id ? `id:${ref.id}` : `ext:${ref.externalId}`),
    person: (ref: PersonRef) => people.get(ref.email ? `email:${ref.email}` : `ext:${ref.externalId}`),
    matchings: new Map(matchingList.map((m) => [m.externalId, m])),
  };
}

/** Existing matchings of the same program and pair, which the database allows only once. */
async function loadPairs(tx: Tx, organizationId: string, programIds: string[]) {
  const list = await tx.matching.findMany({
    where: { organizationId, programId: { in: programIds } },
    select: { id: true, programId: true, mentorId: true, menteeId: true },
  });
  return new Map(list.map((m) => [`${m.programId}/${m.mentorId}/${m.menteeId}`, m.id]));
}

const matchings: UpsertKind<MatchingRow, MatchingChange, MatchingUpdate> = {
  noun: 'matchings',
  targetType: 'Matching',
  schema: matchingRowSchema,
  batchKeys: (row) => [{ field: 'externalId', value: row.externalId }],

  async plan(tx, organizationId, rows) {
    const refs = await loadReferences(tx, organizationId, rows);
    const resolved = rows.map(({ index, row }) => {
      const ids = { programId: refs.program(row.program), mentorId: refs.person(row.mentor), menteeId: refs.person(row.mentee) };
      const errors: FieldIssue[] = [];
      if (!ids.programId) errors.push({ field: 'program', code: 'not_found', message: 'no such program in this organization' });
      if (!ids.mentorId) errors.push({ field: 'mentor', code: 'not_found', message: 'no such person in this organization' });
      if (!ids.menteeId) errors.push({ field: 'mentee', code: 'not_found', message: 'no such person in this organization' });
      if (ids.mentorId && ids.mentorId === ids.menteeId)
        errors.push({ field: 'mentee', code: 'same_person', message: 'mentor and mentee must be two people' });
      return { index, row, ids, errors };
    });
    const pairs = await loadPairs(tx, organizationId, [...new Set(resolved.flatMap((r) => (r.ids.programId ? [r.ids.programId] : [])))]);
    const pairInBatch = new Map<string, number[]>();
    for (const r of resolved) {
      if (r.errors.length === 0) addToGroup(pairInBatch, `${r.ids.programId}/${r.ids.mentorId}/${r.ids.menteeId}`, r.index);
    }
    return resolved.map(({ index, row, ids, errors }): PlannedRow<MatchingChange, MatchingUpdate> => {
      if (errors.length > 0 || !ids.programId || !ids.mentorId || !ids.menteeId) return { index, status: 'invalid', errors };
      const target = refs.matchings.get(row.externalId);
      const key = `${ids.programId}/${ids.mentorId}/${ids.menteeId}`;
      const holder = pairs.get(key);
      const sharing = pairInBatch.get(key) ?? [];
      if (sharing.length > 1) {
        return {
          index,
          status: 'invalid',
          errors: [
            {
              field: 'mentee',
              code: 'duplicate_in_batch',
              message: `${otherRowsOf(sharing, index)} match the same pair in the same program`,
            },
          ],
        };
      }
      if (holder && holder !== target?.id) {
        return {
          index,
          status: 'invalid',
          errors: [{ field: 'mentee', code: 'conflict', message: `matching ${holder} already pairs these people in this program` }],
        };
      }
      return planMatching(index, row, { programId: ids.programId, mentorId: ids.mentorId, menteeId: ids.menteeId }, target);
    });
  },

  table: (tx) => tx.matching,
};

function planMatching(
  index: number,
  row: MatchingRow,
  ids: { programId: string; mentorId: string; menteeId: string },
  target: Matching | undefined,
): PlannedRow<MatchingChange, MatchingUpdate> {
  if (!target) {
    return {
      index,
      status: 'created',
      id: randomUUID(),
      create: { externalId: row.externalId, ...ids, status: row.status ?? 'ACTIVE', agenda: row.agenda ?? null },
    };
  }
  const update: MatchingUpdate = {};
  if (ids.programId !== target.programId) update.programId = ids.programId;
  if (ids.mentorId !== target.mentorId) update.mentorId = ids.mentorId;
  if (ids.menteeId !== target.menteeId) update.menteeId = ids.menteeId;
  if (row.status !== undefined && row.status !== target.status) update.status = row.status;
  if (row.agenda !== undefined && row.agenda !== target.agenda) update.agenda = row.agenda;
  return Object.keys(update).length === 0
    ? { index, status: 'unchanged', id: target.id }
    : { index, status: 'updated', id: target.id, update };
}

/** Creates or updates matchings by externalId, all or nothing; program, mentor and mentee must exist in the organization. */
export async function upsertMatchings(deps: DomainDeps, input: BulkUpsertInput): Promise<BulkUpsertResult> {
  return runBulkUpsert(deps, matchings, input);
}
