import { z } from 'zod';
import type { DomainDeps } from '../domain/deps.js';
import { deliverMail, listUndeliveredMails, type DeliveryDeps, type NotificationMailer } from '../domain/outbox/deliver-mail.js';
import type { MailOutbox, MailRef } from '../domain/outbox/outbox.js';
import type { Logger } from '../logger.js';
import type { JobDefinition, JobQueue } from './queue.js';

export interface MailJobDeps extends DomainDeps {
  mailer: NotificationMailer;
  queue: JobQueue;
  logger: Logger;
  /** Retries after the first attempt (default 8: about 2 hours of backoff at the default delay). */
  retryLimit?: number;
  /** First retry delay; doubles on each retry (default 30 s). */
  retryDelaySeconds?: number;
  /** Test hooks and lease of deliverMail. */
  delivery?: Pick<DeliveryDeps, 'leaseMs' | 'onMailStep'>;
}

const mailRef = z.object({ organizationId: z.uuid(), id: z.uuid() });

/**
 * Mail jobs, for every mail the backend sends: `mail.deliver-notification` sends one recorded mail
 * (retried with backoff by the queue; one job per mail at a time), and `mail.resend-undelivered`
 * (every 5 minutes) re-queues mails whose job was lost (between recording and enqueue, or a crash
 * mid-attempt). `enqueue` queues a recorded mail; `outbox` is what use cases send mail through.
 */
export function mailJobs(deps: MailJobDeps) {
  const retryLimit = deps.retryLimit ?? 8;
  const deliver: JobDefinition<MailRef> = {
    name: 'mail.deliver-notification',
    payload: mailRef,
    policy: 'stately',
    retryLimit,
    retryDelaySeconds: deps.retryDelaySeconds ?? 30,
    expireInSeconds: 5 * 60,
    concurrency: 4,
    handle: async (ref) => void (await deliverMail({ ...deps, ...deps.delivery, maxAttempts: retryLimit + 1 }, ref)),
  };
  const enqueue = async (ref: MailRef): Promise<void> => {
    await deps.queue.send(deliver, { organizationId: ref.organizationId, id: ref.id }, { singletonKey: ref.id });
  };
  const outbox: MailOutbox = { sender: deps.mailer.sender, queue: enqueue };
  const resendUndelivered: JobDefinition<Record<string, never>> = {
    name: 'mail.resend-undelivered',
    payload: z.object({}).strict(),
    schedule: '*/5 * * * *',
    retryLimit: 0,
    handle: async () => {
      const lost = await listUndeliveredMails(deps, { olderThanMs: 5 * 60_000, limit: 500 });
      for (const ref of lost) await enqueue(ref);
      if (lost.length > 0) deps.logger.warn({ count: lost.length }, 're-queued mails whose delivery job was lost');
    },
  };
  return { definitions: [deliver, resendUndelivered] as JobDefinition<never>[], deliver, resendUndelivered, enqueue, outbox };
}
