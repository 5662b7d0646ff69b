import type { Logger } from '../../logger.js';
import type { MailTransport } from '../../store/generated/prisma/client.js';
import type { DomainDeps } from '../deps.js';
import { messageIdOf, type MailRef, type MailSender } from './outbox.js';

/** A mail as the mailer sends it: one recipient, a plain-text body, a fixed Message-ID, maybe an iCalendar part. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** With angle brackets; the same on every attempt at the same mail. */
  messageId: string;
  calendar?: { method: string; content: string };
}

/**
 * What delivery needs of a mailer (`mail/mailer.ts` in production): the domain names the port, the
 * mail layer fills it, so use cases never import mail/.
 */
export interface NotificationMailer {
  /** Recorded on the mail once sent. */
  readonly transport: MailTransport;
  readonly sender: MailSender;
  /** Resolves once the server accepted the message; rejects on any failure (the queue retries). */
  send(message: MailMessage): Promise<void>;
}

/** Points of a delivery; tests throw from `onMailStep` to simulate a crash there. */
export type MailStep = 'mail.claimed' | 'mail.sent';

/** Delivery needs the mailer and how many attempts a mail gets before it is FAILED. */
export interface DeliveryDeps extends DomainDeps {
  mailer: NotificationMailer;
  /** Attempts in all (the queue's retryLimit + 1). */
  maxAttempts: number;
  logger: Logger;
  /** How long a claimed attempt keeps others off the mail (default 5 minutes, the job's expiry). */
  leaseMs?: number;
  /** Test hook: called after each step; a throw there is a crash between steps. */
  onMailStep?: (step: MailStep, ref: MailRef) => void | Promise<void>;
}

export const DEFAULT_MAIL_LEASE_MS = 5 * 60_000;

/** Thrown for an attempt that failed (or found another attempt in flight) and will be retried by the queue. */
export class DeliveryFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryFailed';
  }
}

/**
 * Sends one recorded mail: claims it (PENDING, or SENDING whose lease ran out: an attempt that
 * crashed), sends it with its deterministic Message-ID, marks it SENT. Only the claimer sends, so a
 * crash between send and mark costs exactly one re-send, with the same Message-ID, once the lease
 * is over. A failure records the attempt and the error and throws DeliveryFailed so the queue
 * retries with backoff, or, at the last attempt, marks it FAILED. A sent or failed mail is skipped.
 */
export async function deliverMail(deps: DeliveryDeps, ref: MailRef): Promise<'sent' | 'skipped' | 'failed'> {
  const now = deps.clock();
  const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_MAIL_LEASE_MS));
  const claimed = await deps.prisma.notification.updateManyAndReturn({
    where: {
      id: ref.id,
      organizationId: ref.organizationId,
      OR: [{ status: 'PENDING' }, { status: 'SENDING', leaseUntil: { lte: now } }],
    },
    data: { status: 'SENDING', leaseUntil, attempts: { increment: 1 } },
  });
  const mail = claimed[0];
  if (!mail) {
    const current = await deps.prisma.notification.findFirst({ where: { id: ref.id, organizationId: ref.organizationId } });
    if (current?.status !== 'SENDING') return 'skipped';
    throw new DeliveryFailed(`Mail ${ref.id} is being sent by another attempt until ${current.leaseUntil?.toISOString()}`);
  }
  const { attempts } = mail;
  if (attempts > deps.maxAttempts) {
    // Attempts that crashed mid-send used the budget up: stop here rather than send again and again.
    await deps.prisma.notification.updateMany({
      where: { id: mail.id, status: 'SENDING', attempts },
      data: { status: 'FAILED', leaseUntil: null, lastError: mail.lastError ?? 'every attempt was interrupted' },
    });
    return 'failed';
  }
  await deps.onMailStep?.('mail.claimed', ref);
  try {
    await deps.mailer.send({
      to: mail.recipient,
      subject: mail.subject,
      text: mail.text ?? mail.subject,
      messageId: messageIdOf(mail.messageKey, deps.mailer.sender),
      ...(mail.calendar ? { calendar: { method: mail.calendarMethod ?? 'REQUEST', content: mail.calendar } } : {}),
    });
  } catch (error) {
    const lastError = String((error as Error)?.message ?? error).slice(0, 1000);
    const final = attempts >= deps.maxAttempts;
    await deps.prisma.notification.updateMany({
      where: { id: mail.id, organizationId: ref.organizationId, status: 'SENDING', attempts },
      data: { lastError, leaseUntil: null, status: final ? 'FAILED' : 'PENDING' },
    });
    const log = { notificationId: mail.id, organizationId: ref.organizationId, kind: mail.kind, attempts, lastError };
    if (final) {
      deps.logger.error(log, 'mail failed for good');
      return 'failed';
    }
    deps.logger.warn(log, 'mail failed; retrying');
    throw new DeliveryFailed(`Mail ${mail.id} failed (attempt ${attempts} of ${deps.maxAttempts}): ${lastError}`, { cause: error });
  }
  await deps.onMailStep?.('mail.sent', ref);
  await deps.prisma.notification.updateMany({
    where: { id: mail.id, organizationId: ref.organizationId, status: 'SENDING', attempts },
    data: { lastError: null, leaseUntil: null, status: 'SENT', sentAt: deps.clock(), transport: deps.mailer.transport },
  });
  return 'sent';
}

/**
 * Mails whose delivery job was lost: PENDING and never attempted for a while (a crash right after
 * they were recorded), or SENDING past their lease (a crash mid-attempt, whose job's retries ran out).
 */
export async function listUndeliveredMails(deps: DomainDeps, input: { olderThanMs: number; limit: number }): Promise<MailRef[]> {
  const now = deps.clock();
  const before = new Date(now.getTime() - input.olderThanMs);
  return deps.prisma.notification.findMany({
    where: {
      OR: [
        { status: 'PENDING', attempts: 0, createdAt: { lt: before } },
        { status: 'SENDING', leaseUntil: { lt: now } },
      ],
    },
    orderBy: { createdAt: 'asc' },
    take: input.limit,
    select: { id: true, organizationId: true },
  });
}
