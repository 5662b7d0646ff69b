// Pure slot arithmetic: working hours in each member's own time zone (DST-correct through luxon),
// busy time with buffers, minimum notice, and a ranking that is soonest first but spread over days.
import { DateTime } from 'luxon';
import { WEEKDAYS, type WorkingHours } from '../values.js';

/** A half-open time interval [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** One member of a pair, as slot finding sees them. */
export interface SlotMember {
  timeZone: string;
  workingHours: WorkingHours;
}

/** Everything slot finding needs; no I/O. */
export interface SlotQuery {
  range: Interval;
  now: number;
  durationMinutes: number;
  bufferMinutes: number;
  minimumNoticeMinutes: number;
  members: SlotMember[];
  /** Busy time of any member (Google free/busy and existing Together sessions), unbuffered. */
  busy: Interval[];
  /** Candidate starts are multiples of this many minutes (UTC). Default 15. */
  stepMinutes?: number;
  /** The viewer's zone: days for spreading are the viewer's days. */
  viewerTimeZone: string;
  /** Most slots returned in all (default 24) and per viewer day (default 4). */
  limit?: number;
  perDay?: number;
  /** A start never offered: a session's own time, when it is the one being moved (moving it there changes nothing). */
  notAt?: number | undefined;
}

const MINUTE = 60_000;

/** Sorts and merges overlapping or touching intervals. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** The intersection of two sorted, merged interval lists. */
export function intersectIntervals(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** `free` minus `busy` (both sorted and merged). */
export function subtractIntervals(free: Interval[], busy: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const interval of free) {
    let cursor = interval.start;
    for (const block of busy) {
      if (block.end <= cursor) continue;
      if (block.start >= interval.end) break;
      if (block.start > cursor) out.push({ start: cursor, end: block.start });
      cursor = Math.max(cursor, block.end);
      if (cursor >= interval.end) break;
    }
    if (cursor < interval.end) out.push({ start: cursor, end: interval.end });
  }
  return out;
}

/**
 * A member's working time inside `range`, in UTC milliseconds: each day's "HH:MM" intervals read as
 * wall-clock time in the member's zone, so 09:00 in Madrid is 08:00 UTC in winter and 07:00 in summer.
 * A wall time skipped by a DST jump moves forward, as luxon does.
 */
export function workingIntervals(member: SlotMember, range: Interval): Interval[] {
  const out: Interval[] = [];
  // Start a day early and end a day late: a zone's day may straddle the range's UTC edges.
  let day = DateTime.fromMillis(range.start, { zone: member.timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(range.end, { zone: member.timeZone }).startOf('day').plus({ days: 1 });
  while (day <= last) {
    const weekday = WEEKDAYS[day.weekday - 1]!;
    for (const [from, to] of member.workingHours[weekday] ?? []) {
      const start = atWallTime(day, from);
      const end = atWallTime(day, to);
      const clipped = { start: Math.max(start, range.start), end: Math.min(end, range.end) };
      if (clipped.end > clipped.start) out.push(clipped);
    }
    day = day.plus({ days: 1 });
  }
  return mergeIntervals(out);
}

function atWallTime(day: DateTime, clock: string): number {
  const [hour, minute] = clock.split(':').map(Number) as [number, number];
  if (hour === 24) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
}

/** Time when every member works and nobody is busy (busy time widened by the buffer on both sides). */
export function mutualFreeTime(query: SlotQuery): Interval[] {
  const earliest = Math.max(query.range.start, query.now + query.minimumNoticeMinutes * MINUTE);
  const range = { start: earliest, end: query.range.end };
  if (range.end <= range.start) return [];
  let free: Interval[] = [range];
  for (const member of query.members) free = intersectIntervals(free, workingIntervals(member, range));
  const buffer = query.bufferMinutes * MINUTE;
  const busy = mergeIntervals(query.busy.map((b) => ({ start: b.start - buffer, end: b.end + buffer })));
  return subtractIntervals(free, busy);
}

/** Every candidate start (aligned to the step) whose whole session fits in free time, soonest first. */
export function candidateSlots(query: SlotQuery): Interval[] {
  const step = (query.stepMinutes ?? 15) * MINUTE;
  const duration = query.durationMinutes * MINUTE;
  const slots: Interval[] = [];
  for (const free of mutualFreeTime(query)) {
    for (let start = Math.ceil(free.start / step) * step; start + duration <= free.end; start += step) {
      slots.push({ start, end: start + duration });
    }
  }
  return slots;
}

/**
 * Ranked slots: on each of the viewer's days at most `perDay`, spread evenly over the day's
 * candidates (the earliest always included); days in order, so the list stays soonest first.
 */
export function rankSlots(query: SlotQuery): Interval[] {
  const limit = query.limit ?? 24;
  const perDay = query.perDay ?? 4;
  const byDay = new Map<string, Interval[]>();
  for (const slot of candidateSlots(query)) {
    if (slot.start === query.notAt) continue;
    const day = DateTime.fromMillis(slot.start, { zone: query.viewerTimeZone }).toISODate() ?? '';
    const list = byDay.get(day) ?? [];
    list.push(slot);
    byDay.set(day, list);
  }
  const ranked: Interval[] = [];
  for (const candidates of byDay.values()) {
    const picked = spread(candidates, perDay, query.durationMinutes * MINUTE);
    ranked.push(...picked);
    if (ranked.length >= limit) break;
  }
  return ranked.slice(0, limit);
}

/** Up to `count` back-to-back candidates (the earliest first), evenly spaced over the day, in time order. */
function spread(candidates: Interval[], count: number, duration: number): Interval[] {
  const chain = dropOverlaps(candidates, duration);
  if (chain.length <= count) return chain;
  const stride = (chain.length - 1) / Math.max(1, count - 1);
  return [...new Set(Array.from({ length: count }, (_, k) => Math.round(k * stride)))].map((index) => chain[index]!);
}

function dropOverlaps(slots: Interval[], duration: number): Interval[] {
  const out: Interval[] = [];
  for (const slot of slots) {
    const last = out.at(-1);
    if (!last || slot.start >= last.start + duration) out.push(slot);
  }
  return out;
}

/** The first busy or non-working stretch that keeps [start, end) from being bookable, if any. */
export function findConflict(
  query: SlotQuery,
  slot: Interval,
): { kind: 'busy' | 'outside_working_hours' | 'too_soon'; interval: Interval } | undefined {
  if (slot.start < query.now + query.minimumNoticeMinutes * MINUTE) {
    return { kind: 'too_soon', interval: { start: query.now, end: query.now + query.minimumNoticeMinutes * MINUTE } };
  }
  for (const member of query.members) {
    const working = workingIntervals(member, slot);
    if (!(working.length === 1 && working[0]!.start <= slot.start && working[0]!.end >= slot.end)) {
      const gap = subtractIntervals([slot], working)[0] ?? slot;
      return { kind: 'outside_working_hours', interval: gap };
    }
  }
  const buffer = query.bufferMinutes * MINUTE;
  const widened = { start: slot.start - buffer, end: slot.end + buffer };
  const block = mergeIntervals(query.busy).find((b) => b.start < widened.end && b.end > widened.start);
  return block ? { kind: 'busy', interval: block } : undefined;
}
