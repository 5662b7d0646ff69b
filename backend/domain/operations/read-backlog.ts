import type { DomainDeps } from '../deps.js';
import { pendingLagMs } from '../sync/list-sync-status.js';

/** One job kind's (pg-boss queue's) backlog. */
export interface JobQueueBacklog {
  queue: string;
  /** Jobs created or waiting for a retry, due or not. */
  waiting: number;
  running: number;
  /** How long the oldest waiting job that is due (its start time reached) has waited to run (ms); 0 when none is due. */
  oldestWaitingAgeMs: number;
}

/** What is owed across the deployment, read at once: job queues, calendar sync and running integration tests. */
export interface Backlog {
  /** Every queue pg-boss knows, empty while the job queue has never started on this database. */
  jobs: JobQueueBacklog[];
  sync: {
    /** The longest any watched calendar's oldest unsynced notification has waited (ms), as the sync status computes it. */
    maxPendingLagMs: number;
    /** The largest last-sync lag of any calendar (ms); 0 before any sync. */
    maxLastLagMs: number;
    /** Calendars owing a sync now. */
    calendarsBehind: number;
  };
  /** Integration test runs queued or running, summed over organizations per status. */
  integrationTests: Array<{ status: 'QUEUED' | 'RUNNING'; runs: number; checked: number; total: number }>;
}

const ACTIVE_RUN_STATUSES = ['QUEUED', 'RUNNING'] as const;

/** The deployment-wide backlog, for a metrics scrape: a few aggregate reads, no row per organization or person. */
export async function readBacklog(deps: DomainDeps): Promise<Backlog> {
  const now = deps.clock();
  const [jobs, lag, behind, runs] = await Promise.all([
    readJobQueues(deps, now),
    deps.prisma.calendarSyncState.aggregate({ _min: { dirtySince: true }, _max: { lastLagMs: true } }),
    deps.prisma.calendarSyncState.count({ where: { dirtySince: { not: null } } }),
    deps.prisma.integrationTestRun.groupBy({
      by: ['status'],
      where: { status: { in: [...ACTIVE_RUN_STATUSES] } },
      _count: { _all: true },
      _sum: { checked: true, total: true },
    }),
  ]);
  return {
    jobs,
    sync: {
      maxPendingLagMs: pendingLagMs(lag._min.dirtySince, now.getTime()),
      maxLastLagMs: lag._max.lastLagMs ?? 0,
      calendarsBehind: behind,
    },
    integrationTests: ACTIVE_RUN_STATUSES.map((status) => {
      const row = runs.find((r) => r.status === status);
      return { status, runs: row?._count._all ?? 0, checked: row?._sum.checked ?? 0, total: row?._sum.total ?? 0 };
    }),
  };
}

/**
 * pg-boss's own tables, read directly: its getQueues() counts are cached and refreshed on its own
 * schedule. Its schema exists only once a JobQueue has started on this database.
 */
async function readJobQueues(deps: DomainDeps, now: Date): Promise<JobQueueBacklog[]> {
  const [schema] = await deps.prisma.$queryRaw<Array<{ present: boolean }>>`
    SELECT to_regclass('pgboss.queue') IS NOT NULL AND to_regclass('pgboss.job') IS NOT NULL AS present`;
  if (!schema?.present) return [];
  const rows = await deps.prisma.$queryRaw<Array<{ queue: string; waiting: number; running: number; oldestDueAt: Date | string | null }>>`
    SELECT q.name AS queue,
      count(j.id) FILTER (WHERE j.state IN ('created', 'retry'))::int AS waiting,
      count(j.id) FILTER (WHERE j.state = 'active')::int AS running,
      min(j.start_after) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= ${now}::timestamptz) AS "oldestDueAt"
    FROM pgboss.queue q
    LEFT JOIN pgboss.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active')
    GROUP BY q.name
    ORDER BY q.name`;
  return rows.map((row) => ({
    queue: row.queue,
    waiting: Number(row.waiting),
    running: Number(row.running),
    oldestWaitingAgeMs: row.oldestDueAt === null ? 0 : Math.max(0, now.getTime() - new Date(row.oldestDueAt).getTime()),
  }));
}
