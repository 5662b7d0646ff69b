import { AppError } from '../errors.js';
import { loadViewerSession, requireUuid, type SessionViewer } from './access.js';
import { excludedSession } from './availability.js';
import { assertBookable } from './book-session.js';
import { claimSlot } from './claim-slot.js';
import { loadPair } from './load-pair.js';
import type { SchedulingDeps } from './deps.js';
import { completeReschedule } from './complete-reschedule.js';
import { assertChangeable, durationMinutesOf, hasLiveStatus } from './session-state.js';
import { readSessionView, type SessionView } from './session-view.js';
import { checkDuration, checkOnGrid, checkSessionTime } from './time-range.js';
import { answerWith } from './view-sessions.js';

/** Moving a session: the version the caller read, the new start and optionally a new length. */
export interface RescheduleSessionInput {
  viewer: SessionViewer;
  sessionId: string;
  version: number;
  start: Date;
  durationMinutes?: number;
  /** False for the admin API, which shows sessions as stored (no RSVP read from Google). */
  freshRsvp?: boolean;
}

/**
 * Moves a session in the organizer's calendar (the Meet link stays, guests are told), after checking
 * the new time like a booking. Optimistic: a stale version is a 409 `version_conflict`. A retry of a
 * move that already happened answers the session as it is.
 */
export async function rescheduleSession(deps: SchedulingDeps, input: RescheduleSessionInput): Promise<SessionView> {
  const session = await loadViewerSession(deps, input.viewer, requireUuid(input.sessionId));
  const durationMinutes = input.durationMinutes ?? durationMinutesOf(session);
  const end = new Date(input.start.getTime() + durationMinutes * 60_000);
  const alreadyDone =
    session.operation === 'NONE' && session.startAt.getTime() === input.start.getTime() && session.endAt.getTime() === end.getTime();
  if (alreadyDone && hasLiveStatus(session)) return answerWith(deps, await readSessionView(deps, session.id), input.freshRsvp);
  const now = deps.clock();
  assertChangeable(session, input.version, now);
  // The organizer's calendar holds the event: availability is asked as them, with the attendee as the match.
  const pair = await loadPair(deps, { organizationId: session.organizationId, personId: session.organizerId }, session.matchingId);
  checkDuration(durationMinutes, pair.program.sessionDurations);
  checkSessionTime(now, input.start);
  checkOnGrid(input.start);
  await assertBookable(deps, {
    organizationId: session.organizationId,
    verifiedDomains: pair.verifiedDomains,
    program: pair.program,
    asker: pair.viewerPerson,
    match: pair.matchPerson,
    slot: { start: input.start.getTime(), end: end.getTime() },
    now: now.getTime(),
    exclude: excludedSession(session),
  });
  const claim = {
    organizationId: session.organizationId,
    personIds: [session.organizerId, session.attendeeId] as const,
    slot: { start: input.start.getTime(), end: end.getTime() },
    bufferMinutes: pair.program.bufferMinutes,
    excludeSessionId: session.id,
  };
  const claimed = await claimSlot(deps, claim, (tx) =>
    tx.mentoringSession.updateMany({
      where: { id: session.id, organizationId: session.organizationId, version: input.version, operation: 'NONE' },
      data: { operation: 'RESCHEDULING', operationStartedAt: now, targetStartAt: input.start, targetEndAt: end, version: { increment: 1 } },
    }),
  );
  if (claimed.count === 0) throw new AppError('version_conflict', 'The session changed since you read it; reload it and try again.');
  await deps.onSagaStep?.('reschedule.started', session.id);
  return answerWith(deps, await completeReschedule(deps, session.id), input.freshRsvp);
}
