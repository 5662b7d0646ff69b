import { performance } from 'node:perf_hooks';
import { describe, expect, it } from '@jest/globals';
import { bucketShape, SharedQuotaGate, slideWindow, windowShape } from '../../../backend/domain/quota/shared-quota-gate.js';
import type { CallPriority } from '../../../backend/google/call-gate.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { useWorld } from '../../support/use-world.js';

// The gate's buckets refill from the database's clock, which no test controls: every assertion here
// is an ordering or an upper bound that holds however fast or slow the machine is.
const world = useWorld<TestDatabase>(
  () => createTestDatabase(),
  (db) => db.prisma.$executeRaw`DELETE FROM "GoogleQuotaBucket"`,
);

const QUOTAS = { projectPerMinute: 6_000, userPerMinute: 600 };

/** Asks the gate to admit `count` calls and records, in order, when each was let through. */
function burst(gate: SharedQuotaGate, count: number, call: { subject?: string; priority?: CallPriority } = {}) {
  const admitted: number[] = [];
  const done = Promise.all(
    Array.from({ length: count }, () =>
      gate
        .admit({ method: 'calendar.settings.get', subject: call.subject ?? '', priority: call.priority ?? 'background' })
        .then(() => void admitted.push(performance.now())),
    ),
  );
  return { admitted, done };
}

describe('bucket shapes', () => {
  it('keep a full burst plus a minute of refill within 99 % of the quota, for every quota size', () => {
    for (const perMinute of [60, 100, 600, 6_000, 10_000, 1_000_000]) {
      const shape = bucketShape(perMinute);
      expect(shape.capacity + shape.perMs * 60_000).toBeLessThanOrEqual(perMinute * 0.99 + 1e-9);
      expect(shape.capacity).toBeGreaterThanOrEqual(1);
      // Background work may always draw something, and always leaves a person's call a token.
      expect(shape.capacity - shape.reserve).toBeGreaterThanOrEqual(1);
    }
    expect(bucketShape(10_000).reserve).toBeGreaterThan(50);
  });

  it("count the project's minute within 99 % of the quota, with a share of it for people's calls only", () => {
    for (const perMinute of [60, 100, 600, 6_000, 10_000, 1_000_000]) {
      const { budget, peopleOnly } = windowShape(perMinute);
      expect(budget).toBeLessThanOrEqual(perMinute * 0.99);
      expect(peopleOnly).toBeGreaterThanOrEqual(1);
      expect(budget - peopleOnly).toBeGreaterThanOrEqual(1);
    }
    expect(windowShape(10_000)).toEqual({ budget: 9_900, peopleOnly: 99, burst: 990 });
  });
});

describe('the minute, slid on by the tenth of a second', () => {
  it('keeps 601 slots, drops the ones that left, starts new ones empty, and starts empty', () => {
    const full = Array.from({ length: 601 }, (_, i) => i + 1);
    expect(slideWindow(full, 100, 100)).toEqual(full);
    expect(slideWindow(full, 100, 102)).toEqual([...full.slice(2), 0, 0]);
    expect(slideWindow(full, 100, 2_000)).toEqual(Array(601).fill(0));
    expect(slideWindow([], null, 100)).toEqual(Array(601).fill(0));
    // Leading empty slots are not stored.
    expect(slideWindow([5, 7], 100, 101)).toEqual([...Array(598).fill(0), 5, 7, 0]);
    // A database clock that stepped back counts into the newest second rather than forgetting calls.
    expect(slideWindow(full, 100, 99)).toEqual(full);
  });
});

describe('SharedQuotaGate', () => {
  it('three replicas on one database pace background work by one project bucket: never more than the burst plus the refill since the start', async () => {
    const replicas = [0, 1, 2].map(() => new SharedQuotaGate(world().prisma, QUOTAS));
    const shape = bucketShape(QUOTAS.projectPerMinute);
    const started = performance.now();
    const bursts = replicas.map((gate) => burst(gate, 120, { priority: 'background' }));
    await Promise.all(bursts.map((b) => b.done));
    const times = bursts.flatMap((b) => b.admitted).sort((a, b) => a - b);
    expect(times).toHaveLength(360);
    // Each replica alone would have let its 120 through at once; together they wait for the shared refill.
    times.forEach((time, index) => {
      expect(index + 1).toBeLessThanOrEqual(Math.floor(shape.capacity + (time - started) * shape.perMs) + 1);
    });
    expect(times.at(-1)! - started).toBeGreaterThanOrEqual(((360 - shape.capacity) / shape.perMs) * 0.9);
  });

  it("admits people's calls and prompt work ahead of a background backlog, unpaced", async () => {
    const background = new SharedQuotaGate(world().prisma, QUOTAS);
    const backlog = burst(background, 400, { priority: 'background' });
    while (backlog.admitted.length < 10) await new Promise((resolve) => setTimeout(resolve, 5));

    // Another replica's people, this replica's own, and a sync's listings go through while the backlog is paced.
    const other = burst(new SharedQuotaGate(world().prisma, QUOTAS), 10, { priority: 'interactive' });
    const own = burst(background, 10, { priority: 'interactive' });
    const prompt = burst(background, 150, { priority: 'prompt' });
    await Promise.all([other.done, own.done, prompt.done]);
    expect(backlog.admitted.length).toBeLessThan(400 / 2);
    await backlog.done;
  });

  it('lets a prompt burst through at once into the bucket’s debt, which background work then waits out', async () => {
    const shape = bucketShape(QUOTAS.projectPerMinute);
    const { burst: allowance } = windowShape(QUOTAS.projectPerMinute);
    const replicas = [0, 1].map(() => new SharedQuotaGate(world().prisma, QUOTAS));
    // Four times what the bucket holds, within what it may owe: paced, this would take seconds.
    const size = Math.ceil(shape.capacity * 2);
    expect(2 * size).toBeLessThan(shape.capacity + allowance);
    await Promise.all(replicas.map((gate) => burst(gate, size, { priority: 'prompt' }).done));
    const [row] = await world().prisma.$queryRaw<{ tokens: number; calls: number }[]>`
      SELECT tokens, (SELECT sum(c) FROM unnest("windowCalls") AS c)::int AS calls FROM "GoogleQuotaBucket" WHERE key = 'project'`;
    expect(row!.calls).toBe(2 * size);
    expect(row!.tokens).toBeGreaterThanOrEqual(-allowance - 1e-9);
    // Background work goes on the bucket's own tokens only: not before the refill has paid the debt back.
    if (row!.tokens < -1) {
      const started = performance.now();
      await burst(replicas[0]!, 1, { priority: 'background' }).done;
      expect(performance.now() - started).toBeGreaterThanOrEqual((-row!.tokens / shape.perMs) * 0.5);
    }
  });

  it('paces prompt work by the refill once its debt reaches the allowance, and people’s calls still go', async () => {
    const shape = bucketShape(QUOTAS.projectPerMinute);
    const { burst: allowance } = windowShape(QUOTAS.projectPerMinute);
    // The bucket already owes all it may for prompt work.
    await world().prisma.$executeRaw`
      INSERT INTO "GoogleQuotaBucket" (key, tokens, "refilledAt") VALUES ('project', ${-allowance}, clock_timestamp())`;
    const gate = new SharedQuotaGate(world().prisma, QUOTAS);
    const started = performance.now();
    const prompt = burst(gate, 20, { priority: 'prompt' });
    await burst(gate, 10, { priority: 'interactive' }).done;
    // People's calls went from their reserve while prompt work waited on the refill.
    expect(prompt.admitted.length).toBeLessThan(20);
    await prompt.done;
    // Each prompt call waited for a token of refill: never more than the refill since the start (plus one).
    prompt.admitted.forEach((time, index) => {
      expect(index + 1).toBeLessThanOrEqual(Math.floor((time - started) * shape.perMs) + 1);
    });
  });

  it("never lets the minute exceed the budget: prompt and background work stop short of the people's share, people's calls use it", async () => {
    const { budget, peopleOnly } = windowShape(QUOTAS.projectPerMinute);
    // The last minute already holds all but 5 of what work other than people's may use, counted in this tenth of a second.
    await world().prisma.$executeRaw`
      INSERT INTO "GoogleQuotaBucket" (key, tokens, "refilledAt", "windowCalls", "windowSlot")
      VALUES ('project', 1000, clock_timestamp(), ARRAY[${budget - peopleOnly - 5}::int], floor(EXTRACT(EPOCH FROM clock_timestamp()) * 10))`;
    const replicas = [0, 1, 2].map(() => new SharedQuotaGate(world().prisma, QUOTAS));
    const prompt = replicas.map((gate) => burst(gate, 10, { priority: 'prompt' }));
    const background = burst(replicas[0]!, 10, { priority: 'background' });
    const people = replicas.map((gate) => burst(gate, peopleOnly, { priority: 'interactive' }));
    const admittedSoFar = () => [...prompt, background, ...people].reduce((sum, b) => sum + b.admitted.length, 0);
    // Everyone's first rounds are done once what the minute has room for is admitted.
    while (admittedSoFar() < 5 + peopleOnly) await new Promise((resolve) => setTimeout(resolve, 5));
    // A few more rounds (each replica looks again within a second) admit nothing more.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(admittedSoFar()).toBe(5 + peopleOnly);
    expect(people.reduce((sum, b) => sum + b.admitted.length, 0)).toBeGreaterThanOrEqual(peopleOnly);
    const [row] = await world().prisma.$queryRaw<{ calls: number }[]>`
      SELECT (SELECT sum(c) FROM unnest("windowCalls") AS c)::int AS calls FROM "GoogleQuotaBucket" WHERE key = 'project'`;
    expect(row!.calls).toBe(budget);

    // The minute moves on (here: is emptied): the waiting calls go within a round.
    await world().prisma.$executeRaw`UPDATE "GoogleQuotaBucket" SET "windowCalls" = '{}', "windowSlot" = NULL WHERE key = 'project'`;
    await Promise.all([...prompt, background, ...people].map((b) => b.done));
  });

  it("holds one user to their own quota while other users' calls go on", async () => {
    const gate = new SharedQuotaGate(world().prisma, QUOTAS);
    const user = bucketShape(QUOTAS.userPerMinute);
    const started = performance.now();
    const boss = burst(gate, 30, { subject: 'boss@acme.test', priority: 'interactive' });
    const people = Array.from({ length: 30 }, (_, i) => burst(gate, 1, { subject: `person${i}@acme.test`, priority: 'interactive' }));
    await Promise.all(people.map((p) => p.done));
    // Everyone else got through while the boss still waits on their own bucket.
    expect(boss.admitted.length).toBeLessThan(30);
    await boss.done;
    boss.admitted.forEach((time, index) => {
      expect(index + 1).toBeLessThanOrEqual(Math.floor(user.capacity + (time - started) * user.perMs) + 1);
    });
    const keys = await world().prisma.googleQuotaBucket.count({ where: { key: { startsWith: 'user:' } } });
    expect(keys).toBe(31);
  });

  it('deletes users’ buckets idle for minutes (a missing bucket is a full one) and keeps the project’s', async () => {
    await world().prisma.$executeRaw`
      INSERT INTO "GoogleQuotaBucket" (key, tokens, "refilledAt")
      VALUES ('user:gone@acme.test', 0, clock_timestamp() - interval '10 minutes'),
             ('project', 5, clock_timestamp() - interval '10 minutes')`;
    await burst(new SharedQuotaGate(world().prisma, QUOTAS), 1, { subject: 'here@acme.test' }).done;
    for (let i = 0; i < 100 && (await world().prisma.googleQuotaBucket.count({ where: { key: 'user:gone@acme.test' } })) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const keys = (await world().prisma.googleQuotaBucket.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((b) => b.key);
    expect(keys).toEqual(['project', 'user:here@acme.test']);
  });

  it('refuses the waiting calls when the database cannot be reached, and admits again once it can', async () => {
    const db = await createTestDatabase();
    const gate = new SharedQuotaGate(db.prisma, QUOTAS);
    await burst(gate, 1).done;
    await db.prisma.$executeRaw`ALTER TABLE "GoogleQuotaBucket" RENAME TO "GoogleQuotaBucketAway"`;
    await expect(burst(gate, 3).done).rejects.toThrow();
    await db.prisma.$executeRaw`ALTER TABLE "GoogleQuotaBucketAway" RENAME TO "GoogleQuotaBucket"`;
    await burst(gate, 3).done;
    await db.close();
  });
});
