// The week grid as data: seven days in the user's zone, each event placed by its start and end,
// overlapping events side by side. Pure: the page renders it, the tests can examine it.
import { DateTime } from 'luxon';
import type { EmulatorEvent, EventTime } from './emulator-client.js';

/** The private extended property the backend links a session's event with (backend/domain/scheduling/session-event.ts). */
const SESSION_PROPERTY = 'togetherSessionId';
/** A session's event id, the same on every guest's copy: `tg` + the session's UUID in hex (session-event.ts's `eventIdFor`). */
const SESSION_EVENT_ID = /^tg[0-9a-f]{32}$/;

export type Response = 'organizer' | 'accepted' | 'needsAction' | 'declined' | 'tentative';

export interface Chip {
  event: EmulatorEvent;
  title: string;
  /** A Together mentoring session (the backend's event). */
  together: boolean;
  /** Google's event colour (`colorId`), else the calendar's: a class name of calendar.css. */
  colour: string;
  response: Response;
  /** Shown as free time (`transparency: transparent`). */
  free: boolean;
  /** "09:15 – 09:30", or "All day". */
  timeText: string;
  /** The day it is shown on, "Monday 7 December": the chip's name says title, day, start and end, then these notes. */
  day: string;
  /** "Together session, invitation not answered": what the colours and outlines show, in words. */
  notes: string;
}

export interface TimedChip extends Chip {
  /** Minutes after the day's local midnight, clipped to the day. */
  startMinute: number;
  endMinute: number;
  /** Its column among the events it overlaps, and how many columns they need. */
  column: number;
  columns: number;
}

export interface DayView {
  date: string;
  weekday: string;
  dayNumber: number;
  /** "Monday 7 December". */
  label: string;
  today: boolean;
  allDay: Chip[];
  timed: TimedChip[];
  /** Minutes after midnight of the current time, on today only. */
  nowMinute: number | undefined;
}

export interface WeekView {
  monday: string;
  days: DayView[];
  /** "7 – 13 December 2026". */
  range: string;
  previous: string;
  next: string;
  /** The Monday of the week `now` is in. */
  thisWeek: string;
}

/** The Monday (yyyy-mm-dd) of the week that contains `at` in `zone`. */
export function mondayOf(at: Date | DateTime, zone: string): string {
  const local = (at instanceof Date ? DateTime.fromJSDate(at) : at).setZone(zone);
  return local
    .startOf('day')
    .minus({ days: local.weekday - 1 })
    .toISODate()!;
}

/** Whether `text` is a real date that is a Monday. */
export function isMonday(text: string): boolean {
  const date = DateTime.fromISO(text, { zone: 'UTC' });
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && date.isValid && date.weekday === 1;
}

/** The week of `monday` in `zone`, with the events of the calendar that fall in it. */
export function weekView(input: { monday: string; zone: string; now: Date; calendarId: string; events: EmulatorEvent[] }): WeekView {
  const { zone, calendarId } = input;
  const start = DateTime.fromISO(input.monday, { zone, locale: 'en-GB' });
  const now = DateTime.fromJSDate(input.now).setZone(zone);
  const visible = input.events.filter((event) => event.status !== 'cancelled');
  const days = Array.from({ length: 7 }, (_, index): DayView => {
    const dayStart = start.plus({ days: index });
    const dayEnd = dayStart.plus({ days: 1 });
    const date = dayStart.toISODate()!;
    const allDay = visible
      .filter((event) => event.start.date !== undefined && event.start.date <= date && date < (event.end.date ?? event.start.date))
      .map((event) => chip(event, calendarId, dayStart, 'All day'));
    const timed = visible.flatMap((event) => {
      if (event.start.date !== undefined) return [];
      const from = instant(event.start, zone);
      const to = instant(event.end, zone);
      if (!(from < dayEnd && to > dayStart)) return [];
      const timeText = `${from.toFormat('HH:mm')} – ${to.toFormat('HH:mm')}`;
      return [
        {
          ...chip(event, calendarId, dayStart, timeText),
          startMinute: from < dayStart ? 0 : wallMinute(from),
          endMinute: to >= dayEnd ? 24 * 60 : wallMinute(to),
          column: 0,
          columns: 1,
        },
      ];
    });
    const today = now >= dayStart && now < dayEnd;
    return {
      date,
      weekday: dayStart.toFormat('ccc'),
      dayNumber: dayStart.day,
      label: dayStart.toFormat('cccc d MMMM'),
      today,
      allDay,
      timed: packColumns(timed),
      nowMinute: today ? wallMinute(now) : undefined,
    };
  });
  return {
    monday: input.monday,
    days,
    range: rangeText(start, start.plus({ days: 6 })),
    previous: start.minus({ weeks: 1 }).toISODate()!,
    next: start.plus({ weeks: 1 }).toISODate()!,
    thisWeek: mondayOf(now, zone),
  };
}

/** Minutes after midnight on the wall clock (the grid's rows), whatever a summer-time change did to the day's length. */
const wallMinute = (at: DateTime): number => at.hour * 60 + at.minute;

/** An instant as the Calendar writes one out in full, on the clock of the zone it is in: "Monday 7 December 2026, 18:30". */
export const dateTimeText = (at: DateTime): string => at.setLocale('en-GB').toFormat('cccc d MMMM yyyy, HH:mm');

/** A timed event's start or end in `zone`; a dateTime without an offset is wall-clock time in the event's own `timeZone`, as Google reads it. */
export const instant = (time: EventTime, zone: string): DateTime =>
  DateTime.fromISO(time.dateTime ?? '', { zone: time.timeZone ?? zone }).setZone(zone);

function chip(event: EmulatorEvent, calendarId: string, day: DateTime, timeText: string): Chip {
  const title = event.summary?.trim() || '(No title)';
  const together = SESSION_EVENT_ID.test(event.id) || event.extendedProperties?.private?.[SESSION_PROPERTY] !== undefined;
  const response = responseOf(event, calendarId);
  const notes = [together ? 'Together session' : '', RESPONSE_WORDS[response], event.transparency === 'transparent' ? 'free' : '']
    .filter(Boolean)
    .join(', ');
  return {
    event,
    title,
    together,
    colour: together ? 'together' : `colour-${event.colorId && COLOUR_IDS.has(event.colorId) ? event.colorId : 'calendar'}`,
    response,
    free: event.transparency === 'transparent',
    timeText,
    day: day.toFormat('cccc d MMMM'),
    notes,
  };
}

/** Google's event colours 1–11; other ids show in the calendar's colour. */
const COLOUR_IDS = new Set(Array.from({ length: 11 }, (_, index) => String(index + 1)));

const RESPONSE_WORDS: Record<Response, string> = {
  organizer: '',
  accepted: '',
  needsAction: 'invitation not answered',
  declined: 'declined',
  tentative: 'maybe',
};

/** The calendar owner's part in the event: organizer, or a guest's answer. */
export function responseOf(event: EmulatorEvent, calendarId: string): Response {
  if (event.organizer.email === calendarId) return 'organizer';
  const self = event.attendees?.find((attendee) => attendee.self || attendee.email === calendarId);
  const answer = self?.responseStatus;
  return answer === 'accepted' || answer === 'declined' || answer === 'tentative' ? answer : 'needsAction';
}

/** Overlapping events share the width: each cluster of overlaps gets as many columns as it needs at once. */
function packColumns(chips: TimedChip[]): TimedChip[] {
  const sorted = [...chips].sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute);
  let cluster: TimedChip[] = [];
  let clusterEnd = -1;
  const close = () => cluster.forEach((member) => (member.columns = Math.max(...cluster.map((other) => other.column)) + 1));
  for (const item of sorted) {
    if (item.startMinute >= clusterEnd) {
      close();
      cluster = [];
    }
    const ends: number[] = [];
    for (const member of cluster) ends[member.column] = Math.max(ends[member.column] ?? -1, member.endMinute);
    let column = 0;
    while (ends[column] !== undefined && ends[column]! > item.startMinute) column += 1;
    item.column = column;
    cluster.push(item);
    clusterEnd = Math.max(clusterEnd, item.endMinute);
  }
  close();
  return sorted;
}

/** "7 – 13 December 2026", "30 November – 6 December 2026", "28 December 2026 – 3 January 2027". */
function rangeText(first: DateTime, last: DateTime): string {
  if (first.year !== last.year) return `${first.toFormat('d MMMM yyyy')} – ${last.toFormat('d MMMM yyyy')}`;
  if (first.month !== last.month) return `${first.toFormat('d MMMM')} – ${last.toFormat('d MMMM yyyy')}`;
  return `${first.day} – ${last.toFormat('d MMMM yyyy')}`;
}
