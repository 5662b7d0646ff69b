import { DateTime } from 'luxon';
import { isNotConnected } from '../../google/errors.js';
import { isConnected, workingHoursOf, type AvailabilityMember } from '../scheduling/availability.js';
import { findConflict, type Interval } from '../scheduling/slots.js';
import { actAs, verifiedDomainsOf } from '../verified-domains.js';
import type { SyncDeps } from './deps.js';

/** The member who did not move the event, as the re-check needs them. */
export interface OtherMember extends AvailabilityMember {
  displayName: string;
}

/**
 * Why the other member cannot make a session moved in Google Calendar, as a sentence, or null when
 * they can: outside their working hours, another Together session, or busy in their own calendar.
 * Their calendar is read event by event (not free/busy) so the moved event itself can be left out;
 * nothing read here is stored. A calendar Google will not show us is not held against the move.
 */
export async function findMoveConflict(
  deps: SyncDeps,
  input: { organizationId: string; sessionId: string; eventId: string; other: OtherMember; bufferMinutes: number; start: Date; end: Date },
): Promise<string | null> {
  const { other } = input;
  const buffer = input.bufferMinutes * 60_000;
  const window = { timeMin: new Date(input.start.getTime() - buffer), timeMax: new Date(input.end.getTime() + buffer) };
  const busy: Interval[] = [];
  const together = await deps.prisma.mentoringSession.findMany({
    where: {
      organizationId: input.organizationId,
      id: { not: input.sessionId },
      status: { in: ['PENDING', 'CONFIRMED'] },
      OR: [{ organizerId: other.id }, { attendeeId: other.id }],
      startAt: { lt: window.timeMax },
      endAt: { gt: window.timeMin },
    },
    select: { startAt: true, endAt: true },
  });
  busy.push(...together.map((s) => ({ start: s.startAt.getTime(), end: s.endAt.getTime() })));
  const verifiedDomains = await verifiedDomainsOf(deps.prisma, input.organizationId);
  if (isConnected(other, verifiedDomains)) {
    try {
      const events = await deps.calendar.busyEvents(actAs(other.email, verifiedDomains), window);
      busy.push(...events.filter((e) => e.id !== input.eventId).map((e) => ({ start: e.start.getTime(), end: e.end.getTime() })));
    } catch (error) {
      if (!isNotConnected(error)) throw error;
    }
  }
  const slot = { start: input.start.getTime(), end: input.end.getTime() };
  const conflict = findConflict(
    {
      range: slot,
      // A move the organizer made is not "too soon" for anyone: only the other member's time matters.
      now: 0,
      minimumNoticeMinutes: 0,
      durationMinutes: (slot.end - slot.start) / 60_000,
      bufferMinutes: input.bufferMinutes,
      members: [{ timeZone: other.timeZone, workingHours: workingHoursOf(other) }],
      busy,
      viewerTimeZone: other.timeZone,
    },
    slot,
  );
  if (!conflict) return null;
  const when = (at: number) => DateTime.fromMillis(at, { zone: other.timeZone }).toFormat('ccc d LLL HH:mm');
  const span = `${when(conflict.interval.start)}–${DateTime.fromMillis(conflict.interval.end, { zone: other.timeZone }).toFormat('HH:mm')} (${other.timeZone})`;
  return conflict.kind === 'outside_working_hours'
    ? `Moved in Google Calendar to a time outside ${other.displayName}'s working hours (${span}).`
    : `Moved in Google Calendar to a time that conflicts with ${other.displayName}'s calendar (busy ${span}).`;
}
