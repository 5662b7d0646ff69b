import { canonicalTimeZone } from '../values.js';
import { loadViewerSession, requireUuid, type UserPrincipal } from './access.js';
import { loadPair } from './load-pair.js';
import { excludedSession, pairAvailability, workingHoursOf, type AvailabilityMember, type ExcludedSession } from './availability.js';
import type { SchedulingDeps } from './deps.js';
import { rankSlots, type Interval } from './slots.js';
import { checkDuration, defaultDuration, slotRange } from './time-range.js';

/** Ranked free slots of a pair, and how much of it Google confirmed. */
export interface FreeSlots {
  slots: Interval[];
  /** The zone the slots are meant to be shown in: the viewer's. */
  timeZone: string;
  durationMinutes: number;
  /** Whose calendars were checked; false means only working hours and Together sessions were used. */
  checked: { viewer: boolean; match: boolean };
  range: Interval;
}

/** Input of a slot search; `from`/`to` default to the next 14 days, `timeZone` to the viewer's. */
export interface FindSlotsInput {
  viewer: UserPrincipal;
  /** Absent: the program's first offered length. */
  durationMinutes?: number;
  from?: Date;
  to?: Date;
  timeZone?: string;
}

/** Free slots for booking a new session of a matching the viewer belongs to. */
export async function findFreeSlots(deps: SchedulingDeps, input: FindSlotsInput & { matchingId: string }): Promise<FreeSlots> {
  return computeSlots(deps, input, await loadPair(deps, input.viewer, requireUuid(input.matchingId)));
}

/** Free slots for moving a session the viewer belongs to (its own time counts as free). */
export async function findRescheduleSlots(deps: SchedulingDeps, input: FindSlotsInput & { sessionId: string }): Promise<FreeSlots> {
  const session = await loadViewerSession(deps, input.viewer, requireUuid(input.sessionId));
  const pair = await loadPair(deps, input.viewer, session.matchingId);
  return computeSlots(deps, input, { ...pair, exclude: excludedSession(session) });
}

async function computeSlots(
  deps: SchedulingDeps,
  input: FindSlotsInput,
  pair: {
    program: { sessionDurations: number[]; bufferMinutes: number; minimumNoticeMinutes: number };
    viewerPerson: AvailabilityMember;
    matchPerson: AvailabilityMember;
    verifiedDomains: readonly string[];
    exclude?: ExcludedSession;
  },
): Promise<FreeSlots> {
  const durationMinutes = input.durationMinutes ?? defaultDuration(pair.program.sessionDurations);
  checkDuration(durationMinutes, pair.program.sessionDurations);
  const now = deps.clock();
  const range = slotRange(now, input.from, input.to);
  const buffer = pair.program.bufferMinutes * 60_000;
  const availability = await pairAvailability(deps, {
    organizationId: input.viewer.organizationId,
    verifiedDomains: pair.verifiedDomains,
    asker: pair.viewerPerson,
    match: pair.matchPerson,
    range: { start: range.start - buffer, end: range.end + buffer },
    ...(pair.exclude ? { exclude: pair.exclude } : {}),
  });
  const timeZone = (input.timeZone && canonicalTimeZone(input.timeZone)) || pair.viewerPerson.timeZone;
  const slots = rankSlots({
    range,
    now: now.getTime(),
    durationMinutes,
    bufferMinutes: pair.program.bufferMinutes,
    minimumNoticeMinutes: pair.program.minimumNoticeMinutes,
    members: [pair.viewerPerson, pair.matchPerson].map((p) => ({ timeZone: p.timeZone, workingHours: workingHoursOf(p) })),
    busy: availability.busy,
    viewerTimeZone: timeZone,
    // Moving a session to where it already is, at its length, would not move it.
    notAt: pair.exclude && pair.exclude.end - pair.exclude.start === durationMinutes * 60_000 ? pair.exclude.start : undefined,
  });
  return { slots, timeZone, durationMinutes, checked: { viewer: availability.checked.asker, match: availability.checked.match }, range };
}
