import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { onIntegrationTestCompleted } from '../../../backend/domain/health/on-integration-test-completed.js';
import { onIntegrationTestFailed } from '../../../backend/domain/health/on-integration-test-failed.js';
import { recordIntegrationTestOutcome } from '../../../backend/domain/integration/record-integration-test-outcome.js';
import type { NotificationRef } from '../../../backend/domain/health/deps.js';
import { healthJobs } from '../../../backend/jobs/health-jobs.js';
import { JobQueue } from '../../../backend/jobs/queue.js';
import { captureLogs } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createMonitoredOrganization, eventually } from './support.js';

let db: TestDatabase;
let queue: JobQueue;
let jobs: ReturnType<typeof healthJobs>;
const { logger } = captureLogs('fatal');
/** Mails asked for, instead of a mail queue: these tests are about when, not how. */
const delivered: NotificationRef[] = [];
const enqueuedRuns: string[] = [];
let now = new Date(Date.UTC(2031, 0, 10, 12, 0));

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await JobQueue.start(db, logger, { pollingIntervalSeconds: 0.5 });
  jobs = healthJobs({
    prisma: db.prisma,
    clock: () => now,
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
  await db.close();
});

const integrationOf = (organizationId: string) => db.prisma.calendarIntegration.findUniqueOrThrow({ where: { organizationId } });
const openIncident = (organizationId: string) => db.prisma.incident.findFirst({ where: { organizationId, closedAt: null } });

describe('live access signals', () => {
  it('flip health both ways through the coalesced evaluation job', async () => {
    const { organization, people } = await createMonitoredOrganization(db.prisma, ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
    const signal = (i: number, outcome: Parameters<typeof jobs.recordAccessSignal>[0]['outcome']) =>
      jobs.recordAccessSignal({ organizationId: organization.id, personId: people[i]!.id, outcome, reason: 'refused by Google', fix: 'Reinstall' });

    expect(await signal(0, 'ok')).toEqual({ status: 'ACTIVE', changed: false });
    expect(await signal(0, 'rate_limited')).toEqual({ status: null, changed: false });
    expect(await signal(0, 'not_installed')).toEqual({ status: 'NOT_INSTALLED', changed: true });
    expect(await signal(1, 'user_deleted')).toEqual({ status: 'SUSPENDED_OR_DELETED', changed: true });
    await eventually(async () => (await openIncident(organization.id)) !== null);
    expect(await integrationOf(organization.id)).toMatchObject({ status: 'FAILING' });
    expect(await db.prisma.personCalendarAccess.findFirst({ where: { personId: people[0]!.id } })).toMatchObject({
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
    const { organization } = await createMonitoredOrganization(db.prisma, ['ACTIVE']);
    const { people: others } = await createMonitoredOrganization(db.prisma, ['ACTIVE']);
    await expect(jobs.recordAccessSignal({ organizationId: organization.id, personId: others[0]!.id, outcome: 'not_installed' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await db.prisma.personCalendarAccess.count({ where: { organizationId: organization.id } })).toBe(1);
  });
});

describe('integration test hooks', () => {
  it('after a re-test, the health rule decides the status, even when some people are active', async () => {
    const { organization } = await createMonitoredOrganization(db.prisma, ['ACTIVE', 'NOT_INSTALLED', 'NOT_INSTALLED']);
    const run = await db.prisma.integrationTestRun.create({ data: { organizationId: organization.id, trigger: 'SCHEDULED', status: 'COMPLETED' } });
    const outcome = { organizationId: organization.id, runId: run.id, active: 1, total: 3 };
    await recordIntegrationTestOutcome(jobs.healthDeps, outcome);
    await onIntegrationTestCompleted(jobs.healthDeps, outcome);
    expect(await integrationOf(organization.id)).toMatchObject({ status: 'FAILING' });
    expect(await openIncident(organization.id)).toMatchObject({ details: expect.objectContaining({ trigger: 'integration_test', runId: run.id }) });
  });

  it('a run that failed for everyone opens an incident carrying its error and fix', async () => {
    const { organization } = await createMonitoredOrganization(db.prisma, ['ACTIVE', 'ACTIVE']);
    const run = await db.prisma.integrationTestRun.create({ data: { organizationId: organization.id, trigger: 'SCHEDULED', status: 'FAILED' } });
    const result = await onIntegrationTestFailed(jobs.healthDeps, {
      organizationId: organization.id,
      runId: run.id,
      error: "Google refused the service account's credentials.",
      fix: 'Check the key.',
    });
    expect(result).toMatchObject({ transition: 'opened', assessment: { causes: ['nobody_active', 'failing_share_exceeded'] } });
    const notification = await db.prisma.notification.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(notification.text).toContain('Fix: Check the key.');
  });
});

describe('scheduled re-tests', () => {
  it('start a SCHEDULED run only for organizations whose last test is older than the interval', async () => {
    now = new Date(Date.UTC(2031, 0, 11, 12, 0));
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    // Only this test's organizations: the others of this file were tested long ago too.
    await db.prisma.calendarIntegration.updateMany({ data: { lastTestedAt: now } });
    const due = await createMonitoredOrganization(db.prisma, ['ACTIVE'], { lastTestedAt: minutesAgo(61) });
    const neverTested = await createMonitoredOrganization(db.prisma, ['ACTIVE'], { lastTestedAt: null });
    const recent = await createMonitoredOrganization(db.prisma, ['ACTIVE'], { lastTestedAt: minutesAgo(30) });
    const settingUp = await createMonitoredOrganization(db.prisma, ['ACTIVE'], { lastTestedAt: minutesAgo(600), wizardStep: 'TEST' });
    const running = await createMonitoredOrganization(db.prisma, ['ACTIVE'], { lastTestedAt: minutesAgo(600) });
    await db.prisma.integrationTestRun.create({
      data: { organizationId: running.organization.id, trigger: 'MANUAL', status: 'RUNNING', activeLock: running.organization.id, createdAt: minutesAgo(90) },
    });
    const justFailed = await createMonitoredOrganization(db.prisma, ['ACTIVE'], { lastTestedAt: minutesAgo(600) });
    await db.prisma.integrationTestRun.create({
      data: { organizationId: justFailed.organization.id, trigger: 'SCHEDULED', status: 'FAILED', createdAt: minutesAgo(10) },
    });

    enqueuedRuns.length = 0;
    await jobs.startRetests.handle({}, { id: 'tick', attempt: 0 });
    const runs = await db.prisma.integrationTestRun.findMany({ where: { id: { in: enqueuedRuns } } });
    expect(runs.map((r) => r.organizationId).sort()).toEqual([due.organization.id, neverTested.organization.id].sort());
    expect(runs.every((r) => r.trigger === 'SCHEDULED' && r.status === 'QUEUED' && r.requestedBy === 'system')).toBe(true);
    for (const skipped of [recent, settingUp, running, justFailed]) {
      expect(runs.some((r) => r.organizationId === skipped.organization.id)).toBe(false);
    }

    // The next tick finds them running: nothing new.
    enqueuedRuns.length = 0;
    await jobs.startRetests.handle({}, { id: 'tick', attempt: 0 });
    expect(enqueuedRuns).toEqual([]);
  });
});
