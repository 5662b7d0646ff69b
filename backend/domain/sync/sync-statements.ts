import DataLoader from 'dataloader';
import { directSql, type PrismaClient } from '../../store/database.js';
import type { SqlExecutor } from '../../store/migrations.js';
import { FOLLOWED_STATUSES } from './deps.js';

/** A calendar's sync state with its owner's email and the organization's verified domains (where Together may act). */
export interface SyncStateRow {
  id: string;
  organizationId: string;
  personId: string;
  calendarId: string;
  email: string;
  syncToken: string | null;
  requestedCount: number;
  syncedCount: number;
  consecutiveFailures: number;
  verifiedDomains: string[];
}

/** The sessions a listing may touch: of one organization, by event id or by our private property. */
export interface SessionLookup {
  organizationId: string;
  eventIds: string[];
  sessionIds: string[];
}

export interface TouchedSessionRow {
  id: string;
  organizerId: string;
  attendeeId: string;
  googleEventId: string | null;
  googleCalendarId: string | null;
  organizerEmail: string;
}

/** A successful sync's result: the next token, and the notifications it covered. */
export interface Settlement {
  syncStateId: string;
  syncToken: string | null;
  coveredCount: number;
  finishedAt: Date;
}

/**
 * The three statements every calendar sync makes — read its state, find the sessions its listing
 * touches, settle — each shared by all syncs of this process that reach it in the same turn of the
 * event loop, and sent on the driver under Prisma (`directSql`). A burst runs a thousand syncs a
 * hundred at a time, and the profile showed these statements, each compiled by Prisma even when raw,
 * as the largest part of a sync, more than its own Google call: a thousand syncs made three thousand.
 */
export class SyncStatements {
  readonly states: DataLoader<string, SyncStateRow | undefined>;
  readonly sessions: DataLoader<SessionLookup, TouchedSessionRow[]>;
  readonly settlements: DataLoader<Settlement, true>;

  constructor(sql: SqlExecutor) {
    this.states = coalesced((ids) => readSyncStates(sql, ids));
    this.sessions = coalesced((lookups) => readTouchedSessions(sql, lookups));
    this.settlements = coalesced((settlements) => settle(sql, settlements));
  }
}

/**
 * One statement for every call made in the same turn of the event loop: batched until its check
 * phase, so every answer (a Google listing, a statement, a webhook request) that arrived in the same
 * poll joins. Not a cache: every call reads the database anew.
 */
export function coalesced<K, V>(statement: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader(statement, { cache: false, maxBatchSize: 500, batchScheduleFn: (run) => setImmediate(run) });
}

const statementsByClient = new WeakMap<PrismaClient, SyncStatements>();

/** The coalesced statements over this database client: one set per process and database, shared by every sync on it. */
export function syncStatements(prisma: PrismaClient): SyncStatements {
  let statements = statementsByClient.get(prisma);
  if (!statements) {
    statements = new SyncStatements(directSql(prisma));
    statementsByClient.set(prisma, statements);
  }
  return statements;
}

async function readSyncStates(sql: SqlExecutor, ids: readonly string[]): Promise<Array<SyncStateRow | undefined>> {
  const rows = await sql.query<SyncStateRow>(
    `
    SELECT s.id, s."organizationId", s."personId", s."calendarId", p.email, s."syncToken",
           s."requestedCount", s."syncedCount", s."consecutiveFailures",
           ARRAY(SELECT d.domain FROM "WorkspaceDomain" d
                  WHERE d."organizationId" = s."organizationId" AND d."verifiedAt" IS NOT NULL ORDER BY d.domain) AS "verifiedDomains"
      FROM "CalendarSyncState" s JOIN "Person" p ON p.id = s."personId"
     WHERE s.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id));
}

/**
 * Sessions that still follow their event (a full listing returns deleted events too, and re-reading
 * the organizer's copy of long-cancelled sessions would cost a Google call each), matched within
 * each lookup's organization only: a calendar's events never reach another tenant's sessions.
 */
async function readTouchedSessions(sql: SqlExecutor, lookups: readonly SessionLookup[]): Promise<TouchedSessionRow[][]> {
  const byEvent = lookups.flatMap((lookup, i) =>
    lookup.eventIds.map((eventId) => ({ i, organizationId: lookup.organizationId, key: eventId })),
  );
  const byProperty = lookups.flatMap((lookup, i) =>
    lookup.sessionIds.map((sessionId) => ({ i, organizationId: lookup.organizationId, key: sessionId })),
  );
  const answers = lookups.map((): TouchedSessionRow[] => []);
  if (byEvent.length + byProperty.length === 0) return answers;
  const column = <K extends 'i' | 'organizationId' | 'key'>(keys: typeof byEvent, name: K) => keys.map((k) => k[name]);
  const rows = await sql.query<TouchedSessionRow & { lookup: number }>(
    `SELECT k.lookup, m.id, m."organizerId", m."attendeeId", m."googleEventId", m."googleCalendarId", o.email AS "organizerEmail"
       FROM unnest($1::int[], $2::uuid[], $3::text[]) AS k(lookup, org, event)
       JOIN "MentoringSession" m ON m."organizationId" = k.org AND m."googleEventId" = k.event
       JOIN "Person" o ON o.id = m."organizerId"
      WHERE m.status = ANY($7::text[]::"SessionStatus"[])
     UNION
     SELECT k.lookup, m.id, m."organizerId", m."attendeeId", m."googleEventId", m."googleCalendarId", o.email AS "organizerEmail"
       FROM unnest($4::int[], $5::uuid[], $6::uuid[]) AS k(lookup, org, session)
       JOIN "MentoringSession" m ON m."organizationId" = k.org AND m.id = k.session
       JOIN "Person" o ON o.id = m."organizerId"
      WHERE m.status = ANY($7::text[]::"SessionStatus"[])`,
    [
      column(byEvent, 'i'),
      column(byEvent, 'organizationId'),
      column(byEvent, 'key'),
      column(byProperty, 'i'),
      column(byProperty, 'organizationId'),
      column(byProperty, 'key'),
      [...FOLLOWED_STATUSES],
    ],
  );
  for (const { lookup, ...session } of rows) answers[lookup]!.push(session);
  return answers;
}

/**
 * Settles exactly the notifications each sync counted before listing (later ones keep its calendar
 * dirty for the next sync), stores the next token and the lag, and clears the failure record.
 */
async function settle(sql: SqlExecutor, all: readonly Settlement[]): Promise<true[]> {
  // One running sync per calendar (its job's queue is stately), so one settlement each; were there two, the later count wins.
  const settlements = [...new Map([...all].sort((a, b) => a.coveredCount - b.coveredCount).map((s) => [s.syncStateId, s])).values()];
  await sql.query(
    `UPDATE "CalendarSyncState" AS s
       SET "syncToken" = u.token,
           "syncedCount" = u.covered,
           "lastLagMs" = CASE WHEN s."dirtySince" IS NULL THEN s."lastLagMs"
                              ELSE GREATEST(0, (EXTRACT(EPOCH FROM (u.finished - s."dirtySince")) * 1000)::int) END,
           "dirtySince" = CASE WHEN s."requestedCount" = u.covered THEN NULL ELSE s."dirtySince" END,
           "lastSyncedAt" = u.finished, "consecutiveFailures" = 0, "nextAttemptAt" = NULL, "lastError" = NULL, "updatedAt" = u.finished
      FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[]) AS u(id, token, covered, finished)
     WHERE s.id = u.id`,
    [
      settlements.map((s) => s.syncStateId),
      settlements.map((s) => s.syncToken),
      settlements.map((s) => s.coveredCount),
      settlements.map((s) => s.finishedAt.toISOString()),
    ],
  );
  return all.map(() => true);
}
