import type { Impersonation } from '../../../backend/google/impersonation.js';
import type { TokenOptions } from '../../../backend/google/delegated-auth.js';
import { describe, expect, it } from '@jest/globals';
import type { Clock } from 'pg-boss';
import { cancelIntegrationTest } from '../../../backend/domain/integration/cancel-integration-test.js';
import { integrationTestJobs } from '../../../backend/jobs/integration-test-job.js';
import { JobQueue } from '../../../backend/jobs/queue.js';
import { captureLogs, createTestApp, expectStatus } from '../../support/app.js';
import { freezableClock, never } from '../../support/freezable-clock.js';
import { adminApi } from '../admin/support.js';
import {
  control,
  createTestOrganization,
  eventually,
  EXPECTED_STATUS,
  googleClients,
  queuedRun,
  resultsByEmail,
  TEST_BACKOFF,
  useTestWorkspace,
} from './support.js';

const world = useTestWorkspace();

const statuses = (results: Record<string, { status: string }>) =>
  Object.fromEntries(Object.entries(results).map(([email, row]) => [email, row.status]));

const CONCURRENCY = 2;
const CHUNK_SIZE = 3;
/** People of the standard organization who reach Google (everyone but out@elsewhere.test, outside the organization's domains). */
const REACHING_GOOGLE = Object.keys(EXPECTED_STATUS).filter((email) => email !== 'out@elsewhere.test');

type Calendar = ReturnType<typeof googleClients>['calendar'];

/** A "replica": its own job queue on the shared database, with the integration-test jobs registered. */
async function replica(
  hooks: { completed: string[]; failed?: string[] },
  options: {
    calendar?: (real: Calendar) => Pick<Calendar, 'getTimeZone'>;
    logger?: ReturnType<typeof captureLogs>['logger'];
    clock?: Clock;
    /** Chunk jobs at once in this replica (default 2). */
    chunksPerProcess?: number;
    /** Attempts after the first (default the jobs' own). */
    retryLimit?: number;
  } = {},
) {
  const logger = options.logger ?? captureLogs().logger;
  const queue = await JobQueue.start(world.db, logger, {
    pollingIntervalSeconds: 0.5,
    superviseIntervalSeconds: 1,
    ...(options.clock && { clock: options.clock }),
  });
  const { calendar, directory } = googleClients(world.emulator.url);
  const jobs = integrationTestJobs({
    prisma: world.db.prisma,
    clock: world.clock.now,
    google: { calendar: options.calendar ? options.calendar(calendar) : calendar, directory },
    queue,
    quotas: { projectPerMinute: 10_000, userPerMinute: 600, integrationTestConcurrency: CONCURRENCY },
    logger,
    backoff: TEST_BACKOFF,
    retryDelaySeconds: 1,
    chunkSize: CHUNK_SIZE,
    chunksPerProcess: options.chunksPerProcess ?? 2,
    ...(options.retryLimit !== undefined && { retryLimit: options.retryLimit }),
    onRunCompleted: (outcome) => void hooks.completed.push(outcome.runId),
    onRunFailed: (failure) => void hooks.failed?.push(failure.runId),
  });
  for (const definition of jobs.definitions) await queue.register(definition);
  return { queue, jobs };
}

const chunksOf = (runId: string) => world.db.prisma.integrationTestChunk.findMany({ where: { runId }, orderBy: { index: 'asc' } });
const runOf = (runId: string) => world.db.prisma.integrationTestRun.findUniqueOrThrow({ where: { id: runId } });

/**
 * Token requests beyond one per person who reaches Google: the people checked again. (owner@acme.test
 * is left out: the Directory is asked as them, with a token renewed once per chunk; so when the
 * person in flight at a crash is the owner, this counts 0.)
 */
async function rechecks(): Promise<number> {
  const log = await control(world).requests();
  return REACHING_GOOGLE.filter((email) => email !== 'owner@acme.test').reduce(
    (sum, email) => sum + Math.max(0, (log.tokenRequests[email] ?? 0) - 1),
    0,
  );
}

describe('an integration test in chunks', () => {
  it('plans contiguous chunks and works them all: one result per person, completed once', async () => {
    const { organization } = await createTestOrganization(world);
    const hooks = { completed: [] as string[] };
    const { queue, jobs } = await replica(hooks);
    try {
      const run = await queuedRun(world, organization.id);
      await jobs.enqueue(run.id);
      await eventually(() => hooks.completed.includes(run.id), 20_000);
      const chunks = await chunksOf(run.id);
      // 11 ACTIVE people, 3 a chunk.
      expect(chunks.map((c) => [c.index, c.status, c.plannedPeople])).toEqual([
        [0, 'DONE', 3],
        [1, 'DONE', 3],
        [2, 'DONE', 3],
        [3, 'DONE', 2],
      ]);
      expect(chunks[0]!.fromPersonId).toBeNull();
      expect(chunks.at(-1)!.toPersonId).toBeNull();
      for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.fromPersonId).toBe(chunks[i - 1]!.toPersonId);
      expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
      expect(await world.db.prisma.integrationTestResult.count({ where: { runId: run.id } })).toBe(11);
      expect(await runOf(run.id)).toMatchObject({ status: 'COMPLETED', checked: 11, total: 11, activeLock: null });
      expect(hooks.completed).toEqual([run.id]);
      expect(await rechecks()).toBe(0);
      // One pg-boss job per chunk, keyed by the chunk, with the heartbeat and the expiry backstop.
      const rows = await world.db.prisma.$queryRaw<{ singletonKey: string; heartbeat: number; expire: number; policy: string }[]>`
        SELECT singleton_key AS "singletonKey", heartbeat_seconds AS "heartbeat", expire_seconds AS "expire", policy
        FROM pgboss.job WHERE name = 'integration-test.chunk' AND data->>'runId' = ${run.id}`;
      expect(rows.map((r) => r.singletonKey).sort()).toEqual(chunks.map((c) => c.id).sort());
      for (const row of rows) expect(row).toMatchObject({ heartbeat: 10, expire: 1800, policy: 'exclusive' });
    } finally {
      await queue.stop();
    }
  });

  it('shares the chunks between two replicas, and the run completes once', async () => {
    const { organization } = await createTestOrganization(world);
    await control(world).setFaults({ latency: { kind: 'fixed', ms: 30 } });
    const hooks = { completed: [] as string[] };
    const a = await replica(hooks);
    const b = await replica(hooks);
    try {
      const run = await queuedRun(world, organization.id);
      await a.jobs.enqueue(run.id);
      await eventually(() => hooks.completed.includes(run.id), 30_000);
      // Any late finisher has had time to try completing it again.
      await eventually(async () => (await chunksOf(run.id)).every((c) => c.status === 'DONE'));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(hooks.completed).toEqual([run.id]);
      expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
      expect(await runOf(run.id)).toMatchObject({ status: 'COMPLETED', checked: 11, total: 11 });
      expect(await rechecks()).toBe(0);
    } finally {
      await Promise.all([a.queue.stop(), b.queue.stop()]);
    }
  });

  it('retries a chunk interrupted mid-way, re-checking at most the concurrency', async () => {
    const { organization } = await createTestOrganization(world);
    const hooks = { completed: [] as string[] };
    let calls = 0;
    // The 4th calendar read fails after Google answered (its person's token was already asked for).
    const failingOnce = (real: Calendar) => ({
      getTimeZone: async (who: Impersonation, options?: TokenOptions) => {
        const answer = await real.getTimeZone(who, options);
        if (++calls === 4) throw new Error('simulated crash');
        return answer;
      },
    });
    const { queue, jobs } = await replica(hooks, { calendar: failingOnce });
    try {
      const run = await queuedRun(world, organization.id);
      await jobs.enqueue(run.id);
      await eventually(() => hooks.completed.includes(run.id), 30_000);
      expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
      expect(calls).toBeGreaterThan(4);
      const again = await rechecks();
      expect(again).toBeLessThanOrEqual(CONCURRENCY);
      expect(hooks.completed).toEqual([run.id]);
    } finally {
      await queue.stop();
    }
  });

  it('survives a replica stopped without grace mid-chunk: another takes the chunk over, re-checking at most the concurrency', async () => {
    const { organization } = await createTestOrganization(world);
    const hooks = { completed: [] as string[] };
    let calls = 0;
    // After 3 reads the "process" freezes: its calls never return (as if it were SIGKILLed).
    const freezing = (real: Calendar) => ({
      getTimeZone: (who: Impersonation, options?: TokenOptions) =>
        ++calls > 3 ? new Promise<never>(() => undefined) : real.getTimeZone(who, options),
    });
    const dying = await replica(hooks, { calendar: freezing, chunksPerProcess: 1 });
    const run = await queuedRun(world, organization.id);
    await dying.jobs.enqueue(run.id);
    await eventually(() => calls > 3 + CONCURRENCY - 1, 20_000);
    // The replica stops without grace: pg-boss fails its jobs in hand at once (a SIGKILLed one's
    // would be failed by the next supervise pass once its heartbeat is 10 s old), and they are retried.
    await dying.queue.stop(0, { graceful: false });
    const survivor = await replica(hooks);
    try {
      await eventually(() => hooks.completed.includes(run.id), 60_000);
      expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
      expect(await rechecks()).toBeLessThanOrEqual(CONCURRENCY);
      expect(hooks.completed).toEqual([run.id]);
    } finally {
      await survivor.queue.stop();
    }
  }, 90_000);

  it('survives a replica frozen mid-chunk (as if SIGKILLed): its heartbeat stops and another replica retries the chunk', async () => {
    const { organization } = await createTestOrganization(world);
    const hooks = { completed: [] as string[] };
    let calls = 0;
    // After 3 reads the process freezes: its Google calls never return, and pg-boss's timers
    // (polls, the 5 s heartbeat refresh, supervise passes) stop firing, as in a killed process.
    const dying = freezableClock();
    // The reads in flight when it freezes reached Google (their tokens were asked for) but never return.
    const freezing = (real: Calendar) => ({
      getTimeZone: (who: Impersonation, options?: TokenOptions) => {
        if (++calls <= 3) return real.getTimeZone(who, options);
        dying.freeze();
        // Answered or refused, the answer never comes back.
        return real.getTimeZone(who, options).then(never, never);
      },
    });
    // One chunk at a time, so exactly one chunk is in hand when it freezes.
    const dead = await replica(hooks, { calendar: freezing, clock: dying.clock, chunksPerProcess: 1 });
    const run = await queuedRun(world, organization.id);
    await dead.jobs.enqueue(run.id);
    await eventually(() => dying.frozen, 20_000);
    const survivor = await replica(hooks);
    try {
      // 10 s without a heartbeat, the survivor's next supervise pass (1 s here), the retry delay (1 s).
      await eventually(() => hooks.completed.includes(run.id), 60_000);
      expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
      const again = await rechecks();
      expect(again).toBeLessThanOrEqual(CONCURRENCY);
      expect(hooks.completed).toEqual([run.id]);
      // The frozen replica's chunk job was failed (its heartbeat stopped) and retried: nothing else failed it.
      const retried = await world.db.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pgboss.job
        WHERE name = 'integration-test.chunk' AND data->>'runId' = ${run.id} AND retry_count > 0`;
      expect(retried[0]!.n).toBe(1);
    } finally {
      await survivor.queue.stop();
      // Its timers run again only so that its pg-boss can shut down; its old claim is gone.
      dying.thaw();
      await dead.queue.stop(0, { graceful: false });
    }
  }, 90_000);

  it('fails the run, saying why, when the replica of a chunk’s last attempt dies: the organization is not left with a run that never ends', async () => {
    const { organization } = await createTestOrganization(world);
    const hooks = { completed: [] as string[], failed: [] as string[] };
    const dying = freezableClock();
    const freezing = (real: Calendar) => ({
      getTimeZone: (who: Impersonation, options?: TokenOptions) => {
        dying.freeze();
        return real.getTimeZone(who, options).then(never, never);
      },
    });
    // No retries: the first attempt is the last.
    const dead = await replica(hooks, { calendar: freezing, clock: dying.clock, chunksPerProcess: 1, retryLimit: 0 });
    const run = await queuedRun(world, organization.id);
    await dead.jobs.enqueue(run.id);
    await eventually(() => dying.frozen, 20_000);
    const survivor = await replica(hooks, { retryLimit: 0 });
    try {
      // 10 s without a heartbeat, the survivor's supervise pass: the chunk job fails for good, and its dead letter fails the run.
      await eventually(() => hooks.failed.includes(run.id), 60_000);
      const ended = await runOf(run.id);
      expect(ended.status).toBe('FAILED');
      expect(ended.error).toContain('the last one stopped without an answer');
      expect(hooks).toEqual({ completed: [], failed: [run.id] });
    } finally {
      await survivor.queue.stop();
      dying.thaw();
      await dead.queue.stop(0, { graceful: false });
    }
  }, 90_000);

  it('stops every chunk when the run is cancelled; it never completes', async () => {
    const { organization, tokenId } = await createTestOrganization(world);
    await control(world).setFaults({ latency: { kind: 'fixed', ms: 60 } });
    const hooks = { completed: [] as string[] };
    const { queue, jobs } = await replica(hooks);
    try {
      const run = await queuedRun(world, organization.id);
      await jobs.enqueue(run.id);
      await eventually(async () => (await runOf(run.id)).checked >= 2);
      await cancelIntegrationTest(
        { prisma: world.db.prisma, clock: world.clock.now },
        { organizationId: organization.id, runId: run.id, actor: { type: 'ADMIN_TOKEN', id: tokenId } },
      );
      const stoppedAt = await world.db.prisma.integrationTestResult.count({ where: { runId: run.id } });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await runOf(run.id)).toMatchObject({ status: 'CANCELLED', activeLock: null });
      expect(await world.db.prisma.integrationTestResult.count({ where: { runId: run.id } })).toBe(stoppedAt);
      expect(stoppedAt).toBeLessThan(11);
      expect(hooks.completed).toEqual([]);
    } finally {
      await queue.stop();
    }
  });

  it('carries the request id of the admin API call into the chunk jobs’ log lines', async () => {
    const { organization, token, tokenId } = await createTestOrganization(world);
    const hooks = { completed: [] as string[] };
    const { logger, logs } = captureLogs('debug');
    const { queue, jobs } = await replica(hooks, { logger });
    try {
      const { app } = createTestApp(world.db, { clock: world.clock.now, enqueueIntegrationTest: jobs.enqueue });
      const api = adminApi(app, organization.id, { token, tokenId });
      const started = await api.post('/integration/test-runs').set('X-Request-Id', 'req-chunks-1');
      expectStatus(started, 202);
      const runId = started.body.testRun.id as string;
      await eventually(() => hooks.completed.includes(runId), 20_000);
      const chunkLines = logs.lines.filter((line) => line.job === 'integration-test.chunk');
      expect(chunkLines.length).toBeGreaterThan(0);
      for (const line of chunkLines) expect(line.requestId).toBe('req-chunks-1');
      expect(chunkLines.some((line) => line.msg === 'integration test chunk done')).toBe(true);
      expect(logs.lines.filter((line) => line.job === 'integration-test.run').every((line) => line.requestId === 'req-chunks-1')).toBe(
        true,
      );
    } finally {
      await queue.stop();
    }
  });
});
