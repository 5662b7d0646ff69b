import type { z } from 'zod';
import { writeAuditEntry } from '../audit.js';
import { LONG_TRANSACTION, type Actor, type DomainDeps, type Tx } from '../deps.js';
import { AppError } from '../errors.js';
import { fieldIssues, type FieldIssue } from '../values.js';

/** The most rows one bulk upsert may carry. */
export const MAX_BATCH_ROWS = 5000;

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'invalid';

/** What happened (or, in a dry run, would happen) to one row of a batch. */
export interface RowResult {
  /** Position of the row in the request, from 0. */
  index: number;
  status: RowStatus;
  /** The record's id, for every valid row. */
  id?: string;
  errors?: FieldIssue[];
}

export interface BulkUpsertResult {
  rows: RowResult[];
  summary: Record<RowStatus, number> & { total: number };
  /** True when nothing was written because the caller only asked what would happen. */
  dryRun: boolean;
}

export interface BulkUpsertInput {
  organizationId: string;
  /** Raw rows as the client sent them; each is validated here. */
  rows: unknown[];
  actor: Actor;
  /** Validate and plan, report, write nothing. */
  dryRun?: boolean | undefined;
}

/** A row that passed its schema, with its position in the batch. */
export interface ParsedRow<Row> {
  index: number;
  row: Row;
}

/** The plan for one row, decided against the database inside the batch's transaction. */
export type PlannedRow<Create, Update> = { index: number } & (
  | { status: 'created'; id: string; create: Create }
  | { status: 'updated'; id: string; update: Update }
  | { status: 'unchanged'; id: string }
  | { status: 'invalid'; errors: FieldIssue[] }
);

/** The part of a bulk upsert that differs between people, programs and matchings. */
export interface UpsertKind<Row, Create, Update> {
  /** Plural noun for audit actions (`people.upserted`) and messages. */
  noun: string;
  /** Audit target type. */
  targetType: string;
  schema: z.ZodType<Row>;
  /** Values that identify a row; two rows of one batch sharing one are both invalid. */
  batchKeys(row: Row): { field: string; value: string }[];
  /** Resolves every row against the organization's data: create, update, unchanged or invalid. */
  plan(tx: Tx, organizationId: string, rows: ParsedRow<Row>[]): Promise<PlannedRow<Create, Update>[]>;
  /** Applies the valid plan. */
  write(tx: Tx, organizationId: string, rows: PlannedRow<Create, Update>[], at: Date): Promise<void>;
}

/**
 * Validates every row, then plans and writes the whole batch in one transaction; if any row is
 * invalid nothing is written and `invalid_rows` lists every problem. Idempotent: a rerun of the
 * same batch reports every row `unchanged`.
 */
export async function runBulkUpsert<Row, Create, Update>(
  deps: DomainDeps,
  kind: UpsertKind<Row, Create, Update>,
  input: BulkUpsertInput,
): Promise<BulkUpsertResult> {
  if (input.rows.length > MAX_BATCH_ROWS) {
    throw new AppError('batch_too_large', `A batch holds at most ${MAX_BATCH_ROWS} rows; split this one of ${input.rows.length}.`, {
      maxRows: MAX_BATCH_ROWS,
      rows: input.rows.length,
    });
  }
  const invalid = new Map<number, FieldIssue[]>();
  const parsed: ParsedRow<Row>[] = [];
  input.rows.forEach((raw, index) => {
    const result = kind.schema.safeParse(raw);
    if (result.success) parsed.push({ index, row: result.data });
    else invalid.set(index, fieldIssues(result.error));
  });
  for (const [index, issue] of duplicates(parsed.map(({ index, row }) => ({ index, keys: kind.batchKeys(row) })))) {
    invalid.set(index, [...(invalid.get(index) ?? []), issue]);
  }

  return deps.prisma.$transaction(async (tx) => {
    const candidates = parsed.filter(({ index }) => !invalid.has(index));
    const planned = markSharedTargets(await kind.plan(tx, input.organizationId, candidates));
    for (const row of planned) if (row.status === 'invalid') invalid.set(row.index, row.errors);
    if (invalid.size > 0) {
      const rows = [...invalid].sort(([a], [b]) => a - b).map(([index, errors]) => ({ index, status: 'invalid' as const, errors }));
      throw new AppError('invalid_rows', `${rows.length} of ${input.rows.length} rows are invalid; nothing was written.`, {
        rows,
        total: input.rows.length,
      });
    }
    const rows: RowResult[] = planned
      .map((row) => ({ index: row.index, status: row.status, ...('id' in row ? { id: row.id } : {}) }))
      .sort((a, b) => a.index - b.index);
    const summary = { total: rows.length, created: 0, updated: 0, unchanged: 0, invalid: 0 };
    for (const row of rows) summary[row.status] += 1;
    if (input.dryRun) return { rows, summary, dryRun: true };

    const at = deps.clock();
    await kind.write(tx, input.organizationId, planned, at);
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: `${kind.noun}.upserted`,
      target: { type: kind.targetType },
      details: summary,
      at,
    });
    return { rows, summary, dryRun: false };
  }, LONG_TRANSACTION);
}

/** Rows sharing a key value, each with an issue naming the other rows. */
function duplicates(rows: { index: number; keys: { field: string; value: string }[] }[]): [number, FieldIssue][] {
  const seen = new Map<string, number[]>();
  for (const { index, keys } of rows) {
    for (const { field, value } of keys) {
      const key = `${field}\u0000${value}`;
      seen.set(key, [...(seen.get(key) ?? []), index]);
    }
  }
  const issues: [number, FieldIssue][] = [];
  for (const [key, indexes] of seen) {
    if (indexes.length < 2) continue;
    const field = key.slice(0, key.indexOf('\u0000'));
    for (const index of indexes) {
      const others = indexes.filter((other) => other !== index).join(', ');
      issues.push([index, { field, code: 'duplicate_in_batch', message: `the same ${field} is in row(s) ${others} of this batch` }]);
    }
  }
  return issues;
}

/** Two rows that resolve to the same existing record (say by email and by externalId) are both invalid. */
function markSharedTargets<C, U>(rows: PlannedRow<C, U>[]): PlannedRow<C, U>[] {
  const byId = new Map<string, number[]>();
  for (const row of rows) if ('id' in row) byId.set(row.id, [...(byId.get(row.id) ?? []), row.index]);
  return rows.map((row) => {
    const shared = 'id' in row ? (byId.get(row.id) ?? []) : [];
    if (shared.length < 2) return row;
    const others = shared.filter((index) => index !== row.index).join(', ');
    return {
      index: row.index,
      status: 'invalid',
      errors: [{ field: '', code: 'duplicate_in_batch', message: `row(s) ${others} of this batch change the same record` }],
    };
  });
}

/** Deep equality of JSON values, ignoring object key order (jsonb reorders keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
