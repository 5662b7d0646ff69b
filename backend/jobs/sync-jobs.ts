import { z } from 'zod';
import { ChannelDirectory } from '../domain/sync/accept-notification.js';
import type { SyncDeps } from '../domain/sync/deps.js';
import { ensureWatchChannels, stopPeopleChannels } from '../domain/sync/ensure-watch-channels.js';
import { findOverdueSyncs } from '../domain/sync/find-overdue-syncs.js';
import { reconcileUpcomingSessions } from '../domain/sync/reconcile-upcoming-sessions.js';
import { SyncRequestBatcher } from '../domain/sync/sync-request-batcher.js';
import { syncCalendar } from '../domain/sync/sync-calendar.js';
import { BACKGROUND_BACKOFF } from '../domain/background-backoff.js';
import { followingAChange } from '../domain/quota/priorities.js';
import type { Logger } from '../logger.js';
import type { JobDefinition, JobQueue } from './queue.js';

export interface SyncJobDeps extends SyncDeps {
  queue: JobQueue;
  logger: Logger;
  /** Calendar syncs run at once by this process (each is a few Google calls); DEFAULT_SYNC_CONCURRENCY when absent. */
  concurrency?: number;
  /** When channels are checked (cron, UTC; default every 10 minutes; false: only when asked). */
  channelSchedule?: string | false;
  /** When sessions of the next 30 days are reconciled (cron, UTC; default every 15 minutes; false: only when asked). */
  reconcileSchedule?: string | false;
  /** Sessions read from Google per reconciliation pass. */
  reconcileLimit?: number;
  /** A calendar dirty for longer than this without a sync is queued again by the sweep. */
  overdueAfterMs?: number;
  /**
   * A notified calendar is synced this long after the first notification of a burst: the burst's
   * other notifications find its sync still waiting and add nothing, so it costs one list call.
   */
  debounceMs?: number;
}

/**
 * Calendar sync's jobs: `sync.calendar` (one calendar; `stately` per calendar, so a burst of
 * notifications queues at most one waiting sync), `sync.ensure-channels` (scheduled, and after a
 * booking for its two members), `sync.reconcile-upcoming` (scheduled safety net, which also queues
 * calendars whose sync is overdue). Also the webhook's pieces: the channel directory and the batcher
 * that stores notifications and queues their syncs.
 */
export function syncJobs(deps: SyncJobDeps) {
  const channels = new ChannelDirectory(deps);
  const syncDeps: SyncDeps = { ...deps, backoff: BACKGROUND_BACKOFF, onChannelStopped: (id) => channels.forget(id) };

  const calendar: JobDefinition<{ syncStateId: string }> = {
    name: 'sync.calendar',
    payload: z.object({ syncStateId: z.uuid() }),
    policy: 'stately',
    // Two workers, each running half the syncs of a fetched batch side by side.
    concurrency: 2,
    batchSize: Math.max(1, Math.ceil((deps.concurrency ?? DEFAULT_SYNC_CONCURRENCY) / 2)),
    // Backs off 1 s, 2 s, 4 s … (pg-boss); after the last retry the sweep queues the calendar again.
    retryLimit: 8,
    retryDelaySeconds: 1,
    expireInSeconds: 5 * 60,
    handle: async ({ syncStateId }) => {
      // Notifications first: a burst is answered before its syncs take the CPU and the database.
      await batcher.quiet({ quietMs: 100, maxWaitMs: 1_000 });
      // Someone just changed this calendar: its listing goes ahead of background work's calls.
      const outcome = await followingAChange(() => syncCalendar(syncDeps, syncStateId));
      if (outcome.fullSync && outcome.listed) deps.logger.info({ syncStateId, pages: outcome.pages }, 'calendar fully synced');
    },
  };

  const queueSyncs = async (syncStateIds: string[], delayMs = 0): Promise<void> => {
    const startAfter = delayMs > 0 ? new Date(Date.now() + delayMs) : undefined;
    await deps.queue.sendMany(
      calendar,
      syncStateIds.map((syncStateId) => ({ payload: { syncStateId }, singletonKey: syncStateId, ...(startAfter ? { startAfter } : {}) })),
    );
    // Wake this process's worker when the jobs are due, rather than at its next poll.
    if (delayMs > 0) setTimeout(() => deps.queue.wake(calendar), delayMs + 10).unref();
    else deps.queue.wake(calendar);
  };

  const ensureChannels: JobDefinition<{ personIds?: string[] }> = {
    name: 'sync.ensure-channels',
    payload: z.object({ personIds: z.array(z.uuid()).max(100).optional() }),
    ...scheduled(deps.channelSchedule, '*/10 * * * *'),
    // A few passes at a time per process: each after-booking pass waits on a few Google calls, and one
    // at a time (three replicas) opened 590 of the replica scenario's 1,000 new organizers' channels in
    // the 2 minutes after their bookings. Two passes may both open a channel for the same person; the
    // next pass stops the older one. Not `singleton` fleet-wide, for the same reason.
    concurrency: 4,
    retryLimit: 3,
    retryDelaySeconds: 10,
    handle: async ({ personIds }) => {
      // After a booking (personIds) its members' calendars are watched promptly; the scheduled pass is background work.
      const outcome = personIds
        ? await followingAChange(() => ensureWatchChannels(syncDeps, { personIds }))
        : await ensureWatchChannels(syncDeps);
      if (outcome.opened + outcome.renewed + outcome.stopped + outcome.failed > 0)
        deps.logger.info({ ...outcome, syncStateIds: undefined }, 'watch channels checked');
      await queueSyncs(outcome.syncStateIds);
    },
  };

  const reconcile: JobDefinition<Record<string, never>> = {
    name: 'sync.reconcile-upcoming',
    payload: z.strictObject({}),
    ...scheduled(deps.reconcileSchedule, '*/15 * * * *'),
    policy: 'stately',
    concurrency: 1,
    retryLimit: 0,
    expireInSeconds: 15 * 60,
    handle: async () => {
      await queueSyncs(await findOverdueSyncs(deps, { olderThanMs: deps.overdueAfterMs ?? 5 * 60_000 }));
      const outcome = await reconcileUpcomingSessions(syncDeps, deps.reconcileLimit === undefined ? {} : { limit: deps.reconcileLimit });
      if (outcome.updated > 0 || outcome.failed > 0) deps.logger.info(outcome, 'upcoming sessions reconciled');
    },
  };

  const batcher = new SyncRequestBatcher(deps, (ids) => {
    queueSyncs(ids, deps.debounceMs ?? DEFAULT_DEBOUNCE_MS).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'could not queue calendar syncs; the sweep will'),
    );
  });

  return {
    definitions: [calendar, ensureChannels, reconcile] as JobDefinition<never>[],
    /** The deps sync's jobs run with (stopped channels are forgotten by the webhook at once). */
    deps: syncDeps,
    calendar,
    ensureChannels,
    reconcile,
    /** What the webhook needs: channel lookups and durable sync requests. */
    webhook: { channels, requestSync: (syncStateId: string) => batcher.request(syncStateId) },
    /** Before a disconnect: the person's channels stopped at Google while their token still works. */
    stopPeople: (personIds: string[]) => stopPeopleChannels(syncDeps, personIds),
    /** After a booking: make sure both members' calendars are watched, soon. */
    watchPeople: async (personIds: string[]): Promise<void> => {
      try {
        await deps.queue.send(ensureChannels, { personIds });
        deps.queue.wake(ensureChannels);
      } catch (error) {
        deps.logger.error({ err: error }, 'could not queue a channel check; the scheduled one will do');
      }
    },
  };
}

/**
 * Syncs run at once by a process (SYNC_CONCURRENCY). A sync mostly waits (its statements, shared
 * with the others in flight; its Google call), so a burst of a thousand goes as fast as there are
 * syncs in flight to share those waits: 20 took 2.3–2.6 s, 100 takes 1.7–2.1 s (sync README).
 */
export const DEFAULT_SYNC_CONCURRENCY = 100;

/** Long enough for a burst's notifications to arrive, short against the 2-second change-to-session target. */
export const DEFAULT_DEBOUNCE_MS = 300;

const scheduled = (schedule: string | false | undefined, fallback: string): { schedule?: string } =>
  schedule === false ? {} : { schedule: schedule ?? fallback };
