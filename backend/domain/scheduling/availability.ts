import { NOT_CONNECTED_KINDS } from '../../google/errors.js';
import type { WorkingHours } from '../values.js';
import { isNotConnected, toAppError } from './google-call.js';
import { callGoogle } from './google-call.js';
import type { Tx } from '../deps.js';
import { actAs, inVerifiedDomain } from '../verified-domains.js';
import type { SchedulingDeps } from './deps.js';
import { mergeIntervals, subtractIntervals, type Interval } from './slots.js';

/** Statuses of PersonCalendarAccess that mean Together cannot use the person's calendar. */
const DISCONNECTED = new Set(['NOT_INSTALLED', 'NOT_IN_WORKSPACE', 'SUSPENDED_OR_DELETED']);

/** A member as availability needs them. */
export interface AvailabilityMember {
  id: string;
  email: string;
  timeZone: string;
  workingHours: unknown;
  calendarAccess: { status: string } | null;
}

/**
 * Whether Together may try the person's calendar: their domain is one of the organization's verified
 * ones, and the last check did not find them disconnected (unknown counts as yes; Google has the last word).
 */
export const isConnected = (person: AvailabilityMember, verifiedDomains: readonly string[]): boolean =>
  inVerifiedDomain(person.email, verifiedDomains) && !DISCONNECTED.has(person.calendarAccess?.status ?? 'UNKNOWN');

/** Working hours as stored (validated on write). */
export const workingHoursOf = (person: AvailabilityMember): WorkingHours => (person.workingHours ?? {}) as WorkingHours;

/** Busy time of a pair and whose calendars were really checked. */
export interface PairAvailability {
  busy: Interval[];
  checked: { asker: boolean; match: boolean };
}

/**
 * Busy time of `asker` (whose credentials are used) and `match` inside `range`: one free/busy call
 * for both when the domain shows the match's free/busy to the asker, else a second one as the match;
 * plus both members' Together sessions. `exclude` (a session being rescheduled) is not busy.
 */
export async function pairAvailability(
  deps: SchedulingDeps,
  input: {
    organizationId: string;
    verifiedDomains: readonly string[];
    asker: AvailabilityMember;
    match: AvailabilityMember;
    range: Interval;
    exclude?: { id: string; start: number; end: number };
  },
): Promise<PairAvailability> {
  const { asker, match, range, verifiedDomains } = input;
  const timeMin = new Date(range.start);
  const timeMax = new Date(range.end);
  // Together's own sessions are read while Google answers: the request then costs one round trip.
  const ownSessions = togetherSessions(deps.prisma, { organizationId: input.organizationId, personIds: [asker.id, match.id], ...(input.exclude ? { exclude: input.exclude } : {}) }, timeMin, timeMax);
  ownSessions.catch(() => undefined);
  const google: Interval[] = [];
  const checked = { asker: false, match: false };
  const take = (blocks: { start: Date; end: Date }[]) => google.push(...blocks.map((b) => ({ start: b.start.getTime(), end: b.end.getTime() })));

  if (isConnected(asker, verifiedDomains)) {
    try {
      const answer = await callGoogle(deps, () => deps.calendar.freeBusy(actAs(asker.email, verifiedDomains), { timeMin, timeMax, calendars: [asker.email, match.email] }), NOT_CONNECTED_KINDS);
      const own = answer[asker.email];
      if (own && !own.error) {
        take(own.busy);
        checked.asker = true;
      }
      const theirs = answer[match.email];
      if (theirs && !theirs.error) {
        take(theirs.busy);
        checked.match = true;
      }
    } catch (error) {
      if (!isNotConnected(error)) throw toAppError(error);
    }
  }
  if (!checked.match && isConnected(match, verifiedDomains)) {
    try {
      const answer = await callGoogle(deps, () => deps.calendar.freeBusy(actAs(match.email, verifiedDomains), { timeMin, timeMax, calendars: [match.email] }), NOT_CONNECTED_KINDS);
      const theirs = answer[match.email];
      if (theirs && !theirs.error) {
        take(theirs.busy);
        checked.match = true;
      }
    } catch (error) {
      if (!isNotConnected(error)) throw toAppError(error);
    }
  }

  const sessions = await ownSessions;
  const together = sessions.flatMap(blockedBy);
  // The event being moved shows as busy in Google; its own time is free for the move.
  const googleBusy = input.exclude ? subtractIntervals(mergeIntervals(google), [{ start: input.exclude.start, end: input.exclude.end }]) : google;
  return { busy: mergeIntervals([...googleBusy, ...together]), checked };
}

/** A session's time as it blocks its members: its slot, and the target of a move in progress. */
export interface BlockingSession {
  startAt: Date;
  endAt: Date;
  targetStartAt: Date | null;
  targetEndAt: Date | null;
}

/** Sessions of either member that block time, in one SQL round trip (this runs on every slot search). */
export async function togetherSessions(
  db: Pick<Tx, '$queryRaw'>,
  input: { organizationId: string; personIds: readonly string[]; exclude?: { id: string } },
  timeMin: Date,
  timeMax: Date,
): Promise<BlockingSession[]> {
  const [first, second = first] = input.personIds;
  const excludeId = input.exclude?.id ?? null;
  return db.$queryRaw`
    SELECT "startAt", "endAt", "targetStartAt", "targetEndAt" FROM "MentoringSession"
     WHERE "organizationId" = ${input.organizationId}::uuid
       AND status::text IN ('PENDING', 'CONFIRMED')
       AND ("startAt" < ${timeMax} OR "targetStartAt" < ${timeMax})
       AND ("endAt" > ${timeMin} OR "targetEndAt" > ${timeMin})
       AND ("organizerId" IN (${first}::uuid, ${second}::uuid) OR "attendeeId" IN (${first}::uuid, ${second}::uuid))
       AND (${excludeId}::uuid IS NULL OR id <> ${excludeId}::uuid)`;
}

/** The intervals a session blocks. */
export const blockedBy = (session: BlockingSession): Interval[] => [
  { start: session.startAt.getTime(), end: session.endAt.getTime() },
  ...(session.targetStartAt && session.targetEndAt ? [{ start: session.targetStartAt.getTime(), end: session.targetEndAt.getTime() }] : []),
];
