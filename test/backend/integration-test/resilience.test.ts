import type { Impersonation } from '../../../backend/google/impersonation.js';
import type { TokenOptions } from '../../../backend/google/delegated-auth.js';
import { describe, expect, it } from '@jest/globals';
import { runIntegrationTest } from '../../../backend/domain/integration/run-integration-test.js';
import { integrationTestJobs } from '../../../backend/jobs/integration-test-job.js';
import { JobQueue } from '../../../backend/jobs/queue.js';
import { captureLogs } from '../../support/app.js';
import {
  control,
  createTestOrganization,
  eventually,
  EXPECTED_STATUS,
  googleClients,
  queuedRun,
  resultsByEmail,
  runnerDeps,
  runToEnd,
  startWorkspace,
  TEST_BACKOFF,
  useTestWorkspace,
} from './support.js';

const world = useTestWorkspace();

const statuses = (results: Record<string, { status: string }>) =>
  Object.fromEntries(Object.entries(results).map(([email, row]) => [email, row.status]));

describe('an integration test under Google trouble', () => {
  it('completes with the right results through 429 and 5xx storms, with bounded retries', async () => {
    const { organization } = await createTestOrganization(world);
    await control(world).setFaults({
      errors: [
        { method: 'oauth2.token', status: 500, rate: 0.3 },
        { method: 'calendar.settings.get', status: 503, rate: 0.2 },
        { method: 'calendar.settings.get', status: 429, rate: 0.2 },
        { method: 'directory.users.get', status: 500, rate: 0.3 },
      ],
    });
    const run = await queuedRun(world, organization.id);
    const finished = await runIntegrationTest(runnerDeps(world), { runId: run.id });
    expect(finished?.status).toBe('COMPLETED');
    expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
    const log = await control(world).requests();
    // Every refused read was retried: reads = one success per person who has calendar access + each refusal.
    // (The faults are random, so how many refusals there are varies; retries are bounded below.)
    const reads = log.recent.filter((r) => r.method === 'calendar.settings.get');
    const refused = reads.filter((r) => r.status === 429 || r.status === 503).length;
    const succeeded = reads.filter((r) => r.status === 200).length;
    expect(succeeded).toBe(Object.values(EXPECTED_STATUS).filter((status) => status === 'ACTIVE').length);
    expect(log.perMethod['calendar.settings.get']).toBe(succeeded + refused);
    for (const [subject, methods] of Object.entries(log.perSubject)) {
      expect([subject, methods['calendar.settings.get'] ?? 0]).toEqual([subject, expect.any(Number)]);
      expect(methods['calendar.settings.get'] ?? 0).toBeLessThanOrEqual(TEST_BACKOFF.attempts);
    }
    for (const count of Object.values(log.tokenRequests)) expect(count).toBeLessThanOrEqual(TEST_BACKOFF.attempts * 2);
  });

  it('waits as long as Retry-After asks when over quota', async () => {
    const { organization } = await createTestOrganization(world, { people: ['ana@acme.test', 'ben@acme.test', 'dee@acme.test'] });
    // Over the project quota after one call, for a while; Google asks to come back in 1 s.
    await control(world).setFaults({ quotas: { perProjectPerMinute: 1, status: 429, retryAfterSeconds: 1 } });
    // The quota window "passes" 300 ms after the first refusal.
    let waiting = true;
    const windowPasses = (async () => {
      while (waiting && !(await control(world).requests()).recent.some((r) => r.status === 429))
        await new Promise((resolve) => setTimeout(resolve, 10));
      if (waiting) setTimeout(() => void control(world).clearFaults(), 300);
    })();
    const run = await queuedRun(world, organization.id);
    const startedAt = Date.now();
    await runIntegrationTest(runnerDeps(world, { concurrency: 3 }), { runId: run.id });
    waiting = false;
    await windowPasses;
    expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual({
      'ana@acme.test': 'ACTIVE',
      'ben@acme.test': 'ACTIVE',
      'dee@acme.test': 'SUSPENDED_OR_DELETED',
    });
    // Every call refused with Retry-After: 1 came back no sooner than a second later.
    const recent = (await control(world).requests()).recent;
    const limited = recent.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const refused of limited) {
      const retry = recent.find(
        (r) => r.subject === refused.subject && r.method === refused.method && Date.parse(r.at) > Date.parse(refused.at),
      );
      expect(Date.parse(retry!.at) - Date.parse(refused.at)).toBeGreaterThanOrEqual(990);
    }
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
  });

  it('rides out the emulator going away mid-test and coming back', async () => {
    const { organization } = await createTestOrganization(world);
    const port = world.emulator.port;
    await control(world).setFaults({ latency: { kind: 'fixed', ms: 40 } });
    const run = await queuedRun(world, organization.id);
    const deps = runnerDeps(world, { concurrency: 2 });
    const running = runToEnd(deps, run.id);
    await eventually(async () => (await world.db.prisma.integrationTestRun.findUniqueOrThrow({ where: { id: run.id } })).checked >= 3);
    await world.emulator.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    world.emulator = await startWorkspace(port);
    const finished = await running;
    expect(finished?.status).toBe('COMPLETED');
    expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
  });

  it('resumes after a crash: nobody checked twice, nobody skipped', async () => {
    const { organization } = await createTestOrganization(world);
    const run = await queuedRun(world, organization.id);
    const deps = runnerDeps(world, { concurrency: 2 });
    let calls = 0;
    // The process "dies" on the 4th calendar read, before it reaches Google.
    const crashing = {
      getTimeZone: (who: Impersonation, options?: TokenOptions) => {
        if (++calls === 4) return Promise.reject(new Error('simulated crash'));
        return deps.google.calendar.getTimeZone(who, options);
      },
    };
    await expect(runIntegrationTest({ ...deps, google: { ...deps.google, calendar: crashing } }, { runId: run.id })).rejects.toThrow(
      'simulated crash',
    );
    const interrupted = await world.db.prisma.integrationTestRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(interrupted).toMatchObject({ status: 'RUNNING', activeLock: organization.id });
    expect(interrupted.checked).toBeGreaterThan(0);
    expect(interrupted.checked).toBeLessThan(11);

    // The job's retry: fresh clients, as a new process would have.
    const finished = await runIntegrationTest(runnerDeps(world), { runId: run.id });
    expect(finished).toMatchObject({ status: 'COMPLETED', checked: 11, total: 11 });
    expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
    const log = await control(world).requests();
    for (const email of Object.keys(EXPECTED_STATUS).filter((e) => e !== 'out@elsewhere.test' && e !== 'owner@acme.test')) {
      expect([email, log.tokenRequests[email]]).toEqual([email, 1]);
    }
    expect(log.perMethod['calendar.settings.get']).toBe(4);
  });

  it('runs through the job queue, which retries a crashed attempt and resumes it', async () => {
    const { organization } = await createTestOrganization(world);
    const { logger } = captureLogs();
    const queue = await JobQueue.start(world.db, logger, { pollingIntervalSeconds: 0.5 });
    try {
      const { calendar, directory } = googleClients(world.emulator.url);
      let calls = 0;
      const crashingOnce = {
        getTimeZone: (who: Impersonation, options?: TokenOptions) =>
          ++calls === 3 ? Promise.reject(new Error('simulated crash')) : calendar.getTimeZone(who, options),
      };
      const completed: string[] = [];
      const jobs = integrationTestJobs({
        prisma: world.db.prisma,
        clock: world.clock.now,
        google: { calendar: crashingOnce, directory },
        queue,
        quotas: { projectPerMinute: 10_000, userPerMinute: 600, integrationTestConcurrency: 3 },
        logger,
        backoff: TEST_BACKOFF,
        retryDelaySeconds: 1,
        onRunCompleted: (outcome) => void completed.push(outcome.runId),
      });
      for (const definition of jobs.definitions) await queue.register(definition);
      const run = await queuedRun(world, organization.id);
      await jobs.enqueue(run.id);
      await eventually(() => completed.includes(run.id), 20_000);
      expect(statuses(await resultsByEmail(world.db.prisma, run.id))).toEqual(EXPECTED_STATUS);
      expect(calls).toBeGreaterThan(4);
    } finally {
      await queue.stop();
    }
  });
});
