import { withCallPriority } from '../../google/call-gate.js';

/** Runs `work` (the handling of a person's request) with its Google calls admitted ahead of all other work. */
export function servingAPerson<T>(work: () => T): T {
  return withCallPriority('interactive', work);
}

/**
 * Runs `work` (following a change a person just made: a calendar's sync after Google's notification,
 * watching the calendars of a session just booked) with its Google calls admitted ahead of background
 * work, and allowed to burst ahead of the quota's pacing (a thousand calendars notified at once are
 * synced at once); background work waits that burst out.
 */
export function followingAChange<T>(work: () => T): T {
  return withCallPriority('prompt', work);
}
