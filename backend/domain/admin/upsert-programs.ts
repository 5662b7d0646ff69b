import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DomainDeps } from '../deps.js';
import type { Prisma, Program } from '../../store/generated/prisma/client.js';
import { runBulkUpsert, sameJson, type BulkUpsertInput, type BulkUpsertResult, type PlannedRow, type UpsertKind } from './bulk-upsert.js';

/** Session lengths Together offers, in minutes. */
export const SESSION_DURATIONS = [30, 45, 60] as const;

/** One program in a bulk upsert, identified by externalId. Absent optional fields keep stored values (defaults when new). */
export const programRowSchema = z.strictObject({
  externalId: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  /** A non-empty subset of 30, 45, 60; stored sorted. Default all three. */
  sessionDurations: z
    .array(z.union(SESSION_DURATIONS.map((minutes) => z.literal(minutes))))
    .min(1)
    .refine((list) => new Set(list).size === list.length, { message: 'must not repeat a duration', params: { code: 'duplicate_value' } })
    .transform((list) => [...list].sort((a, b) => a - b))
    .optional(),
  /** Free minutes kept before and after each session; default 0. */
  bufferMinutes: z.number().int().min(0).max(240).optional(),
  /** Earliest bookable slot from now, in minutes; default 720 (12 hours). At most 30 days. */
  minimumNoticeMinutes: z.number().int().min(0).max(43_200).optional(),
  status: z.enum(['ACTIVE', 'ARCHIVED']).optional(),
});
export type ProgramRow = z.infer<typeof programRowSchema>;

type ProgramChange = Omit<Prisma.ProgramCreateManyInput, 'organizationId' | 'id'>;

const programs: UpsertKind<ProgramRow, ProgramChange, Prisma.ProgramUpdateInput> = {
  noun: 'programs',
  targetType: 'Program',
  schema: programRowSchema,
  batchKeys: (row) => [{ field: 'externalId', value: row.externalId }],

  async plan(tx, organizationId, rows) {
    const existing = await tx.program.findMany({ where: { organizationId, externalId: { in: rows.map(({ row }) => row.externalId) } } });
    const byExternalId = new Map(existing.map((program) => [program.externalId, program]));
    return rows.map(({ index, row }) => planProgram(index, row, byExternalId.get(row.externalId)));
  },

  table: (tx) => tx.program,
};

function planProgram(index: number, row: ProgramRow, target: Program | undefined): PlannedRow<ProgramChange, Prisma.ProgramUpdateInput> {
  if (!target) {
    const { sessionDurations, bufferMinutes, minimumNoticeMinutes, status } = row;
    return {
      index,
      status: 'created',
      id: randomUUID(),
      create: {
        externalId: row.externalId,
        name: row.name,
        ...(sessionDurations && { sessionDurations }),
        ...(bufferMinutes !== undefined && { bufferMinutes }),
        ...(minimumNoticeMinutes !== undefined && { minimumNoticeMinutes }),
        ...(status && { status }),
      },
    };
  }
  const update: Prisma.ProgramUpdateInput = {};
  if (row.name !== target.name) update.name = row.name;
  if (row.sessionDurations && !sameJson(row.sessionDurations, target.sessionDurations)) update.sessionDurations = row.sessionDurations;
  if (row.bufferMinutes !== undefined && row.bufferMinutes !== target.bufferMinutes) update.bufferMinutes = row.bufferMinutes;
  if (row.minimumNoticeMinutes !== undefined && row.minimumNoticeMinutes !== target.minimumNoticeMinutes) {
    update.minimumNoticeMinutes = row.minimumNoticeMinutes;
  }
  if (row.status !== undefined && row.status !== target.status) update.status = row.status;
  return Object.keys(update).length === 0
    ? { index, status: 'unchanged', id: target.id }
    : { index, status: 'updated', id: target.id, update };
}

/** Creates or updates programs by externalId, all or nothing. */
export async function upsertPrograms(deps: DomainDeps, input: BulkUpsertInput): Promise<BulkUpsertResult> {
  return runBulkUpsert(deps, programs, input);
}
