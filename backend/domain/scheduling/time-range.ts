import { AppError } from '../errors.js';
import type { Interval } from './slots.js';

const DAY = 86_400_000;
/** Slots are offered at most this far ahead (Google's free/busy limit too). */
export const MAX_RANGE_DAYS = 90;
export const DEFAULT_RANGE_DAYS = 14;
/** Session lengths Together supports; a program offers a subset. */
export const SUPPORTED_DURATIONS = [30, 45, 60] as const;

/** A slot search range: default the next 14 days; ends after it starts, not in the past, at most 90 days out. */
export function slotRange(now: Date, from?: Date, to?: Date): Interval {
  const start = Math.max(from?.getTime() ?? now.getTime(), now.getTime());
  const horizon = now.getTime() + MAX_RANGE_DAYS * DAY;
  // The default length stops at the horizon; a `to` beyond it is the caller's mistake.
  const end = to?.getTime() ?? Math.min(start + DEFAULT_RANGE_DAYS * DAY, horizon);
  if (from && to && to.getTime() <= from.getTime()) throw new AppError('invalid_time_range', '`to` must be after `from`.');
  if (end <= now.getTime()) throw new AppError('invalid_time_range', 'The range lies in the past.');
  if (end <= start) throw new AppError('invalid_time_range', '`from` lies beyond the 90-day horizon.');
  if (end > horizon) throw new AppError('invalid_time_range', `Slots can be searched at most ${MAX_RANGE_DAYS} days ahead.`);
  return { start, end };
}

/** A session time: in the future and at most 90 days ahead. */
export function checkSessionTime(now: Date, start: Date): void {
  if (start.getTime() <= now.getTime()) throw new AppError('invalid_time_range', 'A session cannot start in the past.');
  if (start.getTime() > now.getTime() + MAX_RANGE_DAYS * DAY)
    throw new AppError('invalid_time_range', `Sessions can be booked at most ${MAX_RANGE_DAYS} days ahead.`);
}

/** Slots are offered on this grid (minutes past the UTC hour); bookings and moves must start on it. */
export const GRID_MINUTES = 15;

/** A session start must lie on the 15-minute grid (:00, :15, :30, :45 UTC, whole minutes). */
export function checkOnGrid(start: Date): void {
  if (start.getTime() % (GRID_MINUTES * 60_000) !== 0) {
    throw new AppError('start_not_on_grid', `Sessions start on a ${GRID_MINUTES}-minute grid (:00, :15, :30 or :45 UTC).`, {
      stepMinutes: GRID_MINUTES,
    });
  }
}

/** The program's default session length: the first it offers that Together supports. */
export const defaultDuration = (offered: readonly number[]): number =>
  offered.find((d) => (SUPPORTED_DURATIONS as readonly number[]).includes(d)) ?? SUPPORTED_DURATIONS[0];

/** The duration must be one Together supports and the program offers. */
export function checkDuration(durationMinutes: number, offered: readonly number[]): void {
  if (!(SUPPORTED_DURATIONS as readonly number[]).includes(durationMinutes) || !offered.includes(durationMinutes)) {
    const allowed = offered.filter((d) => (SUPPORTED_DURATIONS as readonly number[]).includes(d));
    throw new AppError('duration_not_offered', `This program offers sessions of ${allowed.join(', ')} minutes.`, { offered: allowed });
  }
}
