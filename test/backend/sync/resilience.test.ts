import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { ensureWatchChannels } from '../../../backend/domain/sync/ensure-watch-channels.js';
import { control } from '../scheduling/support.js';
import {
  actAs,
  ANA,
  bookWatched,
  emulatorChannelOf,
  eventually,
  listCallsOf,
  notify,
  sessionBecomes,
  settle,
  startSyncWorld,
  storedSession,
  syncStateOf,
} from './support.js';
import { emulatorControl } from '../../support/emulator-control.js';

const world = useWorld(() => startSyncWorld());

describe('sync survives what Google and the network do', () => {
  it('treats duplicated and reordered notifications as one change: one update, coalesced lists', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const channel = emulatorChannelOf(world(), ANA);
    await emulatorControl(world().emulator.url).resetRequests();
    const target = day.at('17:00');
    await actAs.move(world(), ANA, booked.eventId, target);
    const statuses = await Promise.all(
      [9, 7, 9, 8, 7, 9].map((messageNumber) =>
        notify(world(), { channelId: channel.id, token: channel.token!, state: 'exists', messageNumber }),
      ),
    );
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202]);
    await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime());
    await settle();
    expect((await storedSession(world(), booked.id)).version).toBe(booked.version + 1);
    // Seven notifications for Ana's calendar: at most a sync already running plus one waiting.
    expect(await listCallsOf(world(), ANA)).toBeLessThanOrEqual(2);
    expect((await syncStateOf(world(), ANA)).dirtySince).toBeNull();
  });

  it('starts over with a full sync when Google says the sync token expired (410 fullSyncRequired)', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    await control(world(), 'POST', `/calendars/${ANA}/expireSyncTokens`);
    await emulatorControl(world().emulator.url).resetRequests();
    const target = day.at('17:00');
    await actAs.move(world(), ANA, booked.eventId, target);
    await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime());
    const lists = (await emulatorControl(world().emulator.url).requests()).recent.filter(
      (r) => r.method === 'calendar.events.list' && r.subject === ANA,
    );
    expect(lists.map((r) => r.status)).toContain(410);
    expect((await syncStateOf(world(), ANA)).syncToken).not.toBeNull();
  });

  it('backs off and retries while Google fails, and applies the change once it answers', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    await control(world(), 'PUT', '/faults', { errors: [{ method: 'calendar.events.list', status: 503, rate: 1 }] });
    const target = day.at('17:00');
    try {
      await actAs.move(world(), ANA, booked.eventId, target);
      const failing = await eventually(async () => {
        const state = await syncStateOf(world(), ANA);
        return state.consecutiveFailures > 0 ? state : undefined;
      });
      expect(failing.lastError).toMatch(/unavailable/);
      expect(failing.dirtySince).not.toBeNull();
      expect((await storedSession(world(), booked.id)).startAt).not.toEqual(target);
    } finally {
      await control(world(), 'DELETE', '/faults');
    }
    await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime(), 20_000);
    // Ana's own calendar is retried until it is caught up (Ben's copy may have told the change first).
    await eventually(async () => {
      const state = await syncStateOf(world(), ANA);
      return state.consecutiveFailures === 0 && state.lastError === null && state.dirtySince === null;
    }, 20_000);
  });

  it('renews a channel before it expires: the new one first, then the old one is stopped and refused', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const old = emulatorChannelOf(world(), ANA);
    // Within the renewal margin (an hour in these tests).
    await world().db.prisma.watchChannel.updateMany({
      where: { channelId: old.id },
      data: { expiresAt: new Date(world().clock.now().getTime() + 60_000) },
    });
    const outcome = await ensureWatchChannels(world().sync.deps);
    expect(outcome).toMatchObject({ renewed: 1, stopped: 1, opened: 0, failed: 0 });
    const fresh = emulatorChannelOf(world(), ANA);
    expect(fresh.id).not.toBe(old.id);
    expect(await world().db.prisma.watchChannel.findUniqueOrThrow({ where: { channelId: old.id } })).toMatchObject({ status: 'STOPPED' });
    expect(await notify(world(), { channelId: old.id, token: old.token!, state: 'exists' })).toBe(404);
    const target = day.at('17:00');
    await actAs.move(world(), ANA, booked.eventId, target);
    await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime());
  });

  it('catches up after a channel expired unnoticed: the next channel check reopens it and syncs', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    await control(world(), 'PATCH', '/settings', { channelMaxTtlMs: 1_000 });
    // Both calendars: a change reaches Ben's copy too, and his channel would report it.
    const pair = [world().mentor.id, world().mentee.id];
    await world().db.prisma.watchChannel.updateMany({
      where: { personId: { in: pair }, status: 'ACTIVE' },
      data: { expiresAt: new Date(world().clock.now().getTime() + 60_000) },
    });
    await ensureWatchChannels(world().sync.deps, { personIds: pair });
    await control(world(), 'PATCH', '/settings', { channelMaxTtlMs: 7 * 24 * 3_600_000 });
    await settle(1_200);
    const target = day.at('17:00');
    await actAs.move(world(), ANA, booked.eventId, target);
    await settle(1_000);
    expect((await storedSession(world(), booked.id)).startAt).not.toEqual(target); // nobody was told
    const outcome = await ensureWatchChannels(world().sync.deps, { personIds: pair });
    expect(outcome).toMatchObject({ opened: 2 });
    await world().queue.sendMany(
      world().sync.calendar,
      outcome.syncStateIds.map((syncStateId) => ({ payload: { syncStateId }, singletonKey: syncStateId })),
    );
    await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime());
    expect(await world().db.prisma.watchChannel.count({ where: { calendarId: ANA, status: 'EXPIRED' } })).toBeGreaterThanOrEqual(1);
  });

  // Last: it takes the emulator's channels away from Ana and Ben for good.
  it('catches a lost notification in the periodic reconciliation', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    for (const channel of world().emulator.state.channels.list())
      world().emulator.state.channels.stop(channel.id, undefined, channel.clientId);
    const target = day.at('17:00');
    await actAs.move(world(), ANA, booked.eventId, target);
    await settle(1_500);
    expect((await storedSession(world(), booked.id)).startAt).not.toEqual(target);
    await world().queue.send(world().sync.reconcile, {});
    world().queue.wake(world().sync.reconcile);
    await sessionBecomes(world(), booked.id, (s) => s.startAt.getTime() === target.getTime());
  });
});
