/** RFC 3339 and time-zone arithmetic for event times, list bounds and free/busy output. */
import type { EventTime } from './model.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export const isValidTimeZone = (timeZone: string): boolean => formatter(timeZone) !== null;

/** Offset of `timeZone` from UTC at instant `ms`, in ms (UTC when the zone is unknown). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const f = formatter(timeZone);
  if (!f) return 0;
  const parts: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time (given as if it were UTC) has in `timeZone`. */
function fromWallClock(wallAsUtc: number, timeZone: string): number {
  const guess = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
  return wallAsUtc - zoneOffsetMs(guess, timeZone);
}

/** Parses an RFC 3339 timestamp with offset; NaN when it is not one. */
export function parseTimestamp(value: unknown): number {
  if (typeof value !== 'string' || !RFC3339.test(value) || !HAS_OFFSET.test(value)) return Number.NaN;
  return Date.parse(value);
}

/** The instant an event time starts, or an error message in Google's words. */
export function eventTimeMs(time: EventTime, calendarTimeZone: string, which: 'start' | 'end'): number | string {
  if (time.timeZone !== undefined && (typeof time.timeZone !== 'string' || !isValidTimeZone(time.timeZone))) {
    return `Invalid time zone definition for ${which} time.`;
  }
  if (typeof time.dateTime === 'string') {
    if (!RFC3339.test(time.dateTime)) return `Invalid ${which} time.`;
    if (HAS_OFFSET.test(time.dateTime)) return Date.parse(time.dateTime);
    if (!time.timeZone) return `Missing time zone definition for ${which} time.`;
    return fromWallClock(Date.parse(`${time.dateTime}Z`), time.timeZone);
  }
  if (typeof time.date === 'string') {
    const match = DATE.exec(time.date);
    if (!match) return `Invalid ${which} time.`;
    return fromWallClock(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])), time.timeZone ?? calendarTimeZone);
  }
  return `Missing ${which} time.`;
}

/** Formats an instant as RFC 3339: `…Z` in UTC, else with the zone's offset. */
export function formatInZone(ms: number, timeZone = 'UTC'): string {
  if (timeZone === 'UTC' || !isValidTimeZone(timeZone)) return new Date(ms).toISOString().replace('.000Z', 'Z');
  const offset = zoneOffsetMs(ms, timeZone);
  const local = new Date(ms + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** RFC 3339 in UTC with milliseconds, as Google writes `created`/`updated`. */
export const isoMillis = (ms: number): string => new Date(ms).toISOString();
