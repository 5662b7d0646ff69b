import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { onIntegrationTestCompleted } from '../../../backend/domain/health/on-integration-test-completed.js';
import { onIntegrationTestFailed } from '../../../backend/domain/health/on-integration-test-failed.js';
import { recordIntegrationTestOutcome } from '../../../backend/domain/integration/record-integration-test-outcome.js';
import type { NotificationRef } from '../../../backend/domain/health/deps.js';
import { healthJobs } from '../../../backend/jobs/health-jobs.js';
import { JobQueue } from '../../../backend/jobs/queue.js';
import { captureLogs } from '../../support/app.js';
import { completeTestRun, finalizeSetup } from '../../support/integration-setup.js';
import { createMonitoredOrganization, eventually, startHealthWorld, type HealthWorld } from './support.js';

let world: HealthWorld;
let queue: JobQueue;
let jobs: ReturnType<typeof healthJobs>;
const { logger } = captureLogs('fatal');
/** Mails asked for, instead of a mail queue: these tests are about when, not how. */
const delivered: NotificationRef[] = [];
const enqueuedRuns: string[] = [];

beforeAll(async () => {
  world = await startHealthWorld();
  queue = await JobQueue.start(world.db, logger, { pollingIntervalSeconds: 0.5 });
  jobs = healthJobs({
    prisma: world.db.prisma,
    clock: world.clock.now,
    logger,
    queue,
    health: { failingShare: 0.2, retestIntervalMinutes: 60 },
    deliverNotification: async (ref) => void delivered.push(ref),
    enqueueIntegrationTest: async (runId) => void enqueuedRuns.push(runId),
    evaluationDelaySeconds: 0,
  });
  await queue.register(jobs.evaluate);
}, 90_000);
afterAll(async () => {
  await queue.stop();
  await world.db.close();
});

const integrationOf = (organizationId: string) => world.db.prisma.calendarIntegration.findUniqueOrThrow({ where: { organizationId } });
const openIncident = (organizationId: string) => world.db.prisma.incident.findFirst({ where: { organizationId, closedAt: null } });

describe('live access signals', () => {
  it('flip health both ways through the coalesced evaluation job', async () => {
    const { organization, people } = await createMonitoredOrganization(world, ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
    const signal = (i: number, outcome: Parameters<typeof jobs.recordAccessSignal>[0]['outcome']) =>
      jobs.recordAccessSignal({
        organizationId: organization.id,
        personId: people[i]!.id,
        outcome,
        reason: 'refused by Google',
        fix: 'Reinstall',
      });

    expect(await signal(0, 'ok')).toEqual({ status: 'ACTIVE', changed: false });
    expect(await signal(0, 'rate_limited')).toEqual({ status: null, changed: false });
    expect(await signal(0, 'not_installed')).toEqual({ status: 'NOT_INSTALLED', changed: true });
    expect(await signal(1, 'user_deleted')).toEqual({ status: 'SUSPENDED_OR_DELETED', changed: true });
    await eventually(async () => (await openIncident(organization.id)) !== null);
    expect(await integrationOf(organization.id)).toMatchObject({ status: 'FAILING' });
    expect(await world.db.prisma.personCalendarAccess.findFirst({ where: { personId: people[0]!.id } })).toMatchObject({
      status: 'NOT_INSTALLED',
      reason: 'refused by Google',
      fix: 'Reinstall',
    });

    await signal(0, 'ok');
    await signal(1, 'ok');
    await eventually(async () => (await openIncident(organization.id)) === null);
    expect(await integrationOf(organization.id)).toMatchObject({ status: 'ACTIVE' });
    expect(delivered.filter((d) => d.organizationId === organization.id)).toHaveLength(2);
  });

  it('refuses a person of another organization', async () => {
    const { organization } = await createMonitoredOrganization(world, ['ACTIVE']);
    const { people: others } = await createMonitoredOrganization(world, ['ACTIVE']);
    await expect(
      jobs.recordAccessSignal({ organizationId: organization.id, personId: others[0]!.id, outcome: 'not_installed' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await world.db.prisma.personCalendarAccess.count({ where: { organizationId: organization.id } })).toBe(1);
  });
});

describe('integration test hooks', () => {
  it('after a re-test, the health rule decides the status, even when some people are active', async () => {
    const { organization } = await createMonitoredOrganization(world, ['ACTIVE', 'NOT_INSTALLED', 'NOT_INSTALLED']);
    const run = await world.db.prisma.integrationTestRun.create({
      data: { organizationId: organization.id, trigger: 'SCHEDULED', status: 'COMPLETED' },
    });
    const outcome = { organizationId: organization.id, runId: run.id, active: 1, total: 3 };
    await recordIntegrationTestOutcome(jobs.healthDeps, outcome);
    await onIntegrationTestCompleted(jobs.healthDeps, outcome);
    expect(await integrationOf(organization.id)).toMatchObject({ status: 'FAILING' });
    expect(await openIncident(organization.id)).toMatchObject({
      details: expect.objectContaining({ trigger: 'integration_test', runId: run.id }),
    });
  });

  it('finalizing a setup whose last test was failing opens the incident at once (before, the setup was not DONE: no verdict)', async () => {
    const { organization } = await createMonitoredOrganization(world, ['ACTIVE', 'NOT_INSTALLED', 'NOT_INSTALLED'], { wizardStep: 'TEST' });
    const deps = { prisma: world.db.prisma, clock: world.clock.now };
    const { run } = await completeTestRun(deps, organization.id, { active: 1, total: 3 });
    expect(await onIntegrationTestCompleted(jobs.healthDeps, { organizationId: organization.id, runId: run.id })).toMatchObject({
      transition: 'none',
      assessment: null,
    });

    const integration = await finalizeSetup({ ...deps, onSetupFinalized: jobs.onSetupFinalized }, organization.id);
    expect(integration).toMatchObject({ wizardStep: 'DONE', status: 'FAILING' });
    expect(await openIncident(organization.id)).toMatchObject({
      details: expect.objectContaining({ trigger: 'setup_finalized', runId: run.id, causes: ['failing_share_exceeded'] }),
    });
    expect(delivered.filter((d) => d.organizationId === organization.id)).toHaveLength(1);
  });

  it('a run that failed for everyone opens an incident carrying its error and fix', async () => {
    const { organization } = await createMonitoredOrganization(world, ['ACTIVE', 'ACTIVE']);
    const run = await world.db.prisma.integrationTestRun.create({
      data: { organizationId: organization.id, trigger: 'SCHEDULED', status: 'FAILED' },
    });
    const result = await onIntegrationTestFailed(jobs.healthDeps, {
      organizationId: organization.id,
      runId: run.id,
      error: "Google refused the service account's credentials.",
      fix: 'Check the key.',
    });
    expect(result).toMatchObject({ transition: 'opened', assessment: { causes: ['nobody_active', 'failing_share_exceeded'] } });
    const notification = await world.db.prisma.notification.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(notification.text).toContain('Fix: Check the key.');
  });
});

describe('scheduled re-tests', () => {
  it('start a SCHEDULED run only for organizations whose last test is older than the interval', async () => {
    const MINUTE = 60_000;
    const minutesAgo = (m: number) => new Date(world.clock.now().getTime() - m * MINUTE);
    // Only this test's organizations: the others of this file were tested just now.
    await world.db.prisma.calendarIntegration.updateMany({ data: { lastTestedAt: world.clock.now() } });
    const due = await createMonitoredOrganization(world, ['ACTIVE'], { lastTestedAt: minutesAgo(61) });
    const neverTested = await createMonitoredOrganization(world, ['ACTIVE'], { lastTestedAt: null });
    const recent = await createMonitoredOrganization(world, ['ACTIVE'], { lastTestedAt: minutesAgo(30) });
    const settingUp = await createMonitoredOrganization(world, ['ACTIVE'], { lastTestedAt: minutesAgo(600), wizardStep: 'TEST' });
    const running = await createMonitoredOrganization(world, ['ACTIVE'], { lastTestedAt: minutesAgo(600) });
    await world.db.prisma.integrationTestRun.create({
      data: {
        organizationId: running.organization.id,
        trigger: 'MANUAL',
        status: 'RUNNING',
        activeLock: running.organization.id,
        createdAt: minutesAgo(90),
      },
    });
    const justFailed = await createMonitoredOrganization(world, ['ACTIVE'], { lastTestedAt: minutesAgo(600) });
    await world.db.prisma.integrationTestRun.create({
      data: { organizationId: justFailed.organization.id, trigger: 'SCHEDULED', status: 'FAILED', createdAt: minutesAgo(10) },
    });

    enqueuedRuns.length = 0;
    await jobs.startRetests.handle({}, { id: 'tick' });
    const runs = await world.db.prisma.integrationTestRun.findMany({ where: { id: { in: enqueuedRuns } } });
    expect(runs.map((r) => r.organizationId).sort()).toEqual([due.organization.id, neverTested.organization.id].sort());
    expect(runs.every((r) => r.trigger === 'SCHEDULED' && r.status === 'QUEUED' && r.requestedBy === 'system')).toBe(true);
    for (const skipped of [recent, settingUp, running, justFailed]) {
      expect(runs.some((r) => r.organizationId === skipped.organization.id)).toBe(false);
    }

    // The next tick finds them running: nothing new.
    enqueuedRuns.length = 0;
    await jobs.startRetests.handle({}, { id: 'tick' });
    expect(enqueuedRuns).toEqual([]);

    // Half an hour later the recent one is due too; the failed run is still within the interval.
    world.clock.advance(31 * MINUTE);
    await jobs.startRetests.handle({}, { id: 'tick' });
    const later = await world.db.prisma.integrationTestRun.findMany({ where: { id: { in: enqueuedRuns } } });
    expect(later.map((r) => r.organizationId)).toEqual([recent.organization.id]);
  });
});
