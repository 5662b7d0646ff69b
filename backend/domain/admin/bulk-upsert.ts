import type { z } from 'zod';
import { writeAuditEntry } from '../audit.js';
import { LONG_TRANSACTION, type Actor, type DomainDeps, type Tx } from '../deps.js';
import { AppError } from '../errors.js';
import { fieldIssues, type FieldIssue } from '../values.js';

/** The most rows one bulk upsert may carry. */
export const MAX_BATCH_ROWS = 5000;

/** At most this many invalid rows are listed in an `invalid_rows` error (the first by index); `moreRows` counts the rest. */
export const MAX_LISTED_ROWS = 100;

/** At most this many problems are listed for one row; its `moreErrors` counts the rest. */
export const MAX_ERRORS_PER_ROW = 20;

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
  /** The table the rows are written to (`tx.person`…). */
  table(tx: Tx): UpsertTable<Create, Update>;
}

/** What writing a plan needs of a Prisma model: one createMany for the new rows, an update per changed one. */
export interface UpsertTable<Create, Update> {
  createMany(args: { data: (Create & { id: string; organizationId: string })[] }): Promise<unknown>;
  update(args: { where: { organizationId_id: { organizationId: string; id: string } }; data: Update }): Promise<unknown>;
}

/**
 * Validates every row, then plans and writes the whole batch in one transaction; if any row is
 * invalid nothing is written and `invalid_rows` lists the problems of the first 100 invalid rows
 * (20 per row at most) and counts the others. Idempotent: a rerun of the same batch reports every
 * row `unchanged`.
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
    if (invalid.size > 0) throw invalidRows(invalid, input.rows.length);
    const rows: RowResult[] = planned
      .map((row) => ({ index: row.index, status: row.status, ...('id' in row ? { id: row.id } : {}) }))
      .sort((a, b) => a.index - b.index);
    const summary = { total: rows.length, created: 0, updated: 0, unchanged: 0, invalid: 0 };
    for (const row of rows) summary[row.status] += 1;
    if (input.dryRun) return { rows, summary, dryRun: true };

    const at = deps.clock();
    await writePlan(kind.table(tx), input.organizationId, planned);
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

/** Applies a valid plan: the created rows in one statement, then each updated row; unchanged rows are not touched. */
async function writePlan<Create, Update>(
  table: UpsertTable<Create, Update>,
  organizationId: string,
  rows: PlannedRow<Create, Update>[],
): Promise<void> {
  const creates = rows.flatMap((row) => (row.status === 'created' ? [{ ...row.create, id: row.id, organizationId }] : []));
  if (creates.length > 0) await table.createMany({ data: creates });
  for (const row of rows) {
    if (row.status === 'updated') await table.update({ where: { organizationId_id: { organizationId, id: row.id } }, data: row.update });
  }
}

/**
 * The `invalid_rows` error: the first MAX_LISTED_ROWS invalid rows by index, each with at most
 * MAX_ERRORS_PER_ROW problems, and how many were left out, so the answer stays small whatever the batch.
 */
function invalidRows(invalid: Map<number, FieldIssue[]>, total: number): AppError {
  const listed = [...invalid.keys()]
    .sort((a, b) => a - b)
    .slice(0, MAX_LISTED_ROWS)
    .map((index) => {
      const errors = invalid.get(index) ?? [];
      return {
        index,
        status: 'invalid' as const,
        errors: errors.slice(0, MAX_ERRORS_PER_ROW),
        ...(errors.length > MAX_ERRORS_PER_ROW ? { moreErrors: errors.length - MAX_ERRORS_PER_ROW } : {}),
      };
    });
  return new AppError('invalid_rows', `${invalid.size} of ${total} rows are invalid; nothing was written.`, {
    total,
    invalid: invalid.size,
    rows: listed,
    moreRows: invalid.size - listed.length,
  });
}

/** Adds `index` to the group under `key` (groups keep indexes in the order they were added). */
export function addToGroup<K>(groups: Map<K, number[]>, key: K, index: number): void {
  const group = groups.get(key);
  if (group) group.push(index);
  else groups.set(key, [index]);
}

/**
 * Names, for a row of a group of rows sharing something, the first other row of the group and how
 * many more there are: "row 3 of this batch", "row 0 of this batch (and 41 other rows)". Never the
 * whole group: a list per row would grow with the square of the batch.
 */
export function otherRowsOf(group: number[], index: number): string {
  const first = group[0] === index ? group[1] : group[0];
  const more = group.length - 2;
  return `row ${first} of this batch${more > 0 ? ` (and ${more} other ${more === 1 ? 'row' : 'rows'})` : ''}`;
}

/** Rows sharing a key value, each with an issue naming one other row of them. */
function duplicates(rows: { index: number; keys: { field: string; value: string }[] }[]): [number, FieldIssue][] {
  const seen = new Map<string, number[]>();
  for (const { index, keys } of rows) {
    for (const { field, value } of keys) addToGroup(seen, `${field}\u0000${value}`, index);
  }
  const issues: [number, FieldIssue][] = [];
  for (const [key, indexes] of seen) {
    if (indexes.length < 2) continue;
    const field = key.slice(0, key.indexOf('\u0000'));
    for (const index of indexes) {
      issues.push([index, { field, code: 'duplicate_in_batch', message: `the same ${field} is in ${otherRowsOf(indexes, index)}` }]);
    }
  }
  return issues;
}

/** Two rows that resolve to the same existing record (say by email and by externalId) are both invalid. */
function markSharedTargets<C, U>(rows: PlannedRow<C, U>[]): PlannedRow<C, U>[] {
  const byId = new Map<string, number[]>();
  for (const row of rows) if ('id' in row) addToGroup(byId, row.id, row.index);
  return rows.map((row) => {
    const shared = 'id' in row ? (byId.get(row.id) ?? []) : [];
    if (shared.length < 2) return row;
    return {
      index: row.index,
      status: 'invalid',
      errors: [{ field: '', code: 'duplicate_in_batch', message: `${otherRowsOf(shared, row.index)} changes the same record` }],
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
