import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { HEARTBEAT_SECONDS, JobQueue, type JobDefinition } from '../../../backend/jobs/queue.js';
import { captureLogs } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';

let db: TestDatabase;
let queue: JobQueue;
beforeAll(async () => {
  db = await createTestDatabase();
  queue = await JobQueue.start(db, captureLogs().logger, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await queue.stop();
  await db.close();
});

describe('the job queue', () => {
  it('runs a job with its validated payload, on the application database', async () => {
    const seen: string[] = [];
    const greet: JobDefinition<{ name: string }> = {
      name: 'test.greet',
      payload: z.object({ name: z.string() }),
      handle: async ({ name }) => void seen.push(name),
    };
    await queue.register(greet);
    await queue.send(greet, { name: 'ana' });
    await eventually(() => seen.includes('ana'));
    // Prisma and the queue share the database while jobs run.
    expect(await db.prisma.organization.count()).toBe(0);
  });

  it('retries a failing job until it succeeds', async () => {
    let attempts = 0;
    const flaky: JobDefinition<Record<string, never>> = {
      name: 'test.flaky',
      payload: z.object({}).strict(),
      retryLimit: 3,
      retryDelaySeconds: 1,
      handle: async () => {
        attempts++;
        if (attempts < 2) throw new Error('transient');
      },
    };
    await queue.register(flaky);
    await queue.send(flaky, {});
    await eventually(() => attempts >= 2);
  });

  it('hands a job that failed its last attempt to afterLastAttempt, once, through its dead-letter queue', async () => {
    let attempts = 0;
    const gaveUp: Array<{ who: string; failure: string }> = [];
    const doomed: JobDefinition<{ who: string }> = {
      name: 'test.doomed',
      payload: z.strictObject({ who: z.string() }),
      retryLimit: 1,
      retryDelaySeconds: 1,
      handle: async () => {
        attempts++;
        throw new Error('always');
      },
      afterLastAttempt: async (payload, { failure }) => void gaveUp.push({ ...payload, failure }),
    };
    await queue.register(doomed);
    await queue.send(doomed, { who: 'ana' });
    await eventually(() => gaveUp.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect({ attempts, gaveUp }).toEqual({ attempts: 2, gaveUp: [{ who: 'ana', failure: 'always' }] });
  });

  it('coalesces jobs with the same singleton key on a stately queue', async () => {
    const blocked: JobDefinition<{ key: string }> = {
      name: 'test.singleton',
      policy: 'stately',
      payload: z.object({ key: z.string() }),
      handle: async () => undefined,
    };
    await queue.register(blocked);
    const first = await queue.send(blocked, { key: 'a' }, { singletonKey: 'org-1', startAfter: 60 });
    const second = await queue.send(blocked, { key: 'a' }, { singletonKey: 'org-1', startAfter: 60 });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(await queue.send(blocked, { key: 'b' }, { singletonKey: 'org-2', startAfter: 60 })).toEqual(expect.any(String));
  });

  it('refuses a payload that breaks its schema before it is queued', async () => {
    const strict: JobDefinition<{ n: number }> = {
      name: 'test.strict',
      payload: z.object({ n: z.number() }),
      handle: async () => undefined,
    };
    await queue.register(strict);
    await expect(queue.send(strict, { n: 'x' } as unknown as { n: number })).rejects.toThrow();
  });

  it('gives every queue a heartbeat, and applies a changed definition to a queue an earlier deployment created', async () => {
    const settings = async (name: string) =>
      (
        await db.prisma.$queryRaw<
          Array<{ retry_limit: number; expire_seconds: number; heartbeat_seconds: number | null; dead_letter: string | null }>
        >`SELECT retry_limit, expire_seconds, heartbeat_seconds, dead_letter FROM pgboss.queue WHERE name = ${name}`
      )[0];
    const before: JobDefinition<Record<string, never>> = {
      name: 'test.redefined',
      payload: z.strictObject({}),
      retryLimit: 2,
      handle: async () => undefined,
    };
    await queue.register(before);
    expect(await settings(before.name)).toEqual({
      retry_limit: 2,
      expire_seconds: 15 * 60,
      heartbeat_seconds: HEARTBEAT_SECONDS,
      dead_letter: null,
    });
    // The next deployment's definition of the same job, registered by a new process.
    const next = await JobQueue.start(db, captureLogs().logger, { pollingIntervalSeconds: 0.5 });
    try {
      await next.register({
        ...before,
        retryLimit: 6,
        expireInSeconds: 120,
        heartbeatSeconds: 30,
        afterLastAttempt: async () => undefined,
      });
      expect(await settings(before.name)).toEqual({
        retry_limit: 6,
        expire_seconds: 120,
        heartbeat_seconds: 30,
        dead_letter: 'test.redefined.gave-up',
      });
      // And a later one without afterLastAttempt takes the dead-letter queue away again.
      await next.register({ ...before, retryLimit: 6, expireInSeconds: 120, heartbeatSeconds: 30 });
      expect((await settings(before.name))?.dead_letter).toBeNull();
    } finally {
      await next.stop();
    }
  });
});
