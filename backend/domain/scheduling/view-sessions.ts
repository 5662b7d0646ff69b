import { forbidden, requireUuid, type UserPrincipal } from './access.js';
import type { SchedulingDeps } from './deps.js';
import { refreshRsvps } from './refresh-rsvp.js';
import { sessionViewInclude, type SessionView } from './session-view.js';

/**
 * The session a write use case answers with: RSVP fresh like getSession's, unless the caller shows
 * sessions as stored (`freshRsvp: false`, the admin API). 403 when there is none.
 */
export async function answerWith(deps: SchedulingDeps, session: SessionView | undefined, freshRsvp = true): Promise<SessionView> {
  if (!session) throw forbidden();
  if (!freshRsvp) return session;
  const [fresh] = await refreshRsvps(deps, [session]);
  return fresh!;
}

/** The signed-in person's coming sessions (booked, pending or declined), soonest first, RSVPs fresh. */
export async function listUpcomingSessions(deps: SchedulingDeps, input: { viewer: UserPrincipal; limit: number }): Promise<SessionView[]> {
  const sessions = await deps.prisma.mentoringSession.findMany({
    where: {
      organizationId: input.viewer.organizationId,
      OR: [{ organizerId: input.viewer.personId }, { attendeeId: input.viewer.personId }],
      status: { in: ['PENDING', 'CONFIRMED', 'DECLINED'] },
      endAt: { gt: deps.clock() },
    },
    orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
    take: input.limit,
    include: sessionViewInclude,
  });
  return refreshRsvps(deps, sessions);
}

/** One session of the viewer, RSVP fresh; 403 when it is not theirs or does not exist. */
export async function getSession(deps: SchedulingDeps, input: { viewer: UserPrincipal; sessionId: string }): Promise<SessionView> {
  const session = await deps.prisma.mentoringSession.findFirst({
    where: {
      id: requireUuid(input.sessionId),
      organizationId: input.viewer.organizationId,
      OR: [{ organizerId: input.viewer.personId }, { attendeeId: input.viewer.personId }],
    },
    include: sessionViewInclude,
  });
  if (!session) throw forbidden();
  const [fresh] = await refreshRsvps(deps, [session]);
  return fresh!;
}

/**
 * The Together session behind a calendar event the viewer opened, from their own copy (their calendar)
 * or the organizer's. Null for any other event, including sessions of other people.
 */
export async function getSessionByEvent(
  deps: SchedulingDeps,
  input: { viewer: UserPrincipal; calendarId: string; eventId: string },
): Promise<SessionView | null> {
  const calendarId = input.calendarId.toLowerCase();
  const viewerCalendar = calendarId === 'primary' || calendarId === input.viewer.email;
  const session = await deps.prisma.mentoringSession.findFirst({
    where: {
      organizationId: input.viewer.organizationId,
      googleEventId: input.eventId,
      OR: [{ organizerId: input.viewer.personId }, { attendeeId: input.viewer.personId }],
      ...(viewerCalendar ? {} : { googleCalendarId: calendarId }),
    },
    include: sessionViewInclude,
  });
  if (!session) return null;
  const [fresh] = await refreshRsvps(deps, [session]);
  return fresh!;
}
