import type { CalendarEvent } from '../../google/calendar.js';
import type { Prisma } from '../../store/generated/prisma/client.js';
import { CANCELLED_IN_GOOGLE, eventMetadata } from '../scheduling/session-event.js';
import { FOLLOWED_STATUSES, type SyncDeps } from './deps.js';
import { findMoveConflict } from './find-move-conflict.js';

/**
 * What applying one Google event did to its session. `deferred`: not applied now, and it must be
 * again later: the session is in the middle of one of our own writes (its saga stores the etag of
 * what it wrote, so a change made meanwhile would otherwise go unseen), or concurrent writes kept
 * winning. `skipped`: the session no longer follows its event (cancelled, failed, being booked).
 */
export type ApplyOutcome = 'updated' | 'unchanged' | 'skipped' | 'deferred';

/** What the organizer's calendar says about a session's event now. */
export type EventState =
  /** The organizer's copy as Google returns it (a cancelled one included). */
  | { kind: 'event'; event: CalendarEvent }
  /** events.get answered 404/410: the event is gone from the organizer's calendar. */
  | { kind: 'missing' }
  /** The event now lives in someone else's calendar (its organizer changed). */
  | { kind: 'moved'; toCalendar: string };

const member = { include: { calendarAccess: { select: { status: true } } } } as const;
const sessionInclude = {
  organizer: member,
  attendee: member,
  matching: { include: { program: { select: { bufferMinutes: true } } } },
} as const;
type LoadedSession = Prisma.MentoringSessionGetPayload<{ include: typeof sessionInclude }>;

/**
 * Makes a session follow its Google event, idempotently: moved → new times, re-checked against the
 * attendee's availability (a clash is flagged as `time_conflict`, not refused); cancelled or gone →
 * CANCELLED; the attendee's RSVP stored (declined → DECLINED); another organizer → flagged
 * `moved_to_other_calendar`. Our own writes are recognised by their etag (stored when we wrote); a
 * session in the middle of our own write is `deferred` (the caller applies the event again once the
 * saga is done). Writes are guarded by the version read, so a concurrent change wins and this is
 * retried against it.
 */
export async function applyEventChange(deps: SyncDeps, sessionId: string, state: EventState): Promise<ApplyOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const session = await deps.prisma.mentoringSession.findUnique({ where: { id: sessionId }, include: sessionInclude });
    if (!session || !(FOLLOWED_STATUSES as readonly string[]).includes(session.status)) return 'skipped';
    if (session.operation !== 'NONE') return 'deferred';
    const data = await changesFor(deps, session, state);
    if (!data) return 'unchanged';
    const visible = isVisible(session, data);
    const written = await deps.prisma.mentoringSession.updateMany({
      where: { id: session.id, version: session.version, operation: 'NONE' },
      data: { ...data, ...(visible ? { version: { increment: 1 } } : {}) },
    });
    if (written.count === 1) return visible ? 'updated' : 'unchanged';
  }
  return 'deferred';
}

async function changesFor(
  deps: SyncDeps,
  session: LoadedSession,
  state: EventState,
): Promise<Prisma.MentoringSessionUpdateManyMutationInput | null> {
  const now = deps.clock();
  if (state.kind === 'missing' || (state.kind === 'event' && state.event.status === 'cancelled')) {
    return { status: 'CANCELLED', cancelReason: CANCELLED_IN_GOOGLE, attentionCode: null, attentionMessage: null, rsvpCheckedAt: now };
  }
  if (state.kind === 'moved' || (state.event.organizerEmail && state.event.organizerEmail !== session.organizer.email)) {
    const toCalendar = state.kind === 'moved' ? state.toCalendar : state.event.organizerEmail!;
    if (session.attentionCode === 'moved_to_other_calendar') return null;
    return {
      attentionCode: 'moved_to_other_calendar',
      attentionMessage: `The calendar event was moved to ${toCalendar}'s calendar, so Together no longer follows it; cancel this session in Together and book again if needed.`,
      rsvpCheckedAt: now,
    };
  }
  const event = state.event;
  // Our own write (or a change already applied) carries the etag we stored.
  if (event.etag && event.etag === session.googleEtag) return null;
  const data: Prisma.MentoringSessionUpdateManyMutationInput = eventMetadata(session, event, now);
  const start = event.start ?? session.startAt;
  const end = event.end ?? session.endAt;
  const moved = start.getTime() !== session.startAt.getTime() || end.getTime() !== session.endAt.getTime();
  if (moved) {
    const conflict = await findMoveConflict(deps, {
      organizationId: session.organizationId,
      sessionId: session.id,
      eventId: event.id,
      other: session.attendee,
      bufferMinutes: session.matching.program.bufferMinutes,
      start,
      end,
    });
    Object.assign(data, {
      startAt: start,
      endAt: end,
      attentionCode: conflict ? 'time_conflict' : null,
      attentionMessage: conflict,
    });
  }
  return data;
}

/** Whether members would see a difference (the version only moves then, so readers are not disturbed). */
function isVisible(session: LoadedSession, data: Prisma.MentoringSessionUpdateManyMutationInput): boolean {
  const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
  const fields = [
    'status',
    'startAt',
    'endAt',
    'attendeeResponseStatus',
    'meetLink',
    'attentionCode',
    'attentionMessage',
    'conferenceStatus',
  ] as const;
  return fields.some((field) => field in data && !same(data[field], session[field]));
}
