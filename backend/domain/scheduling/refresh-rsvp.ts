import type { MentoringSession } from '../../store/generated/prisma/client.js';
import { actAs, verifiedDomainsReader } from '../verified-domains.js';
import { DEFAULT_RSVP_TTL_MS, type SchedulingDeps } from './deps.js';
import { CANCELLED_IN_GOOGLE, eventMetadata } from './session-event.js';
import { isLive } from './session-state.js';

/** A session with what an RSVP refresh needs. */
export type RefreshableSession = MentoringSession & { organizer: { email: string }; attendee: { email: string } };

/**
 * Reads the match's RSVP (and a Meet link that was still pending) from the organizer's copy when the
 * cached one is older than the TTL; one events.get per stale session, failures keep the cache.
 * Returns the sessions as stored afterwards.
 */
export async function refreshRsvps<T extends RefreshableSession>(deps: SchedulingDeps, sessions: T[]): Promise<T[]> {
  const now = deps.clock();
  // Read only when some session is due for a refresh (most views have none).
  const verifiedDomains = verifiedDomainsReader(deps.prisma);
  const ttl = deps.rsvpTtlMs ?? DEFAULT_RSVP_TTL_MS;
  return Promise.all(
    sessions.map(async (session) => {
      const stale = !session.rsvpCheckedAt || now.getTime() - session.rsvpCheckedAt.getTime() >= ttl;
      if (!stale || !isLive(session) || !session.googleEventId || session.endAt.getTime() < now.getTime()) return session;
      try {
        const event = await deps.calendar.getEvent(
          actAs(session.organizer.email, await verifiedDomains(session.organizationId)),
          session.googleEventId,
        );
        // Not the etag: it marks the version of the event the session's times follow, and this read
        // applies no move. Storing it would make calendar sync take a move made meanwhile for one
        // already applied (equal etag) and never apply it.
        const { googleEtag: _notApplied, ...rsvp } = eventMetadata(session, event, now);
        const data =
          event.status === 'cancelled' ? { status: 'CANCELLED' as const, cancelReason: CANCELLED_IN_GOOGLE, rsvpCheckedAt: now } : rsvp;
        const changed =
          data.status !== session.status ||
          ('attendeeResponseStatus' in data && data.attendeeResponseStatus !== session.attendeeResponseStatus) ||
          ('meetLink' in data && data.meetLink !== session.meetLink);
        const updated = await deps.prisma.mentoringSession.updateMany({
          where: { id: session.id, version: session.version, operation: 'NONE' },
          data: { ...data, ...(changed ? { version: { increment: 1 } } : {}) },
        });
        if (updated.count === 0) return session;
        const fresh = await deps.prisma.mentoringSession.findUnique({ where: { id: session.id } });
        return fresh ? { ...session, ...fresh } : session;
      } catch {
        return session;
      }
    }),
  );
}
