import { describe, expect, it } from '@jest/globals';
import { JobQueue, type JobDefinition } from '../../../backend/jobs/queue.js';
import { syncJobs } from '../../../backend/jobs/sync-jobs.js';
import { captureLogs } from '../../support/app.js';
import { freezableClock, never } from '../../support/freezable-clock.js';
import { useWorld } from '../../support/use-world.js';
import { actAs, ANA, bookWatched, eventually, sessionBecomes, startSyncWorld } from './support.js';

// The world's queue is the replica that dies: once armed, its next events.list reaches Google and
// never returns, and its pg-boss timers (polls, heartbeat refresh, supervise) stop, as after SIGKILL.
const dying = freezableClock();
let armed = false;
const world = useWorld(async () => {
  const started = await startSyncWorld({
    queueClock: dying.clock,
    syncGateway: (real) =>
      Object.assign(Object.create(real) as typeof real, {
        listEventChanges: (...args: Parameters<typeof real.listEventChanges>) => {
          if (!armed) return real.listEventChanges(...args);
          dying.freeze();
          return real.listEventChanges(...args).then(never, never);
        },
      }),
  });
  const close = started.close;
  // Its timers run again only so that its pg-boss can shut down.
  return Object.assign(started, { close: async () => (dying.thaw(), await close()) });
});

describe('a replica that dies in the middle of a calendar sync', () => {
  it('loses nothing: another replica syncs the calendar within a heartbeat, with the changes made meanwhile', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    armed = true;
    await actAs.move(world(), ANA, booked.eventId, day.at('17:00'));
    await eventually(async () => dying.frozen, 20_000);
    const syncStateId = (await world().db.prisma.calendarSyncState.findFirstOrThrow({ where: { calendarId: ANA } })).id;
    const jobsOfAna = () =>
      world().db.prisma.$queryRaw<Array<{ state: string }>>`
        SELECT state::text FROM pgboss.job WHERE name = 'sync.calendar' AND singleton_key = ${syncStateId}`;
    // The dead replica's attempt holds Ana's calendar.
    expect((await jobsOfAna()).map((job) => job.state)).toContain('active');

    // A second replica on the same database; Ana moves the event again while the first one's job still looks active.
    const queue = await JobQueue.start(world().db, captureLogs('warn').logger, {
      pollingIntervalSeconds: 0.5,
      superviseIntervalSeconds: 1,
    });
    try {
      const survivor = syncJobs({
        ...world().syncDeps,
        queue,
        logger: captureLogs('warn').logger,
        channelSchedule: false,
        reconcileSchedule: false,
      });
      for (const definition of survivor.definitions) await queue.register(definition as JobDefinition<never>);
      const target = day.at('18:00');
      await actAs.move(world(), ANA, booked.eventId, target);

      // 10 s without a heartbeat, the survivor's supervise pass (1 s here), the retry delay (1 s): well before the 5-minute expiry.
      const session = await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime(), 60_000);
      expect(session.status).toBe('CONFIRMED');
      // The dead attempt was failed for its stopped heartbeat, and nothing of Ana's calendar is left running or dirty
      // (eventually: the survivor records its own job's completion just after the session is written).
      await eventually(async () => (await jobsOfAna()).every((job) => job.state !== 'active'), 10_000);
      expect((await world().db.prisma.calendarSyncState.findFirstOrThrow({ where: { calendarId: ANA } })).dirtySince).toBeNull();
    } finally {
      await queue.stop(2_000);
    }
  }, 90_000);
});
