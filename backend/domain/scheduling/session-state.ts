// What a session's state allows: the one place that says which sessions are live and changeable.
import { AppError } from '../errors.js';

/** Statuses of a session that stands: booked (the match may have declined). It follows its Google event and can be changed. */
export const LIVE_STATUSES = ['CONFIRMED', 'DECLINED'] as const;

const LIVE: ReadonlySet<string> = new Set(LIVE_STATUSES);

/** A session's state as these rules read it. */
export interface SessionState {
  status: string;
  operation: string;
  endAt: Date;
}

/** A live status (booked, maybe declined), whatever change may be in progress. */
export const hasLiveStatus = (session: Pick<SessionState, 'status'>): boolean => LIVE.has(session.status);

/** Live and settled: no change of it is in progress. */
export const isLive = (session: Pick<SessionState, 'status' | 'operation'>): boolean =>
  hasLiveStatus(session) && session.operation === 'NONE';

/** Whether the session can be rescheduled or cancelled now: live, settled and not over. */
export const isChangeable = (session: SessionState, now: Date): boolean => isLive(session) && session.endAt.getTime() > now.getTime();

/** What the viewer can do with the session. */
export const allowedActions = (session: SessionState, now: Date): Array<'reschedule' | 'cancel'> =>
  isChangeable(session, now) ? ['reschedule', 'cancel'] : [];

/** Refuses a change of a session that is cancelled, failed, over, mid-change, or newer than the caller saw. */
export function assertChangeable(session: SessionState & { version: number }, version: number, now: Date): void {
  if (!isLive(session)) {
    throw new AppError(
      'session_not_modifiable',
      `This session is ${session.operation === 'NONE' ? session.status.toLowerCase() : 'being changed right now'}.`,
      {
        status: session.status,
        operation: session.operation,
      },
    );
  }
  if (session.version !== version) {
    throw new AppError('version_conflict', 'The session changed since you read it; reload it and try again.', {
      currentVersion: session.version,
    });
  }
  if (!isChangeable(session, now)) throw new AppError('session_not_modifiable', 'This session is over.', { status: session.status });
}

/** A session's length in whole minutes: its times are on the 15-minute grid, so this is exact. */
export const durationMinutesOf = (session: { startAt: Date; endAt: Date }): number =>
  Math.round((session.endAt.getTime() - session.startAt.getTime()) / 60_000);
