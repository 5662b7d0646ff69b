import type { Prisma } from '../../store/generated/prisma/client.js';
import type { DomainDeps } from '../deps.js';

/** What a session view includes: the matching with program and both members. */
export const sessionViewInclude = {
  organizer: true,
  attendee: true,
  // The members are the organizer and the attendee: no need to load them twice.
  matching: { include: { program: true } },
} as const satisfies Prisma.MentoringSessionInclude;

/** A session as the user API shows it. */
export type SessionView = Prisma.MentoringSessionGetPayload<{ include: typeof sessionViewInclude }>;

/** A session by id as a view (the caller has checked access), or undefined when there is none. */
export async function readSessionView(deps: DomainDeps, sessionId: string): Promise<SessionView | undefined> {
  return (await deps.prisma.mentoringSession.findUnique({ where: { id: sessionId }, include: sessionViewInclude })) ?? undefined;
}
