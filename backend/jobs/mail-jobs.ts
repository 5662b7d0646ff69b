import { z } from 'zod';
import type { DomainDeps } from '../domain/deps.js';
import { deliverNotification, listUndeliveredNotifications, type NotificationMailer } from '../domain/health/deliver-notification.js';
import type { NotificationRef } from '../domain/health/deps.js';
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
}

const notificationRef = z.object({ organizationId: z.uuid(), id: z.uuid() });

/**
 * Owner-mail jobs: `mail.deliver-notification` mails one notification (retried with backoff by the
 * queue; one job per notification at a time), and `mail.resend-undelivered` (every 5 minutes)
 * re-queues notifications whose job was lost between the transition and its enqueue.
 * `enqueue` is what health evaluation calls to queue a delivery.
 */
export function mailJobs(deps: MailJobDeps) {
  const retryLimit = deps.retryLimit ?? 8;
  const deliver: JobDefinition<NotificationRef> = {
    name: 'mail.deliver-notification',
    payload: notificationRef,
    policy: 'stately',
    retryLimit,
    retryDelaySeconds: deps.retryDelaySeconds ?? 30,
    expireInSeconds: 5 * 60,
    concurrency: 4,
    handle: async (ref) => void (await deliverNotification({ ...deps, maxAttempts: retryLimit + 1 }, ref)),
  };
  const enqueue = async (ref: NotificationRef): Promise<void> => {
    await deps.queue.send(deliver, { organizationId: ref.organizationId, id: ref.id }, { singletonKey: ref.id });
  };
  const resendUndelivered: JobDefinition<Record<string, never>> = {
    name: 'mail.resend-undelivered',
    payload: z.object({}).strict(),
    schedule: '*/5 * * * *',
    retryLimit: 0,
    handle: async () => {
      const lost = await listUndeliveredNotifications(deps, { olderThanMs: 5 * 60_000, limit: 500 });
      for (const ref of lost) await enqueue(ref);
      if (lost.length > 0) deps.logger.warn({ count: lost.length }, 're-queued owner notifications whose delivery job was lost');
    },
  };
  return { definitions: [deliver, resendUndelivered] as JobDefinition<never>[], deliver, resendUndelivered, enqueue };
}
