import { randomUUID } from 'node:crypto';
import type { Tx } from '../deps.js';
import { AppError } from '../errors.js';
import { requireUuid, type UserPrincipal } from './access.js';
import { loadPair } from './load-pair.js';
import { isConnected, pairAvailability, workingHoursOf, type AvailabilityMember, type ExcludedSession } from './availability.js';
import type { CalendarPath } from '../../store/generated/prisma/client.js';
import type { SchedulingDeps } from './deps.js';
import { claimSlot } from './claim-slot.js';
import { completeBooking } from './complete-booking.js';
import { eventIdFor } from './session-event.js';
import type { SessionView } from './session-view.js';
import { findConflict } from './slots.js';
import { checkDuration, checkOnGrid, checkSessionTime } from './time-range.js';
import { answerWith } from './view-sessions.js';

/** A booking request: the viewer books a session of their matching with the match at `start`. */
export interface BookSessionInput {
  viewer: UserPrincipal;
  matchingId: string;
  start: Date;
  durationMinutes: number;
  /** False for the admin API, which shows sessions as stored (no RSVP read from Google). */
  freshRsvp?: boolean;
}

/**
 * Books a session: availability is checked again first (a conflict is a 409 with the interval,
 * nothing written), then the saga runs: PENDING row (claimed under both members' locks: see
 * claimSlot) → the session reaches the members → CONFIRMED. How it reaches them depends on who is
 * connected (chooseCalendarPath): an event with a Meet link in the viewer's calendar with the match
 * invited, or in the match's with the viewer invited, both by Google insert with the deterministic
 * id; or, neither connected, Together's email invitation to both. Answers the session booked.
 */
export async function bookSession(deps: SchedulingDeps, input: BookSessionInput): Promise<SessionView> {
  const { matching, program, viewerPerson, matchPerson, verifiedDomains } = await loadPair(
    deps,
    input.viewer,
    requireUuid(input.matchingId),
  );
  if (matching.status !== 'ACTIVE')
    throw new AppError('session_not_modifiable', 'This matching is not active, so no sessions can be booked.');
  checkDuration(input.durationMinutes, program.sessionDurations);
  const now = deps.clock();
  checkSessionTime(now, input.start);
  checkOnGrid(input.start);
  const calendarPath = chooseCalendarPath(deps, viewerPerson, matchPerson, verifiedDomains);
  // The event lives in the organizer's calendar: the booker's when they are connected, else the match's.
  const [organizer, attendee] = calendarPath === 'MATCH_CALENDAR' ? [matchPerson, viewerPerson] : [viewerPerson, matchPerson];
  const slot = { start: input.start.getTime(), end: input.start.getTime() + input.durationMinutes * 60_000 };
  await assertBookable(deps, {
    organizationId: input.viewer.organizationId,
    verifiedDomains,
    program,
    asker: viewerPerson,
    match: matchPerson,
    slot,
    now: now.getTime(),
  });

  const sessionId = randomUUID();
  const claim = {
    organizationId: input.viewer.organizationId,
    personIds: [viewerPerson.id, matchPerson.id] as const,
    slot,
    bufferMinutes: program.bufferMinutes,
  };
  await claimSlot(deps, claim, (tx) =>
    createPendingSession(tx, {
      id: sessionId,
      organizationId: input.viewer.organizationId,
      matchingId: matching.id,
      organizerId: organizer.id,
      attendeeId: attendee.id,
      calendarPath,
      startAt: new Date(slot.start),
      endAt: new Date(slot.end),
      googleCalendarId: calendarPath === 'EMAIL_INVITATION' ? null : organizer.email,
      googleEventId: calendarPath === 'EMAIL_INVITATION' ? null : eventIdFor(sessionId),
      now,
    }),
  );
  await deps.onSagaStep?.('booking.pending', sessionId);
  const booked = await completeBooking(deps, sessionId);
  if (calendarPath !== 'EMAIL_INVITATION')
    await deps.onSessionBooked?.({ organizationId: input.viewer.organizationId, organizerId: organizer.id, attendeeId: attendee.id });
  return answerWith(deps, booked, input.freshRsvp);
}

/**
 * Whose calendar a new session goes into. Together's documented behaviour: a connected person's
 * calendar holds the event (with a Meet link), the other is invited by Google; without any
 * connected calendar the invitation arrives by email, and the booker is not its organizer.
 */
function chooseCalendarPath(
  deps: SchedulingDeps,
  viewer: AvailabilityMember,
  match: AvailabilityMember,
  verifiedDomains: readonly string[],
): CalendarPath {
  if (isConnected(viewer, verifiedDomains)) return 'BOOKER_CALENDAR';
  if (isConnected(match, verifiedDomains)) return 'MATCH_CALENDAR';
  if (deps.outbox) return 'EMAIL_INVITATION';
  throw new AppError(
    'calendar_not_connected',
    "Neither your Google Calendar nor your match's is connected to Together; ask your Together admin to check the integration.",
  );
}

const HOUR = 3_600_000;
/**
 * How far around the slot busy time is read: first far enough to hold a whole all-day event (25 h on a
 * DST day), then, when the conflicting block reaches that edge (a longer absence), once more much wider,
 * so the conflict reported is the real busy block, not the part of it the look-up window showed.
 */
const CONFLICT_REACH = [26 * HOUR, 44 * 24 * HOUR];

/** Throws `slot_unavailable` with the conflicting interval when the slot is not free for both. */
export async function assertBookable(
  deps: SchedulingDeps,
  input: {
    organizationId: string;
    verifiedDomains: readonly string[];
    program: { bufferMinutes: number; minimumNoticeMinutes: number };
    asker: Parameters<typeof pairAvailability>[1]['asker'];
    match: Parameters<typeof pairAvailability>[1]['match'];
    slot: { start: number; end: number };
    now: number;
    exclude?: ExcludedSession;
  },
): Promise<void> {
  for (const reach of CONFLICT_REACH) {
    const pad = input.program.bufferMinutes * 60_000 + reach;
    const window = { start: input.slot.start - pad, end: input.slot.end + pad };
    const availability = await pairAvailability(deps, {
      organizationId: input.organizationId,
      verifiedDomains: input.verifiedDomains,
      asker: input.asker,
      match: input.match,
      range: window,
      ...(input.exclude ? { exclude: input.exclude } : {}),
    });
    const conflict = findConflict(
      {
        range: input.slot,
        now: input.now,
        durationMinutes: (input.slot.end - input.slot.start) / 60_000,
        bufferMinutes: input.program.bufferMinutes,
        minimumNoticeMinutes: input.program.minimumNoticeMinutes,
        members: [input.asker, input.match].map((p) => ({ timeZone: p.timeZone, workingHours: workingHoursOf(p) })),
        busy: availability.busy,
        viewerTimeZone: input.asker.timeZone,
      },
      input.slot,
    );
    if (!conflict) return;
    const clipped = conflict.kind === 'busy' && (conflict.interval.start <= window.start || conflict.interval.end >= window.end);
    if (!clipped || reach === CONFLICT_REACH.at(-1)) {
      const messages = {
        busy: 'That time is no longer free.',
        outside_working_hours: 'That time is outside working hours.',
        too_soon: 'That time is too soon: the program asks for more notice.',
      };
      throw new AppError('slot_unavailable', messages[conflict.kind], {
        reason: conflict.kind,
        conflict: { start: new Date(conflict.interval.start).toISOString(), end: new Date(conflict.interval.end).toISOString() },
      });
    }
  }
}

/** Inserts the PENDING row with the next sequence number (the claim's locks on both members keep it unique). */
async function createPendingSession(
  tx: Tx,
  row: {
    id: string;
    organizationId: string;
    matchingId: string;
    organizerId: string;
    attendeeId: string;
    calendarPath: CalendarPath;
    startAt: Date;
    endAt: Date;
    googleCalendarId: string | null;
    googleEventId: string | null;
    now: Date;
  },
): Promise<void> {
  const { now, ...data } = row;
  const last = await tx.mentoringSession.aggregate({
    where: { organizationId: row.organizationId, matchingId: row.matchingId },
    _max: { sequenceNumber: true },
  });
  await tx.mentoringSession.create({
    data: {
      ...data,
      sequenceNumber: (last._max.sequenceNumber ?? 0) + 1,
      status: 'PENDING',
      operation: 'BOOKING',
      operationStartedAt: now,
    },
  });
}
