import type { Logger } from '../../logger.js';
import type { MailTransport } from '../../store/generated/prisma/client.js';
import type { DomainDeps } from '../deps.js';
import type { NotificationRef } from './deps.js';

/**
 * What delivery needs of a mailer (`mail/mailer.ts` in production): the domain names the port, the
 * mail layer fills it, so use cases never import mail/.
 */
export interface NotificationMailer {
  /** Recorded on the notification once sent. */
  readonly transport: MailTransport;
  /** Resolves once the server accepted the message; rejects on any failure (the queue retries). */
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** Delivery needs the mailer and how many attempts a mail gets before it is FAILED. */
export interface DeliveryDeps extends DomainDeps {
  mailer: NotificationMailer;
  /** Attempts in all (the queue's retryLimit + 1). */
  maxAttempts: number;
  logger: Logger;
}

/** Thrown for an attempt that failed and will be retried by the queue. */
export class DeliveryFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryFailed';
  }
}

/**
 * Mails one PENDING notification to its recipient. Success marks it SENT (with the transport);
 * a failure records the attempt and the error, then throws DeliveryFailed so the queue retries with
 * backoff, or, at the last attempt, marks it FAILED and returns. A notification that is no longer
 * PENDING (already sent by an earlier attempt) is skipped, so a repeated job sends nothing twice.
 */
export async function deliverNotification(deps: DeliveryDeps, ref: NotificationRef): Promise<'sent' | 'skipped' | 'failed'> {
  const notification = await deps.prisma.notification.findFirst({ where: { id: ref.id, organizationId: ref.organizationId } });
  if (!notification || notification.status !== 'PENDING') return 'skipped';
  const attempts = notification.attempts + 1;
  try {
    await deps.mailer.send({ to: notification.recipient, subject: notification.subject, text: notification.text ?? notification.subject });
  } catch (error) {
    const lastError = String((error as Error)?.message ?? error).slice(0, 1000);
    const final = attempts >= deps.maxAttempts;
    await deps.prisma.notification.updateMany({
      where: { id: notification.id, organizationId: ref.organizationId, status: 'PENDING' },
      data: { attempts, lastError, ...(final && { status: 'FAILED' }) },
    });
    const log = { notificationId: notification.id, organizationId: ref.organizationId, attempts, lastError };
    if (final) {
      deps.logger.error(log, 'owner notification failed for good');
      return 'failed';
    }
    deps.logger.warn(log, 'owner notification failed; retrying');
    throw new DeliveryFailed(`Mail ${notification.id} failed (attempt ${attempts} of ${deps.maxAttempts}): ${lastError}`, { cause: error });
  }
  await deps.prisma.notification.updateMany({
    where: { id: notification.id, organizationId: ref.organizationId, status: 'PENDING' },
    data: { attempts, lastError: null, status: 'SENT', sentAt: deps.clock(), transport: deps.mailer.transport },
  });
  return 'sent';
}

/** PENDING notifications never attempted for a while: their delivery job was lost (a crash right after the transition). */
export async function listUndeliveredNotifications(
  deps: DomainDeps,
  input: { olderThanMs: number; limit: number },
): Promise<NotificationRef[]> {
  const before = new Date(deps.clock().getTime() - input.olderThanMs);
  return deps.prisma.notification.findMany({
    where: { status: 'PENDING', attempts: 0, createdAt: { lt: before } },
    orderBy: { createdAt: 'asc' },
    take: input.limit,
    select: { id: true, organizationId: true },
  });
}
