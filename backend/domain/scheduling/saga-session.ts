// A session as the saga reads it before its Google call, and the final conditional write after it.
import type { Impersonation } from '../../google/impersonation.js';
import { Prisma } from '../../store/generated/prisma/client.js';
import { queueMails, recordMails } from '../outbox/outbox.js';
import { actAs } from '../verified-domains.js';
import { invitationMails, type InvitationInput } from './session-invitation.js';
import type { SchedulingDeps } from './deps.js';
import { readSessionView, sessionViewInclude, type SessionView } from './session-view.js';

/** What finishing a write needs to know about a session, read in one SQL round trip. */
export interface SagaSession {
  id: string;
  organizationId: string;
  calendarPath: 'BOOKER_CALENDAR' | 'MATCH_CALENDAR' | 'EMAIL_INVITATION';
  /** iCalendar SEQUENCE of the last email invitation sent (EMAIL_INVITATION only). */
  invitationSequence: number;
  operation: 'NONE' | 'BOOKING' | 'RESCHEDULING' | 'CANCELLING';
  sequenceNumber: number;
  startAt: Date;
  endAt: Date;
  targetStartAt: Date | null;
  targetEndAt: Date | null;
  googleEventId: string | null;
  organizer: { email: string; timeZone: string; displayName: string };
  /** The organizer, as Google is asked: inside the organization's verified domains only. */
  actingAs: Impersonation;
  attendee: { email: string; timeZone: string; displayName: string };
  matching: { program: { name: string }; mentor: { displayName: string }; mentee: { displayName: string } };
}

/** The session the saga works on; undefined when there is none. */
export async function loadForSaga(deps: SchedulingDeps, sessionId: string): Promise<SagaSession | undefined> {
  const rows = await deps.prisma.$queryRaw<Array<Omit<SagaSession, 'actingAs'> & { verifiedDomains: string[] }>>`
    SELECT s.id, s."organizationId", s."calendarPath"::text AS "calendarPath", s."invitationSequence", s.operation::text AS operation, s."sequenceNumber", s."startAt", s."endAt", s."targetStartAt", s."targetEndAt", s."googleEventId",
           json_build_object('email', o.email, 'timeZone', o."timeZone", 'displayName', o."displayName") AS organizer,
           json_build_object('email', a.email, 'timeZone', a."timeZone", 'displayName', a."displayName") AS attendee,
           json_build_object(
             'program', json_build_object('name', p.name),
             'mentor', json_build_object('displayName', CASE WHEN m."mentorId" = o.id THEN o."displayName" ELSE a."displayName" END),
             'mentee', json_build_object('displayName', CASE WHEN m."mentorId" = o.id THEN a."displayName" ELSE o."displayName" END)
           ) AS matching,
           ARRAY(SELECT d.domain FROM "WorkspaceDomain" d WHERE d."organizationId" = s."organizationId" AND d."verifiedAt" IS NOT NULL) AS "verifiedDomains"
      FROM "MentoringSession" s
      JOIN "Person" o ON o."organizationId" = s."organizationId" AND o.id = s."organizerId"
      JOIN "Person" a ON a."organizationId" = s."organizationId" AND a.id = s."attendeeId"
      JOIN "Matching" m ON m."organizationId" = s."organizationId" AND m.id = s."matchingId"
      JOIN "Program" p ON p."organizationId" = s."organizationId" AND p.id = m."programId"
     WHERE s.id = ${sessionId}::uuid`;
  // The members are the organizer and the attendee; joining Person twice more made planning the costliest step.
  const row = rows[0];
  if (!row) return undefined;
  const { verifiedDomains, ...session } = row;
  return { ...session, actingAs: actAs(row.organizer.email, verifiedDomains) };
}

/**
 * The saga's last write: applies `data` only while the session is still in `operation`, and answers
 * the session as a view. When it no longer is (someone else, the reconciler or a retry, finished it
 * first), the session as they left it.
 */
export async function finishOperation(
  deps: SchedulingDeps,
  sessionId: string,
  operation: Exclude<SagaSession['operation'], 'NONE'>,
  data: Prisma.MentoringSessionUpdateInput,
): Promise<SessionView | undefined> {
  try {
    return await deps.prisma.mentoringSession.update({ where: { id: sessionId, operation }, data, include: sessionViewInclude });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2025') throw error;
    return readSessionView(deps, sessionId);
  }
}

/** Ends an operation that could not be done: the session is `status` now, nothing else changes. */
export async function abandonOperation(
  deps: SchedulingDeps,
  sessionId: string,
  operation: Exclude<SagaSession['operation'], 'NONE'>,
  data: Prisma.MentoringSessionUpdateManyMutationInput,
): Promise<void> {
  await deps.prisma.mentoringSession.updateMany({
    where: { id: sessionId, operation },
    data: { ...data, operation: 'NONE', operationStartedAt: null, version: { increment: 1 } },
  });
}

/**
 * The last write of an operation on an EMAIL_INVITATION session: applies `data` while the session is
 * still in `operation` and records both members' invitation mails in the same transaction (once per
 * session + sequence + recipient: a resumed operation records nothing new), then queues them. A crash
 * before the commit leaves the operation for the reconciler, which records the same mails; a crash
 * after it leaves mails the outbox's sweep sends. Answers the session as it is then.
 */
export async function finishWithInvitations(
  deps: SchedulingDeps,
  session: SagaSession,
  operation: Exclude<SagaSession['operation'], 'NONE'>,
  data: Prisma.MentoringSessionUpdateManyMutationInput,
  invitation: Pick<InvitationInput, 'method' | 'sequence' | 'start' | 'end'>,
): Promise<SessionView | undefined> {
  const outbox = deps.outbox;
  if (!outbox) throw new Error('Email invitations need SchedulingDeps.outbox (main.ts wires the mail outbox).');
  const now = deps.clock();
  const mails = invitationMails({ ...invitation, session, sender: outbox.sender, now });
  const refs = await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.mentoringSession.updateMany({ where: { id: session.id, operation }, data });
    return updated.count === 0 ? [] : recordMails(tx, mails, now);
  });
  // A refused enqueue loses nothing: mail.resend-undelivered sends recorded mails whose job was lost.
  await queueMails(outbox, refs, () => undefined);
  return readSessionView(deps, session.id);
}
