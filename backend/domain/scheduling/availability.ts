import { NOT_CONNECTED_KINDS } from '../../google/errors.js';
import { DISCONNECTED_STATUSES } from '../integration/access-classification.js';
import type { WorkingHours } from '../values.js';
import { callGoogle, ExpectedFailure } from './google-call.js';
import type { Tx } from '../deps.js';
import { actAs, inVerifiedDomain } from '../verified-domains.js';
import type { SchedulingDeps } from './deps.js';
import { mergeIntervals, type Interval } from './slots.js';

/** Statuses of PersonCalendarAccess that mean Together cannot use the person's calendar. */
const DISCONNECTED: ReadonlySet<string> = new Set(DISCONNECTED_STATUSES);

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

/** A session being moved: its row and its Google event (the same id in both members' calendars) are not busy. */
export interface ExcludedSession {
  id: string;
  start: number;
  end: number;
  /** Null only for a row with no event (never for a booked session). */
  eventId: string | null;
}

/** A session row as the exclusion of a move. */
export const excludedSession = (session: { id: string; startAt: Date; endAt: Date; googleEventId: string | null }): ExcludedSession => ({
  id: session.id,
  start: session.startAt.getTime(),
  end: session.endAt.getTime(),
  eventId: session.googleEventId,
});

/** Google's longest free/busy query (longer ones fail with `timeRangeTooLong`). */
const FREEBUSY_MAX_MS = 90 * 86_400_000;

/**
 * Busy time of `asker` (whose credentials are used) and `match` inside `range`: free/busy for both in
 * one call (one per 90 days of range) when the domain shows the match's free/busy to the asker, else
 * again as the match; plus both members' Together sessions. With `exclude` (a session being moved),
 * the free/busy blocks that touch the session's own time are read again event by event
 * (`exactWithout`), so that only the session's own event is dropped, never a meeting that overlaps it.
 */
export async function pairAvailability(
  deps: SchedulingDeps,
  input: {
    organizationId: string;
    verifiedDomains: readonly string[];
    asker: AvailabilityMember;
    match: AvailabilityMember;
    range: Interval;
    exclude?: ExcludedSession;
  },
): Promise<PairAvailability> {
  const { asker, match, range, verifiedDomains } = input;
  // Together's own sessions are read while Google answers: the request then costs one round trip.
  const ownSessions = togetherSessions(
    deps.prisma,
    { organizationId: input.organizationId, personIds: [asker.id, match.id], ...(input.exclude ? { exclude: input.exclude } : {}) },
    new Date(range.start),
    new Date(range.end),
  );
  ownSessions.catch(() => undefined);
  const busyOf = new Map<AvailabilityMember, Interval[]>();

  if (isConnected(asker, verifiedDomains)) {
    const answer = await freeBusy(deps, asker.email, verifiedDomains, range, [asker.email, match.email]);
    for (const [member, entry] of [
      [asker, answer?.[0]],
      [match, answer?.[1]],
    ] as const)
      if (entry) busyOf.set(member, entry);
  }
  if (!busyOf.has(match) && isConnected(match, verifiedDomains)) {
    const entry = (await freeBusy(deps, match.email, verifiedDomains, range, [match.email]))?.[0];
    if (entry) busyOf.set(match, entry);
  }
  const exclude = input.exclude;
  if (exclude) {
    // Both members' calendars are read at once: the move's check costs one more round trip, not two.
    const exact = await Promise.all(
      [...busyOf].map(async ([member, blocks]) => [member, await exactWithout(deps, member, verifiedDomains, blocks, exclude)] as const),
    );
    for (const [member, blocks] of exact) busyOf.set(member, blocks);
  }

  const sessions = await ownSessions;
  return {
    busy: mergeIntervals([...[...busyOf.values()].flat(), ...sessions.flatMap(blockedBy)]),
    checked: { asker: busyOf.has(asker), match: busyOf.has(match) },
  };
}

/**
 * Free/busy of `calendars` as `subject`, one query per 90 days of `range`: each calendar's merged
 * blocks, or undefined for a calendar Google would not show (undefined for all when the subject is not
 * connected). A failure other than "not connected" is a stable AppError.
 */
async function freeBusy(
  deps: SchedulingDeps,
  subject: string,
  verifiedDomains: readonly string[],
  range: Interval,
  calendars: string[],
): Promise<Array<Interval[] | undefined> | undefined> {
  const blocks: Array<Interval[] | undefined> = calendars.map(() => []);
  const windows = [];
  for (let start = range.start; start < range.end; start += FREEBUSY_MAX_MS)
    windows.push({ timeMin: new Date(start), timeMax: new Date(Math.min(range.end, start + FREEBUSY_MAX_MS)) });
  const answers = await Promise.all(
    windows.map((window) =>
      callGoogle(deps, () => deps.calendar.freeBusy(actAs(subject, verifiedDomains), { ...window, calendars }), NOT_CONNECTED_KINDS),
    ),
  );
  for (const answer of answers) {
    if (answer instanceof ExpectedFailure) return undefined;
    calendars.forEach((id, i) => {
      const entry = answer[id];
      if (!entry || entry.error) blocks[i] = undefined;
      else blocks[i]?.push(...entry.busy.map((b) => ({ start: b.start.getTime(), end: b.end.getTime() })));
    });
  }
  return blocks.map((b) => (b ? mergeIntervals(b) : undefined));
}

/**
 * A member's free/busy blocks without the moved session's event. Free/busy merges events and names
 * none, so the blocks that touch the session's time are read again as the member's events
 * (`events.list` over just their span, free/busy's rules, nothing stored) and the session's event is
 * dropped by its id; blocks elsewhere stay as they are. When the member's calendar cannot be read
 * (not connected), their blocks are kept whole: the move is then checked against the session's own
 * time too, which may refuse a free time but never offers a busy one.
 */
async function exactWithout(
  deps: SchedulingDeps,
  member: AvailabilityMember,
  verifiedDomains: readonly string[],
  blocks: Interval[],
  own: ExcludedSession,
): Promise<Interval[]> {
  const touching = blocks.filter((b) => b.start < own.end && b.end > own.start);
  if (touching.length === 0 || !isConnected(member, verifiedDomains)) return blocks;
  const span = { start: touching[0]!.start, end: touching.at(-1)!.end };
  const events = await callGoogle(
    deps,
    () => deps.calendar.busyEvents(actAs(member.email, verifiedDomains), { timeMin: new Date(span.start), timeMax: new Date(span.end) }),
    NOT_CONNECTED_KINDS,
  );
  if (events instanceof ExpectedFailure) return blocks;
  const inSpan = events
    .filter((e) => e.id !== own.eventId)
    .map((e) => ({ start: Math.max(e.start.getTime(), span.start), end: Math.min(e.end.getTime(), span.end) }));
  return mergeIntervals([...blocks.filter((b) => !touching.includes(b)), ...inSpan]);
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
