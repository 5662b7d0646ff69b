// The mail outbox over a real SMTP server: every mail a row written before it is sent and marked
// after, with a deterministic Message-ID, so a crash between send and mark re-sends once, recognisably.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deliverMail, listUndeliveredMails, type MailStep } from '../../../backend/domain/outbox/deliver-mail.js';
import { messageIdOf, sendMail, type MailRef } from '../../../backend/domain/outbox/outbox.js';
import { evaluateIntegrationHealth } from '../../../backend/domain/health/evaluate-integration-health.js';
import { mailJobs } from '../../../backend/jobs/mail-jobs.js';
import { JobQueue } from '../../../backend/jobs/queue.js';
import { createMailer, type Mailer } from '../../../backend/mail/mailer.js';
import { captureLogs } from '../../support/app.js';
import { createMonitoredOrganization, eventually, startHealthWorld, type HealthWorld } from './support.js';
import { createSmtpServer, type TestSmtpServer } from '../../support/smtp-server.js';

let world: HealthWorld;
let smtp: TestSmtpServer;
let mailer: Mailer;
let queue: JobQueue;
const { logger } = captureLogs('fatal');
const LEASE_MS = 5 * 60_000;

beforeAll(async () => {
  world = await startHealthWorld();
  smtp = await createSmtpServer();
  mailer = createMailer({ transport: 'smtp', url: smtp.url, from: 'Together Calendar <calendar@together.test>' });
  queue = await JobQueue.start(world.db, logger, { pollingIntervalSeconds: 0.5 });
}, 90_000);
afterAll(async () => {
  await queue.stop();
  mailer.close();
  await smtp.stop();
  await world.db.close();
});

/** An owner notification recorded by a real failing transition, its delivery not queued. */
async function recordedOwnerMail(name: string): Promise<MailRef & { incidentId: string }> {
  const { organization } = await createMonitoredOrganization(world, ['NOT_INSTALLED'], { name });
  const health = { prisma: world.db.prisma, clock: world.clock.now, logger, failingShare: 0.2, deliverNotification: async () => undefined };
  const opened = await evaluateIntegrationHealth(health, { organizationId: organization.id });
  return { organizationId: organization.id, id: opened.notificationId!, incidentId: opened.incidentId! };
}

const crashAt = (at: MailStep) => {
  let crashed = false;
  return (step: MailStep) => {
    if (step === at && !crashed) {
      crashed = true;
      throw new Error(`simulated crash after ${step}`);
    }
  };
};
const rowsOf = (organizationId: string) => world.db.prisma.notification.findMany({ where: { organizationId } });
const received = (messageId: string) => smtp.mails.filter((m) => m.messageId === messageId);

describe('the mail outbox', () => {
  it('gives each owner notification one deterministic Message-ID, the same on every attempt', async () => {
    const ref = await recordedOwnerMail('Acme Message Id');
    const [row] = await rowsOf(ref.organizationId);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 0, messageKey: `owner.${ref.incidentId}.incident_opened` });
    const deps = { prisma: world.db.prisma, clock: world.clock.now, logger, mailer, maxAttempts: 3 };
    expect(await deliverMail(deps, ref)).toBe('sent');
    const messageId = `<owner.${ref.incidentId}.incident_opened@together.test>`;
    expect(received(messageId)).toHaveLength(1);
    expect(received(messageId)[0]!.to).toEqual(['owner@acme.example']);
    expect(await deliverMail(deps, ref)).toBe('skipped');
    expect(received(messageId)).toHaveLength(1);
  });

  it('a crash between send and mark: exactly one record, one duplicate send with the same Message-ID once the lease is over, then nothing', async () => {
    const ref = await recordedOwnerMail('Acme Crash');
    const deps = { prisma: world.db.prisma, clock: world.clock.now, logger, mailer, maxAttempts: 3, onMailStep: crashAt('mail.sent') };
    // The server accepted the mail; the process "dies" before marking it SENT.
    await expect(deliverMail(deps, ref)).rejects.toThrow(/simulated crash after mail.sent/);
    const messageId = `<owner.${ref.incidentId}.incident_opened@together.test>`;
    expect(received(messageId)).toHaveLength(1);
    expect(await rowsOf(ref.organizationId)).toMatchObject([{ status: 'SENDING', attempts: 1 }]);

    // Another attempt (another replica, the queue's retry) keeps off while the crashed one's lease runs: no second send yet.
    await expect(deliverMail(deps, ref)).rejects.toThrow(/being sent by another attempt/);
    expect(await listUndeliveredMails(deps, { olderThanMs: 0, limit: 100 })).not.toContainEqual({
      organizationId: ref.organizationId,
      id: ref.id,
    });
    expect(received(messageId)).toHaveLength(1);

    // After the lease the sweep finds it, and one attempt sends it again, with the same Message-ID.
    world.clock.advance(LEASE_MS + 1_000);
    expect(await listUndeliveredMails(deps, { olderThanMs: 0, limit: 100 })).toContainEqual({
      organizationId: ref.organizationId,
      id: ref.id,
    });
    expect(await deliverMail(deps, ref)).toBe('sent');
    expect(await deliverMail(deps, ref)).toBe('skipped');
    expect(received(messageId)).toHaveLength(2);
    expect(new Set(received(messageId).map((m) => m.text))).toEqual(new Set([received(messageId)[0]!.text]));
    expect(await rowsOf(ref.organizationId)).toMatchObject([{ status: 'SENT', attempts: 2, transport: 'SMTP', leaseUntil: null }]);
  });

  it('through the delivery job: a mark that fails costs one duplicate with the same Message-ID, and the job ends SENT', async () => {
    const ref = await recordedOwnerMail('Acme Job Crash');
    const mail = mailJobs({
      prisma: world.db.prisma,
      clock: world.clock.now,
      logger,
      mailer,
      queue,
      retryLimit: 4,
      retryDelaySeconds: 1,
      delivery: { leaseMs: 1_500, onMailStep: crashAt('mail.sent') },
    });
    const deliver = { ...mail.deliver, name: 'test.mail.deliver-crash' };
    await queue.register(deliver);
    await queue.send(deliver, ref, { singletonKey: ref.id });
    await eventually(async () => (await rowsOf(ref.organizationId))[0]?.status === 'SENT', 30_000);
    const messageId = `<owner.${ref.incidentId}.incident_opened@together.test>`;
    expect(received(messageId)).toHaveLength(2);
    expect(await rowsOf(ref.organizationId)).toHaveLength(1);
  });

  it('sendMail records a mail once per key and delivers it with its Message-ID (the one call for any other mail)', async () => {
    const { organization } = await createMonitoredOrganization(world, ['ACTIVE'], { name: 'Acme Connect' });
    const delivered: MailRef[] = [];
    const deps = {
      prisma: world.db.prisma,
      clock: world.clock.now,
      outbox: {
        sender: mailer.sender,
        queue: async (ref: MailRef) => {
          delivered.push(ref);
          await deliverMail({ prisma: world.db.prisma, clock: world.clock.now, logger, mailer, maxAttempts: 3 }, ref);
        },
      },
    };
    const mail = {
      organizationId: organization.id,
      kind: 'CONNECT_LINK' as const,
      recipient: 'ana@acme.example',
      subject: 'Connect your Google Calendar to Together',
      text: 'Open this link to connect: https://together.example/connect/abc',
      messageKey: `connect-link.${organization.id}`,
    };
    await sendMail(deps, mail);
    await sendMail(deps, mail);
    expect(delivered).toHaveLength(1);
    const messageId = messageIdOf(mail.messageKey, mailer.sender);
    expect(messageId).toBe(`<connect-link.${organization.id}@together.test>`);
    expect(received(messageId)).toHaveLength(1);
    expect(received(messageId)[0]).toMatchObject({ to: ['ana@acme.example'], subject: mail.subject, text: mail.text });
    expect(await world.db.prisma.notification.count({ where: { organizationId: organization.id, kind: 'CONNECT_LINK' } })).toBe(1);
  });
});
