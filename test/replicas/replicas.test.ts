/**
 * The multi-replica scenario (scenario.ts) at its small size: 3 backend processes on one PostgreSQL
 * database, one SIGKILLed mid-run, against the emulator in its own process with quotas. Needs
 * PostgreSQL at 127.0.0.1:5432 (it creates and drops its own database). `npm run test:replicas` is the full size.
 */
import { expect, it } from '@jest/globals';
import { SMALL, failedChecks, runReplicaScenario, TIMEOUTS } from './scenario.js';

it(
  'three replicas, one killed mid-run: no quota errors, every person checked once, every change synced, every booking one event, every owner mail once',
  async () => {
    const figures = await runReplicaScenario(SMALL, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    expect(failedChecks(figures)).toEqual([]);
    expect(figures.quotaErrors).toBe(0);
    expect(figures.integrationTest).toMatchObject({ status: 'COMPLETED', duplicates: 0, missing: 0 });
    expect(figures.sync.reached).toBe(figures.sync.changed);
    expect(figures.bookings.withExactlyOneEvent).toBe(figures.bookings.succeeded);
    expect(figures.bookings.withDuplicates).toBe(0);
    expect(figures.ownerMails.records).toBeGreaterThan(0);
    expect(figures.ownerMails.wrong).toEqual([]);
  },
  TIMEOUTS.boot * 2 + TIMEOUTS.setupBookings + TIMEOUTS.channels + TIMEOUTS.run * 2 + 60_000,
);
