import { describe, expect, it } from '@jest/globals';
import {
  candidateSlots,
  findConflict,
  intersectIntervals,
  mergeIntervals,
  mutualFreeTime,
  rankSlots,
  subtractIntervals,
  workingIntervals,
  type SlotQuery,
} from '../../../backend/domain/scheduling/slots.js';

const t = (iso: string) => Date.parse(iso);
const iv = (start: string, end: string) => ({ start: t(start), end: t(end) });
const show = (intervals: { start: number; end: number }[]) =>
  intervals.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()]);
const WEEKDAYS_ONLY = (from: string, to: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [[from, to]] as [string, string][]]));

const madrid = { timeZone: 'Europe/Madrid', workingHours: WEEKDAYS_ONLY('09:00', '20:00') };
const losAngeles = { timeZone: 'America/Los_Angeles', workingHours: WEEKDAYS_ONLY('08:00', '12:00') };

function query(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return {
    range: iv('2026-03-02T00:00:00Z', '2026-04-04T00:00:00Z'),
    now: t('2026-03-01T00:00:00Z'),
    durationMinutes: 60,
    bufferMinutes: 0,
    minimumNoticeMinutes: 0,
    members: [madrid, losAngeles],
    busy: [],
    viewerTimeZone: 'Europe/Madrid',
    ...overrides,
  };
}

describe('interval arithmetic', () => {
  it('merges, intersects and subtracts', () => {
    expect(
      show(
        mergeIntervals([
          iv('2026-01-01T10:00Z', '2026-01-01T11:00Z'),
          iv('2026-01-01T09:00Z', '2026-01-01T10:00Z'),
          iv('2026-01-01T12:00Z', '2026-01-01T13:00Z'),
        ]),
      ),
    ).toEqual([
      ['2026-01-01T09:00:00.000Z', '2026-01-01T11:00:00.000Z'],
      ['2026-01-01T12:00:00.000Z', '2026-01-01T13:00:00.000Z'],
    ]);
    expect(
      show(intersectIntervals([iv('2026-01-01T09:00Z', '2026-01-01T12:00Z')], [iv('2026-01-01T11:00Z', '2026-01-01T13:00Z')])),
    ).toEqual([['2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z']]);
    expect(
      show(
        subtractIntervals(
          [iv('2026-01-01T09:00Z', '2026-01-01T17:00Z')],
          [iv('2026-01-01T10:00Z', '2026-01-01T11:00Z'), iv('2026-01-01T16:30Z', '2026-01-01T18:00Z')],
        ),
      ),
    ).toEqual([
      ['2026-01-01T09:00:00.000Z', '2026-01-01T10:00:00.000Z'],
      ['2026-01-01T11:00:00.000Z', '2026-01-01T16:30:00.000Z'],
    ]);
  });
});

describe('working hours across DST changes (Madrid 2026-03-29, Los Angeles 2026-03-08)', () => {
  it("reads each member's hours in their own zone, whatever the offset that day", () => {
    const monday = (date: string) => iv(`${date}T00:00:00Z`, `${date}T23:59:00Z`);
    // Winter in both: Madrid UTC+1, Los Angeles UTC−8.
    expect(show(workingIntervals(madrid, monday('2026-03-02')))).toEqual([['2026-03-02T08:00:00.000Z', '2026-03-02T19:00:00.000Z']]);
    expect(show(workingIntervals(losAngeles, monday('2026-03-02')))).toEqual([['2026-03-02T16:00:00.000Z', '2026-03-02T20:00:00.000Z']]);
    // Los Angeles already on summer time (UTC−7), Madrid not yet.
    expect(show(workingIntervals(losAngeles, monday('2026-03-09')))).toEqual([['2026-03-09T15:00:00.000Z', '2026-03-09T19:00:00.000Z']]);
    expect(show(workingIntervals(madrid, monday('2026-03-09')))).toEqual([['2026-03-09T08:00:00.000Z', '2026-03-09T19:00:00.000Z']]);
    // Both on summer time: Madrid UTC+2.
    expect(show(workingIntervals(madrid, monday('2026-03-30')))).toEqual([['2026-03-30T07:00:00.000Z', '2026-03-30T18:00:00.000Z']]);
  });

  it('finds the mutual window shifting with each change', () => {
    const free = mutualFreeTime(query());
    const onDay = (date: string) => show(free.filter((i) => new Date(i.start).toISOString().startsWith(date)));
    expect(onDay('2026-03-02')).toEqual([['2026-03-02T16:00:00.000Z', '2026-03-02T19:00:00.000Z']]);
    expect(onDay('2026-03-09')).toEqual([['2026-03-09T15:00:00.000Z', '2026-03-09T19:00:00.000Z']]);
    expect(onDay('2026-03-30')).toEqual([['2026-03-30T15:00:00.000Z', '2026-03-30T18:00:00.000Z']]);
    // Weekends are off for both.
    expect(onDay('2026-03-07')).toEqual([]);
    expect(onDay('2026-03-08')).toEqual([]);
  });

  it('keeps the night of the change itself right: 24:00 ends at the next midnight and a skipped hour moves on', () => {
    const night = { timeZone: 'Europe/Madrid', workingHours: { sun: [['00:00', '24:00']] as [string, string][] } };
    // Sunday 2026-03-29 in Madrid has only 23 hours: 00:00 CET (23:00Z Sat) to 24:00 CEST (22:00Z Sun).
    expect(show(workingIntervals(night, iv('2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')))).toEqual([
      ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ]);
    const skipped = { timeZone: 'Europe/Madrid', workingHours: { sun: [['02:30', '04:00']] as [string, string][] } };
    // 02:30 does not exist that night; it becomes 03:30 CEST = 01:30Z.
    expect(show(workingIntervals(skipped, iv('2026-03-29T00:00:00Z', '2026-03-29T12:00:00Z')))).toEqual([
      ['2026-03-29T01:30:00.000Z', '2026-03-29T02:00:00.000Z'],
    ]);
  });
});

describe('slots', () => {
  it('respects busy time with buffers on both sides, and minimum notice', () => {
    const day = iv('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z');
    const busy = [iv('2026-03-02T17:00:00Z', '2026-03-02T17:30:00Z')];
    const plain = candidateSlots(query({ range: day, busy, durationMinutes: 30 }));
    expect(plain.map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual([
      '16:00',
      '16:15',
      '16:30',
      '17:30',
      '17:45',
      '18:00',
      '18:15',
      '18:30',
    ]);
    const buffered = candidateSlots(query({ range: day, busy, durationMinutes: 30, bufferMinutes: 15 }));
    expect(buffered.map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual([
      '16:00',
      '16:15',
      '17:45',
      '18:00',
      '18:15',
      '18:30',
    ]);
    const notice = candidateSlots(query({ range: day, durationMinutes: 30, now: t('2026-03-02T10:00:00Z'), minimumNoticeMinutes: 8 * 60 }));
    expect(new Date(notice[0]!.start).toISOString()).toBe('2026-03-02T18:00:00.000Z');
  });

  it('ranks soonest first and spreads over days, at most perDay a day', () => {
    const ranked = rankSlots(query({ durationMinutes: 30, perDay: 3, limit: 9 }));
    expect(ranked).toHaveLength(9);
    const days = ranked.map((s) => new Date(s.start).toISOString().slice(0, 10));
    expect(days).toEqual([
      '2026-03-02',
      '2026-03-02',
      '2026-03-02',
      '2026-03-03',
      '2026-03-03',
      '2026-03-03',
      '2026-03-04',
      '2026-03-04',
      '2026-03-04',
    ]);
    // Spread: first, middle and last candidate of the 16:00–19:00 window.
    expect(ranked.slice(0, 3).map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual(['16:00', '17:30', '18:30']);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.start).toBeGreaterThan(ranked[i - 1]!.start);
  });

  it('groups by the viewer’s days, not UTC days', () => {
    const ranked = rankSlots(query({ durationMinutes: 60, perDay: 1, limit: 2, viewerTimeZone: 'Pacific/Kiritimati' }));
    // 16:00Z is 06:00 the next day at UTC+14: the first slot's day is Tuesday there.
    expect(new Date(ranked[0]!.start).toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(new Date(ranked[1]!.start).toISOString()).toBe('2026-03-03T16:00:00.000Z');
  });

  it('names the conflict of a requested slot', () => {
    const busy = [iv('2026-03-02T17:00:00Z', '2026-03-02T17:30:00Z')];
    expect(findConflict(query({ busy }), iv('2026-03-02T16:30:00Z', '2026-03-02T17:30:00Z'))).toMatchObject({
      kind: 'busy',
      interval: busy[0],
    });
    expect(findConflict(query({ busy, bufferMinutes: 30 }), iv('2026-03-02T16:15:00Z', '2026-03-02T16:45:00Z'))).toMatchObject({
      kind: 'busy',
    });
    expect(findConflict(query({ busy, bufferMinutes: 30 }), iv('2026-03-02T16:00:00Z', '2026-03-02T16:30:00Z'))).toBeUndefined();
    expect(findConflict(query({ busy }), iv('2026-03-02T15:30:00Z', '2026-03-02T16:30:00Z'))).toMatchObject({
      kind: 'outside_working_hours',
    });
    expect(
      findConflict(
        query({ busy, now: t('2026-03-02T15:00:00Z'), minimumNoticeMinutes: 120 }),
        iv('2026-03-02T16:00:00Z', '2026-03-02T17:00:00Z'),
      ),
    ).toMatchObject({ kind: 'too_soon' });
    expect(findConflict(query({ busy }), iv('2026-03-02T17:30:00Z', '2026-03-02T18:30:00Z'))).toBeUndefined();
  });
});

describe('working hours on the days clocks change (user API README, "Rules decided")', () => {
  const sundays = { timeZone: 'Europe/Madrid', workingHours: { sun: [['02:30', '05:00']] as [string, string][] } };
  it('reads a start in the autumn change’s repeated hour as its first occurrence', () => {
    // 2027-10-31: Madrid goes from 03:00 CEST back to 02:00 CET, so 02:30 happens twice (00:30Z and 01:30Z).
    expect(show(workingIntervals(sundays, iv('2027-10-30T12:00:00Z', '2027-11-01T00:00:00Z')))).toEqual([
      ['2027-10-31T00:30:00.000Z', '2027-10-31T04:00:00.000Z'],
    ]);
  });
  it('moves a start skipped by the spring change forward by the gap', () => {
    // 2027-03-28: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist; it is read as 03:30 CEST (01:30Z).
    expect(show(workingIntervals(sundays, iv('2027-03-27T12:00:00Z', '2027-03-29T00:00:00Z')))).toEqual([
      ['2027-03-28T01:30:00.000Z', '2027-03-28T03:00:00.000Z'],
    ]);
  });
});
