import { randomUUID } from 'node:crypto';
import type { Tx } from '../deps.js';
import { AppError } from '../errors.js';
import { requireUuid, type UserPrincipal } from './access.js';
import { loadPair } from './load-pair.js';
import { isConnected, pairAvailability, workingHoursOf, type ExcludedSession } from './availability.js';
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
 * Books a session in the viewer's calendar with the match invited and a Meet link: availability is
 * checked again first (a conflict is a 409 with the interval, nothing written), then the saga runs:
 * PENDING row (claimed under both members' locks: see claimSlot) → Google insert with the
 * deterministic id → CONFIRMED. Answers the session booked.
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
  if (!isConnected(viewerPerson, verifiedDomains)) {
    throw new AppError(
      'calendar_not_connected',
      'Your Google Calendar is not connected to Together; ask your Together admin to check the integration.',
    );
  }
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
      organizerId: viewerPerson.id,
      attendeeId: matchPerson.id,
      startAt: new Date(slot.start),
      endAt: new Date(slot.end),
      googleCalendarId: viewerPerson.email,
      googleEventId: eventIdFor(sessionId),
      now,
    }),
  );
  await deps.onSagaStep?.('booking.pending', sessionId);
  const booked = await completeBooking(deps, sessionId);
  await deps.onSessionBooked?.({ organizationId: input.viewer.organizationId, organizerId: viewerPerson.id, attendeeId: matchPerson.id });
  return answerWith(deps, booked, input.freshRsvp);
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
    startAt: Date;
    endAt: Date;
    googleCalendarId: string;
    googleEventId: string;
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
