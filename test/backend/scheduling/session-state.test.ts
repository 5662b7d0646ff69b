import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../backend/domain/errors.js';
import { allowedActions, assertChangeable, isChangeable, isLive, LIVE_STATUSES } from '../../../backend/domain/scheduling/session-state.js';

const NOW = new Date('2026-03-30T10:00:00Z');
const session = (over: Partial<{ status: string; operation: string; endAt: Date; version: number }> = {}) => ({
  status: 'CONFIRMED',
  operation: 'NONE',
  endAt: new Date(NOW.getTime() + 3_600_000),
  version: 3,
  ...over,
});

describe('session state', () => {
  it('counts booked and declined sessions as live, others not, and no session mid-change', () => {
    expect([...LIVE_STATUSES]).toEqual(['CONFIRMED', 'DECLINED']);
    expect(isLive(session({ status: 'DECLINED' }))).toBe(true);
    for (const status of ['PENDING', 'CANCELLED', 'FAILED']) expect(isLive(session({ status }))).toBe(false);
    expect(isLive(session({ operation: 'RESCHEDULING' }))).toBe(false);
  });

  it('allows rescheduling and cancelling a live session until it is over', () => {
    expect(allowedActions(session(), NOW)).toEqual(['reschedule', 'cancel']);
    expect(isChangeable(session({ endAt: NOW }), NOW)).toBe(false);
    expect(allowedActions(session({ endAt: NOW }), NOW)).toEqual([]);
    expect(allowedActions(session({ status: 'CANCELLED' }), NOW)).toEqual([]);
  });

  it('refuses a change with the code that says why', () => {
    const codeOf = (run: () => void): [string, string] | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return [error.code, error.message];
      }
    };
    expect(codeOf(() => assertChangeable(session(), 3, NOW))).toBeUndefined();
    expect(codeOf(() => assertChangeable(session({ status: 'CANCELLED' }), 3, NOW))).toEqual([
      'session_not_modifiable',
      'This session is cancelled.',
    ]);
    expect(codeOf(() => assertChangeable(session({ operation: 'CANCELLING' }), 3, NOW))).toEqual([
      'session_not_modifiable',
      'This session is being changed right now.',
    ]);
    expect(codeOf(() => assertChangeable(session(), 2, NOW))?.[0]).toBe('version_conflict');
    expect(codeOf(() => assertChangeable(session({ endAt: NOW }), 3, NOW))).toEqual(['session_not_modifiable', 'This session is over.']);
  });
});
