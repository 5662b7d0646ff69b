import { withCallPriority } from '../../google/call-gate.js';

/** Runs `work` (the handling of a person's request) with its Google calls admitted ahead of background work. */
export function servingAPerson<T>(work: () => T): T {
  return withCallPriority('interactive', work);
}
