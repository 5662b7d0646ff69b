import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { findOverdueSyncs } from '../../../backend/domain/sync/find-overdue-syncs.js';
import { sweepBackoffMs } from '../../../backend/domain/sync/sync-calendar.js';
import { createTestDatabase } from '../../support/database.js';
import { createOrganization, createPerson } from '../../support/factories.js';

const db = useWorld(() => createTestDatabase());

const NOW = new Date('2027-03-10T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe('the overdue-sync sweep', () => {
  it('re-queues calendars dirty for too long, except those still inside the backoff of their last failure', async () => {
    const organization = await createOrganization(db().prisma);
    const calendar = async (
      email: string,
      state: { dirtySince: Date | null; consecutiveFailures?: number; nextAttemptAt?: Date | null },
    ) => {
      const person = await createPerson(db().prisma, organization.id, { email });
      return db().prisma.calendarSyncState.create({
        data: { organizationId: organization.id, personId: person.id, calendarId: email, ...state },
      });
    };
    const lostJob = await calendar('lost@sweep.test', { dirtySince: minutesAgo(30) });
    const backoffOver = await calendar('over@sweep.test', {
      dirtySince: minutesAgo(60),
      consecutiveFailures: 9,
      nextAttemptAt: minutesAgo(1),
    });
    await calendar('waiting@sweep.test', {
      dirtySince: minutesAgo(60),
      consecutiveFailures: 18,
      nextAttemptAt: new Date(NOW.getTime() + sweepBackoffMs(18)),
    });
    await calendar('recent@sweep.test', { dirtySince: minutesAgo(1) });
    await calendar('clean@sweep.test', { dirtySince: null });

    const overdue = await findOverdueSyncs({ prisma: db().prisma, clock: () => NOW }, { olderThanMs: 5 * 60_000 });
    expect(overdue).toEqual([backoffOver.id, lostJob.id]);
  });

  it('doubles the wait per failure up to six hours', () => {
    expect([1, 2, 9].map(sweepBackoffMs)).toEqual([2_000, 4_000, 512_000]);
    expect(sweepBackoffMs(18)).toBe(6 * 3_600_000);
    expect(sweepBackoffMs(60)).toBe(6 * 3_600_000);
  });
});
