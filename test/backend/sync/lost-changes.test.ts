import type { Impersonation } from '../../../backend/google/impersonation.js';
import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { refreshRsvps } from '../../../backend/domain/scheduling/refresh-rsvp.js';
import { completeReschedule } from '../../../backend/domain/scheduling/complete-reschedule.js';
import type { SyncGateway } from '../../../backend/domain/sync/deps.js';
import { reconcileUpcomingSessions } from '../../../backend/domain/sync/reconcile-upcoming-sessions.js';
import { recordSyncRequests } from '../../../backend/domain/sync/record-sync-requests.js';
import { syncCalendar, SyncDeferredError } from '../../../backend/domain/sync/sync-calendar.js';
import { control } from '../scheduling/support.js';
import { actAs, ANA, BEN, bookWatched, sessionBecomes, startSyncWorld, storedSession, syncStateOf } from './support.js';

// Changes that reach Google while something else is going on: none of them may be lost.
const world = useWorld(() => startSyncWorld());

/** Runs `steps` with the emulator's push notifications lost (restored afterwards). */
async function withoutPush<T>(steps: () => Promise<T>): Promise<T> {
  const channels = world().emulator.state.channels;
  const notify = channels.notify;
  channels.notify = () => undefined;
  try {
    return await steps();
  } finally {
    channels.notify = notify;
  }
}

describe('changes are not lost', () => {
  it('sees a deletion made before a full resync (410 on both calendars): deleted events are listed too', async () => {
    const booked = await bookWatched(world(), world().days.next().at('16:00'));
    for (const email of [ANA, BEN]) await control(world(), 'POST', `/calendars/${email}/expireSyncTokens`);
    await actAs.remove(world(), ANA, booked.eventId);
    const session = await sessionBecomes(world(), booked.id, (s) => s.status === 'CANCELLED');
    expect(session.cancelReason).toMatch(/Google Calendar/);
  });

  it('applies a move whose event an RSVP read on the user API saw first (the read does not take the etag)', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const target = day.at('17:00');
    await withoutPush(async () => {
      await actAs.move(world(), ANA, booked.eventId, target);
      // The add-on shows the session: its RSVP is read from the organizer's (moved) copy.
      const session = await world().db.prisma.mentoringSession.findUniqueOrThrow({
        where: { id: booked.id },
        include: { organizer: true, attendee: true },
      });
      await refreshRsvps({ ...world().syncDeps, rsvpTtlMs: 0 }, [session]);
    });
    // The notification was lost: the reconciliation must still move the session.
    await reconcileUpcomingSessions(world().sync.deps);
    expect(await storedSession(world(), booked.id)).toMatchObject({ startAt: target, status: 'CONFIRMED' });
  });

  it('gives a session an RSVP read on the user API finds cancelled in Google the reason sync gives', async () => {
    const booked = await bookWatched(world(), world().days.next().at('16:00'));
    await withoutPush(async () => {
      await actAs.remove(world(), ANA, booked.eventId);
      const session = await world().db.prisma.mentoringSession.findUniqueOrThrow({
        where: { id: booked.id },
        include: { organizer: true, attendee: true },
      });
      await refreshRsvps({ ...world().syncDeps, rsvpTtlMs: 0 }, [session]);
    });
    expect(await storedSession(world(), booked.id)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Cancelled in Google Calendar by the organizer.',
    });
  });

  it('applies a decline made between our reschedule patch and the saga storing its etag, once the saga is done', async () => {
    const day = world().days.next();
    const booked = await bookWatched(world(), day.at('16:00'));
    const target = day.at('17:00');
    const ben = await syncStateOf(world(), BEN);
    await withoutPush(async () => {
      // Ana reschedules through Together: the session is claimed, then the saga patches the event…
      await world().db.prisma.mentoringSession.update({
        where: { id: booked.id },
        data: {
          operation: 'RESCHEDULING',
          operationStartedAt: world().clock.now(),
          targetStartAt: target,
          targetEndAt: new Date(target.getTime() + 30 * 60_000),
        },
      });
      await completeReschedule(
        {
          ...world().syncDeps,
          onSagaStep: async (step) => {
            if (step !== 'reschedule.patched') return;
            // …and before it stores the patch's etag, Ben declines and his calendar is synced.
            await actAs.respond(world(), BEN, booked.eventId, 'declined');
            await recordSyncRequests(world().syncDeps, [ben.id]);
            await expect(syncCalendar(world().sync.deps, ben.id)).rejects.toBeInstanceOf(SyncDeferredError);
          },
        },
        booked.id,
      );
    });
    // The saga stored what its patch returned (the decline came after it)…
    expect(await storedSession(world(), booked.id)).toMatchObject({ startAt: target, status: 'CONFIRMED', operation: 'NONE' });
    expect((await syncStateOf(world(), BEN)).dirtySince).not.toBeNull();
    // …and the retried sync, which listed from the old token, applies the decline.
    await syncCalendar(world().sync.deps, ben.id);
    expect(await storedSession(world(), booked.id)).toMatchObject({
      startAt: target,
      status: 'DECLINED',
      attendeeResponseStatus: 'declined',
    });
    expect((await syncStateOf(world(), BEN)).consecutiveFailures).toBe(0);
  });

  it('does not let sessions Google fails for hold the reconciliation of the others back', async () => {
    const day = world().days.next();
    const failing = await bookWatched(world(), day.at('16:00'));
    const other = await bookWatched(world(), day.at('17:00'));
    // The two least recently checked sessions: the failing one first.
    await world().db.prisma.mentoringSession.update({ where: { id: failing.id }, data: { rsvpCheckedAt: new Date(0) } });
    await world().db.prisma.mentoringSession.update({ where: { id: other.id }, data: { rsvpCheckedAt: new Date(1_000) } });
    const real = world().sync.deps.calendar;
    const calendar = new Proxy(real, {
      get: (target, property) =>
        property === 'getEvent'
          ? async (who: Impersonation, eventId: string) => {
              if (eventId === failing.eventId) throw new Error('Google did not answer');
              return target.getEvent(who, eventId);
            }
          : Reflect.get(target, property),
    }) as SyncGateway;
    const target = day.at('17:30');
    await withoutPush(() => actAs.move(world(), ANA, other.eventId, target));
    const deps = { ...world().sync.deps, calendar };
    expect(await reconcileUpcomingSessions(deps, { limit: 1 })).toMatchObject({ examined: 1, failed: 1 });
    expect(await reconcileUpcomingSessions(deps, { limit: 1 })).toMatchObject({ examined: 1, failed: 0, updated: 1 });
    expect((await storedSession(world(), other.id)).startAt).toEqual(target);
  });
});
