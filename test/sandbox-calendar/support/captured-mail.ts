/**
 * Mail in the real outbox for the Mail page's tests: recorded with recordMails and delivered by deliverMail
 * with the sandbox's capture (or an SMTP stand-in), on a real database; and the mailbox main.ts wires
 * from the domain read. Invitations are rendered by the scheduling code itself (session-invitation.ts).
 */
import { expect } from '@jest/globals';
import { findCapturedMail, listCapturedMail } from '../../../backend/domain/outbox/captured-mail.js';
import { deliverMail, type NotificationMailer } from '../../../backend/domain/outbox/deliver-mail.js';
import { recordMails, type OutgoingMail } from '../../../backend/domain/outbox/outbox.js';
import type { SagaSession } from '../../../backend/domain/scheduling/saga-session.js';
import { invitationMails } from '../../../backend/domain/scheduling/session-invitation.js';
import { actAs } from '../../../backend/domain/verified-domains.js';
import { createLogger } from '../../../backend/logger.js';
import type { Mailbox } from '../../../backend/sandbox-calendar/index.js';
import type { TestDatabase } from '../../support/database.js';
import { createMatching, createPerson, createProgram, createSession } from '../../support/factories.js';

export const SENDER = { name: 'Together Calendar', address: 'calendar@together.invalid' };
const logger = createLogger({ level: 'silent' });

/** main.ts's mailbox: the organization's captured mail, through the domain read. */
export const outboxMailbox = (db: TestDatabase, organizationId: string): Mailbox => ({
  mailTo: (recipient) => listCapturedMail(db, { organizationId, recipient }),
  message: (recipient, id) => findCapturedMail(db, { organizationId, recipient, id }),
});

/**
 * Records `mail` at `at` and, unless `transport` is null (left waiting in the outbox), delivers it two
 * seconds later with that transport, as the mail job does. Answers the mail's id.
 */
export async function storeMail(db: TestDatabase, mail: OutgoingMail, at: Date, transport: 'CAPTURE' | 'SMTP' | null): Promise<string> {
  const [ref] = await db.prisma.$transaction((tx) => recordMails(tx, [mail], at));
  if (!ref) throw new Error(`the mail ${mail.messageKey} was recorded before`);
  if (transport) {
    const mailer: NotificationMailer = { transport, sender: SENDER, send: async () => undefined };
    const sentAt = new Date(at.getTime() + 2000);
    expect(await deliverMail({ prisma: db.prisma, clock: () => sentAt, mailer, maxAttempts: 3, logger }, ref)).toBe('sent');
  }
  return ref.id;
}

interface Member {
  email: string;
  displayName: string;
  timeZone: string;
}

/**
 * A session between `mentor` and `mentee` (people of the organization) that neither's calendar is
 * connected for, and its invitation mails (`REQUEST`, or `CANCEL`) as booking or cancelling renders them.
 */
export async function sessionMails(
  db: TestDatabase,
  organizationId: string,
  input: { mentor: Member; mentee: Member; program: string; start: Date; minutes: number; now: Date },
): Promise<{ invite: OutgoingMail[]; cancel: OutgoingMail[] }> {
  const [mentor, mentee] = [
    await createPerson(db.prisma, organizationId, input.mentor),
    await createPerson(db.prisma, organizationId, input.mentee),
  ];
  const program = await createProgram(db.prisma, organizationId, { name: input.program });
  const matching = await createMatching(db.prisma, organizationId, { programId: program.id, mentorId: mentor.id, menteeId: mentee.id });
  const end = new Date(input.start.getTime() + input.minutes * 60_000);
  const row = await createSession(db.prisma, matching, { startAt: input.start, endAt: end, calendarPath: 'EMAIL_INVITATION' });
  const session: SagaSession = {
    id: row.id,
    organizationId,
    calendarPath: 'EMAIL_INVITATION',
    invitationSequence: 0,
    operation: 'NONE',
    sequenceNumber: row.sequenceNumber,
    startAt: input.start,
    endAt: end,
    targetStartAt: null,
    targetEndAt: null,
    googleEventId: null,
    organizer: input.mentor,
    actingAs: actAs(input.mentor.email, []),
    attendee: input.mentee,
    matching: { program: { name: input.program }, mentor: input.mentor, mentee: input.mentee },
  };
  const base = { session, start: input.start, end, sender: SENDER, now: input.now };
  return {
    invite: invitationMails({ ...base, method: 'REQUEST', sequence: 0 }),
    cancel: invitationMails({ ...base, method: 'CANCEL', sequence: 1 }),
  };
}
