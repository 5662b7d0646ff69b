// Together admins acting for a user through the admin API: the same use cases as the add-on's, for
// any session or matching of the admin token's organization, each change written to the audit log.
import { writeAuditEntry } from '../audit.js';
import type { Actor } from '../deps.js';
import { AppError } from '../errors.js';
import { requireUuid, type UserPrincipal } from './access.js';
import { bookSession } from './book-session.js';
import { cancelSession } from './cancel-session.js';
import type { SchedulingDeps } from './deps.js';
import { rescheduleSession } from './reschedule-session.js';
import { sessionViewInclude, type SessionView } from './session-view.js';

/** The admin API answers 404 for anything outside the organization, like its other routes. */
async function asAdmin<T>(run: () => Promise<T>, what: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') throw new AppError('not_found', `No such ${what}.`);
    throw error;
  }
}

/** A session of the organization, for the admin API. */
export async function getSessionForAdmin(deps: SchedulingDeps, input: { organizationId: string; sessionId: string }): Promise<SessionView> {
  const session = await asAdmin(
    async () =>
      deps.prisma.mentoringSession.findFirst({
        where: { id: requireUuid(input.sessionId), organizationId: input.organizationId },
        include: sessionViewInclude,
      }),
    'session',
  );
  if (!session) throw new AppError('not_found', 'No such session.');
  return session;
}

/** Books a session of a matching on behalf of one of its members (the booker becomes the organizer). */
export async function bookSessionForUser(
  deps: SchedulingDeps,
  input: { organizationId: string; actor: Actor; matchingId: string; bookerId: string; start: Date; durationMinutes: number },
): Promise<SessionView> {
  const booker = await deps.prisma.person.findFirst({
    where: { id: requireUuidOr404(input.bookerId), organizationId: input.organizationId },
  });
  if (!booker) throw new AppError('not_found', 'No such person.');
  const viewer: UserPrincipal = {
    organizationId: input.organizationId,
    personId: booker.id,
    email: booker.email,
    timeZone: booker.timeZone,
  };
  const session = await asAdmin(
    () =>
      bookSession(deps, {
        viewer,
        matchingId: input.matchingId,
        start: input.start,
        durationMinutes: input.durationMinutes,
        freshRsvp: false,
      }),
    'matching of this person',
  );
  await audit(deps, input, 'session.book', session.id, {
    bookerId: booker.id,
    start: input.start.toISOString(),
    durationMinutes: input.durationMinutes,
  });
  return session;
}

/** Moves a session for its members. */
export async function rescheduleSessionForUser(
  deps: SchedulingDeps,
  input: { organizationId: string; actor: Actor; sessionId: string; version: number; start: Date; durationMinutes?: number },
): Promise<SessionView> {
  const viewer = { organizationId: input.organizationId, personId: null };
  const session = await asAdmin(
    () =>
      rescheduleSession(deps, {
        viewer,
        sessionId: input.sessionId,
        version: input.version,
        start: input.start,
        ...(input.durationMinutes ? { durationMinutes: input.durationMinutes } : {}),
        freshRsvp: false,
      }),
    'session',
  );
  await audit(deps, input, 'session.reschedule', input.sessionId, { start: input.start.toISOString() });
  return session;
}

/** Cancels a session for its members. */
export async function cancelSessionForUser(
  deps: SchedulingDeps,
  input: { organizationId: string; actor: Actor; sessionId: string; version: number; reason?: string },
): Promise<SessionView> {
  const viewer = { organizationId: input.organizationId, personId: null };
  const session = await asAdmin(
    () =>
      cancelSession(deps, {
        viewer,
        sessionId: input.sessionId,
        version: input.version,
        ...(input.reason ? { reason: input.reason } : {}),
        freshRsvp: false,
      }),
    'session',
  );
  await audit(deps, input, 'session.cancel', input.sessionId, {});
  return session;
}

function requireUuidOr404(id: string): string {
  try {
    return requireUuid(id);
  } catch {
    throw new AppError('not_found', 'No such person.');
  }
}

async function audit(
  deps: SchedulingDeps,
  input: { organizationId: string; actor: Actor },
  action: string,
  sessionId: string,
  details: Record<string, string | number>,
): Promise<void> {
  await deps.prisma.$transaction(async (tx) =>
    writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action,
      target: { type: 'session', id: sessionId },
      details,
      at: deps.clock(),
    }),
  );
}
