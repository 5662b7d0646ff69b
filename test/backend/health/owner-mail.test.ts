import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HealthDeps } from '../../../backend/domain/health/deps.js';
import { deliverMail } from '../../../backend/domain/outbox/deliver-mail.js';
import { evaluateIntegrationHealth } from '../../../backend/domain/health/evaluate-integration-health.js';
import { healthJobs } from '../../../backend/jobs/health-jobs.js';
import { mailJobs } from '../../../backend/jobs/mail-jobs.js';
import { JobQueue } from '../../../backend/jobs/queue.js';
import { createMailer, type Mailer } from '../../../backend/mail/mailer.js';
import { captureLogs } from '../../support/app.js';
import { createMonitoredOrganization, eventually, setAccess, sleep, startHealthWorld, type HealthWorld } from './support.js';
import { createSmtpServer, type TestSmtpServer } from '../../support/smtp-server.js';

let world: HealthWorld;
let queue: JobQueue;
let smtp: TestSmtpServer;
let mailer: Mailer;
let health: HealthDeps;
const { logger } = captureLogs('fatal');

beforeAll(async () => {
  world = await startHealthWorld();
  queue = await JobQueue.start(world.db, logger, { pollingIntervalSeconds: 0.5 });
  smtp = await createSmtpServer();
  mailer = createMailer({ transport: 'smtp', url: smtp.url, from: 'Together Calendar <calendar@together.test>' });
  const clock = world.clock.now;
  const mail = mailJobs({ prisma: world.db.prisma, clock, logger, mailer, queue, retryLimit: 4, retryDelaySeconds: 1 });
  const jobs = healthJobs({
    prisma: world.db.prisma,
    clock,
    logger,
    queue,
    health: { failingShare: 0.2, retestIntervalMinutes: 360 },
    deliverNotification: mail.enqueue,
    enqueueIntegrationTest: async () => undefined,
  });
  await queue.register(mail.deliver);
  health = jobs.healthDeps;
}, 90_000);
afterAll(async () => {
  await queue.stop();
  mailer.close();
  await smtp.stop();
  await world.db.close();
});

const mailsTo = (organizationName: string) => smtp.mails.filter((m) => m.subject.includes(organizationName));
const evaluate = (organizationId: string) => evaluateIntegrationHealth(health, { organizationId });

describe('owner mail over SMTP', () => {
  it('mails the owner once when the integration starts failing, naming what fails and how to fix it', async () => {
    const { organization, people } = await createMonitoredOrganization(world, ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE'], {
      name: 'Acme Opened',
    });
    expect(await evaluate(organization.id)).toMatchObject({ transition: 'none', assessment: { verdict: 'healthy' } });

    await setAccess(world, organization.id, [people[0]!.id, people[1]!.id], 'NOT_INSTALLED');
    await setAccess(world, organization.id, [people[2]!.id], 'SUSPENDED_OR_DELETED');
    const opened = await evaluate(organization.id);
    expect(opened).toMatchObject({ transition: 'opened', assessment: { verdict: 'failing', failing: 3, checked: 5, active: 2 } });
    await eventually(() => mailsTo('Acme Opened').length === 1);
    // The SMTP server has the mail before the delivery job records it SENT: wait for the job to finish.
    await eventually(
      async () => (await world.db.prisma.notification.findFirst({ where: { organizationId: organization.id } }))?.status === 'SENT',
    );

    const [mail] = mailsTo('Acme Opened');
    expect(mail!.to).toEqual(['owner@acme.example']);
    expect(mail!.subject).toBe('[Together Calendar] Failing for Acme Opened: 3 of 5 people');
    expect(mail!.text).toContain('NOT_INSTALLED 2, SUSPENDED_OR_DELETED 1');
    expect(mail!.text).toContain(`${people[0]!.email}: Reason NOT_INSTALLED`);
    expect(mail!.text).toContain('Fix: Fix for NOT_INSTALLED: do the thing in the Admin console');
    expect(mail!.text).toContain(`GET /admin/v1/organizations/${organization.id}/integration/access`);

    const incident = await world.db.prisma.incident.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(incident).toMatchObject({ openLock: organization.id, closedAt: null });
    expect(incident.details).toMatchObject({
      byStatus: { ACTIVE: 2, NOT_INSTALLED: 2, SUSPENDED_OR_DELETED: 1 },
      causes: ['failing_share_exceeded'],
    });
    expect(await world.db.prisma.calendarIntegration.findUnique({ where: { organizationId: organization.id } })).toMatchObject({
      status: 'FAILING',
    });
    const notification = await world.db.prisma.notification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(notification).toMatchObject({ kind: 'INCIDENT_OPENED', status: 'SENT', attempts: 1, transport: 'SMTP', lastError: null });
    const audit = await world.db.prisma.auditLogEntry.findMany({
      where: { organizationId: organization.id, action: { startsWith: 'integration.health' } },
    });
    expect(audit).toMatchObject([{ action: 'integration.health.failing', actorType: 'SYSTEM', targetId: incident.id }]);

    // Still failing, even worse: no new incident, no new mail.
    await setAccess(world, organization.id, [people[3]!.id], 'NOT_INSTALLED');
    for (let i = 0; i < 3; i++) expect(await evaluate(organization.id)).toMatchObject({ transition: 'none', incidentId: incident.id });
    await sleep(1500);
    expect(mailsTo('Acme Opened')).toHaveLength(1);
    expect(await world.db.prisma.incident.count({ where: { organizationId: organization.id } })).toBe(1);
  });

  it('opens one incident and sends one mail when evaluations race', async () => {
    const { organization } = await createMonitoredOrganization(world, ['NOT_INSTALLED', 'NOT_INSTALLED', 'NOT_INSTALLED'], {
      name: 'Acme Race',
    });
    const results = await Promise.all(Array.from({ length: 6 }, () => evaluate(organization.id)));
    expect(results.filter((r) => r.transition === 'opened')).toHaveLength(1);
    expect(results.filter((r) => r.transition === 'none')).toHaveLength(5);
    await eventually(() => mailsTo('Acme Race').length === 1);
    await sleep(1500);
    expect(mailsTo('Acme Race')).toHaveLength(1);
    expect(await world.db.prisma.incident.count({ where: { organizationId: organization.id } })).toBe(1);
    expect(await world.db.prisma.notification.count({ where: { organizationId: organization.id } })).toBe(1);
    expect(mailsTo('Acme Race')[0]!.text).toContain('Nobody can be reached');
  });

  it('mails once on recovery, saying since when, and once per transition when it flaps', async () => {
    const { organization, people } = await createMonitoredOrganization(world, ['ACTIVE', 'ACTIVE', 'ACTIVE'], { name: 'Acme Flap' });
    const ids = people.map((p) => p.id);
    const transitions: string[] = [];
    // Five minutes pass between the changes.
    for (const status of ['NOT_INSTALLED', 'ACTIVE', 'NOT_INSTALLED', 'ACTIVE'] as const) {
      await setAccess(world, organization.id, ids, status);
      transitions.push((await evaluate(organization.id)).transition);
      transitions.push((await evaluate(organization.id)).transition);
      world.clock.advance(5 * 60_000);
    }
    expect(transitions).toEqual(['opened', 'none', 'resolved', 'none', 'opened', 'none', 'resolved', 'none']);
    await eventually(() => mailsTo('Acme Flap').length === 4);
    await sleep(1500);
    const subjects = mailsTo('Acme Flap').map((m) => m.subject);
    expect(subjects.sort()).toEqual([
      '[Together Calendar] Failing for Acme Flap: 3 of 3 people',
      '[Together Calendar] Failing for Acme Flap: 3 of 3 people',
      '[Together Calendar] Recovered for Acme Flap',
      '[Together Calendar] Recovered for Acme Flap',
    ]);
    const incidents = await world.db.prisma.incident.findMany({ where: { organizationId: organization.id }, orderBy: { openedAt: 'asc' } });
    expect(incidents).toHaveLength(2);
    expect(incidents.every((i) => i.closedAt !== null && i.openLock === null)).toBe(true);
    const recovery = mailsTo('Acme Flap').find((m) => m.subject.startsWith('[Together Calendar] Recovered'))!;
    expect(recovery.text).toMatch(/has recovered: it works again since \d{4}-\d\d-\d\dT/);
    expect(recovery.text).toMatch(/It had been failing since \d{4}-\d\d-\d\dT\S+ \(about 5 minutes\)\./);
    expect(await world.db.prisma.calendarIntegration.findUnique({ where: { organizationId: organization.id } })).toMatchObject({
      status: 'ACTIVE',
    });
  });

  it('retries a mail while the SMTP server is down and delivers it once when it is back; the evaluation never breaks', async () => {
    const late = await createSmtpServer({ started: false });
    const lateMailer = createMailer({ transport: 'smtp', url: late.url, from: 'calendar@together.test' });
    const mail = mailJobs({
      prisma: world.db.prisma,
      clock: world.clock.now,
      logger,
      mailer: lateMailer,
      queue,
      retryLimit: 5,
      retryDelaySeconds: 1,
    });
    // Its own queue name, so this mailer's jobs do not mix with the shared server's.
    const deliver = { ...mail.deliver, name: 'test.mail.deliver-late' };
    await queue.register(deliver);
    const deps: HealthDeps = {
      ...health,
      deliverNotification: async (ref) => void (await queue.send(deliver, ref, { singletonKey: ref.id })),
    };
    try {
      const { organization } = await createMonitoredOrganization(world, ['NOT_INSTALLED', 'ACTIVE'], { name: 'Acme Late' });
      expect(await evaluateIntegrationHealth(deps, { organizationId: organization.id })).toMatchObject({ transition: 'opened' });
      await eventually(
        async () => !!(await world.db.prisma.notification.findFirst({ where: { organizationId: organization.id } }))?.lastError,
      );
      const failed = await world.db.prisma.notification.findFirstOrThrow({ where: { organizationId: organization.id } });
      expect(failed).toMatchObject({ status: 'PENDING' });
      expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);

      await late.start();
      await eventually(() => late.mails.length === 1);
      await eventually(
        async () => (await world.db.prisma.notification.findFirstOrThrow({ where: { organizationId: organization.id } })).status === 'SENT',
      );
      await sleep(1500);
      expect(late.mails).toHaveLength(1);
      const sent = await world.db.prisma.notification.findFirstOrThrow({ where: { organizationId: organization.id } });
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(sent.lastError).toBeNull();
    } finally {
      lateMailer.close();
      await late.stop();
    }
  });

  it('marks a mail FAILED after its last attempt, with the error, and sends nothing more', async () => {
    const { organization } = await createMonitoredOrganization(world, ['NOT_INSTALLED'], { name: 'Acme Dead' });
    const opened = await evaluateIntegrationHealth(
      { ...health, deliverNotification: async () => undefined },
      { organizationId: organization.id },
    );
    const ref = { organizationId: organization.id, id: opened.notificationId! };
    const broken: Mailer = {
      transport: 'SMTP',
      sender: mailer.sender,
      send: async () => Promise.reject(new Error('550 mailbox unavailable')),
      close: () => undefined,
    };
    const deps = { prisma: world.db.prisma, clock: world.clock.now, logger, mailer: broken, maxAttempts: 2 };
    await expect(deliverMail(deps, ref)).rejects.toThrow(/attempt 1 of 2/);
    expect(await deliverMail(deps, ref)).toBe('failed');
    expect(await world.db.prisma.notification.findUniqueOrThrow({ where: { id: ref.id } })).toMatchObject({
      status: 'FAILED',
      attempts: 2,
      lastError: '550 mailbox unavailable',
    });
    expect(await deliverMail({ ...deps, mailer }, ref)).toBe('skipped');
  });

  it('leaves integrations that have not completed their setup alone, and opens an incident without mail when there is no owner', async () => {
    const { organization: settingUp } = await createMonitoredOrganization(world, ['NOT_INSTALLED'], { wizardStep: 'TEST' });
    expect(await evaluate(settingUp.id)).toEqual({ transition: 'none', assessment: null, incidentId: null, notificationId: null });
    expect(await world.db.prisma.incident.count({ where: { organizationId: settingUp.id } })).toBe(0);

    const { organization: ownerless } = await createMonitoredOrganization(world, ['NOT_INSTALLED'], { ownerEmail: null });
    expect(await evaluate(ownerless.id)).toMatchObject({ transition: 'opened', notificationId: null });
  });
});
