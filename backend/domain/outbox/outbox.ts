// The mail outbox: every mail the backend sends is a Notification row written before it is sent
// (here), then claimed, sent and marked by deliver-mail.ts. See README.md beside this file.
import { createHash } from 'node:crypto';
import type { DomainDeps, Tx } from '../deps.js';
import type { NotificationKind } from '../../store/generated/prisma/client.js';

/** A recorded mail, as the delivery queue names it. */
export interface MailRef {
  organizationId: string;
  id: string;
}

/** Who mails come from: the From header, the ORGANIZER of invitations, the domain of Message-IDs. */
export interface MailSender {
  name: string;
  address: string;
}

/** What use cases need to send mail: the sender, and the queue that delivers a recorded mail. */
export interface MailOutbox {
  readonly sender: MailSender;
  /** Queues a recorded mail's delivery; call it after the transaction that recorded it commits. */
  queue(ref: MailRef): Promise<void>;
}

/** A mail to record. `messageKey` must be the same for every attempt at the same mail (see messageKeys). */
export interface OutgoingMail {
  organizationId: string;
  kind: NotificationKind;
  recipient: string;
  subject: string;
  text: string;
  messageKey: string;
  /** An iCalendar part (`text/calendar; method=…`), rendered now so every attempt sends the same. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  incidentId?: string;
  sessionId?: string;
}

const recipientHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);

/** The deterministic Message-ID keys (`<key@sender's domain>`), one place for every kind of mail. */
export const messageKeys = {
  /** One owner notification: one per incident and kind (the table's unique key). */
  ownerNotification: (incidentId: string, kind: 'INCIDENT_OPENED' | 'INCIDENT_RESOLVED') => `owner.${incidentId}.${kind.toLowerCase()}`,
  /** One invitation (or cancellation): session + iCalendar SEQUENCE + recipient (hashed: no address in headers twice). */
  invitation: (sessionId: string, sequence: number, recipient: string) => `invitation.${sessionId}.${sequence}.${recipientHash(recipient)}`,
  /** Anything else, e.g. a connect link: the caller's own stable id of that mail. */
  other: (purpose: string, id: string) => `${purpose}.${id}`,
};

/** The Message-ID header of a mail (with angle brackets). */
export const messageIdOf = (messageKey: string, sender: MailSender): string =>
  `<${messageKey}@${sender.address.split('@')[1] ?? 'together.invalid'}>`;

/**
 * Records mails in the outbox inside the caller's transaction, once per `messageKey`: recording the
 * same mail again (a retried or resumed operation) adds nothing. Answers the refs of the mails not
 * yet sent, to queue once the transaction commits.
 */
export async function recordMails(tx: Tx, mails: readonly OutgoingMail[], at: Date): Promise<MailRef[]> {
  if (mails.length === 0) return [];
  await tx.notification.createMany({
    data: mails.map(({ calendar, ...mail }) => ({
      ...mail,
      createdAt: at,
      ...(calendar ? { calendar: calendar.content, calendarMethod: calendar.method } : {}),
    })),
    skipDuplicates: true,
  });
  return tx.notification.findMany({
    where: { messageKey: { in: mails.map((m) => m.messageKey) }, status: { in: ['PENDING', 'SENDING'] } },
    select: { id: true, organizationId: true },
  });
}

/** Queues recorded mails; a queue that refuses loses nothing (the resend sweep, mail.resend-undelivered, catches up). */
export async function queueMails(outbox: MailOutbox, refs: readonly MailRef[], onError: (error: unknown) => void): Promise<void> {
  for (const ref of refs) {
    try {
      await outbox.queue(ref);
    } catch (error) {
      onError(error);
    }
  }
}

/**
 * The one call for sending a mail from anywhere in the backend (a connect link, say): records it
 * (idempotent on `messageKey`), then queues its delivery. Delivery is at most once per attempt with
 * the same Message-ID every time; a crash between send and mark re-sends once (README.md).
 */
export async function sendMail(deps: DomainDeps & { outbox: MailOutbox }, mail: OutgoingMail): Promise<void> {
  const refs = await deps.prisma.$transaction((tx) => recordMails(tx, [mail], deps.clock()));
  await queueMails(deps.outbox, refs, () => undefined);
}
