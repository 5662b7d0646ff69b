import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { isUuid } from '../uuid.js';

/** Who is signed in to the user API: one person of one organization. */
export interface UserPrincipal {
  organizationId: string;
  personId: string;
  email: string;
  /** The person's IANA zone in Together: where their times are shown unless they ask otherwise. */
  timeZone: string;
}

/** Who acts on a session: a signed-in member, or (personId null) a Together admin of the organization. */
export interface SessionViewer {
  organizationId: string;
  personId: string | null;
}

const FORBIDDEN = 'You are not part of this matching or session, or it does not exist.';

/** The same answer whether the thing exists or not, so nobody learns about others' matchings. */
export const forbidden = (): AppError => new AppError('forbidden', FORBIDDEN);

/** A session the viewer is part of (organizer or attendee; any of the organization for an admin), the row alone; 403 otherwise. */
export async function loadViewerSession(deps: DomainDeps, viewer: SessionViewer, sessionId: string) {
  const member = viewer.personId === null ? {} : { OR: [{ organizerId: viewer.personId }, { attendeeId: viewer.personId }] };
  const session = await deps.prisma.mentoringSession.findFirst({
    where: { id: sessionId, organizationId: viewer.organizationId, ...member },
  });
  if (!session) throw forbidden();
  return session;
}

/** A session as loaded by loadViewerSession. */
export type ViewerSession = Awaited<ReturnType<typeof loadViewerSession>>;

/** Ids in paths that are not UUIDs cannot exist: answer them like any other foreign id. */
export function requireUuid(id: string): string {
  if (!isUuid(id)) throw forbidden();
  return id.toLowerCase();
}
