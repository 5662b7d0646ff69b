/**
 * The event objects Google passes an Apps Script add-on (https://developers.google.com/workspace/add-ons/concepts/event-objects):
 * `commonEventObject` (host app, platform, the user's locale and Calendar time zone, an action's
 * parameters and the card's form inputs), and under `calendar` the open event's ids, which is
 * all `currentEventAccess: METADATA` grants.
 */
import type { FieldKind } from './render-context.js';

export interface OpenEvent {
  readonly calendarId: string;
  readonly id: string;
}

/** The zone's offset from UTC at `at`, in minutes (Google's `timeZone.offset` is the same in milliseconds). */
export function offsetMinutes(zone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName');
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name?.value ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

export interface EventInput {
  readonly timeZone: string;
  readonly now: number;
  readonly calendar?: OpenEvent;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly formInputs?: Readonly<Record<string, unknown>>;
}

export function eventObject(input: EventInput): Record<string, unknown> {
  return {
    commonEventObject: {
      hostApp: 'CALENDAR',
      platform: 'WEB',
      userLocale: 'en',
      timeZone: { id: input.timeZone, offset: offsetMinutes(input.timeZone, input.now) * 60_000 },
      ...(input.parameters ? { parameters: { ...input.parameters } } : {}),
      ...(input.formInputs ? { formInputs: input.formInputs } : {}),
    },
    ...(input.calendar ? { calendar: { calendarId: input.calendar.calendarId, id: input.calendar.id } } : {}),
  };
}

type Posted = Readonly<Record<string, string | string[] | undefined>>;

/** A posted card form → Google's `formInputs`: `{name: {stringInputs: {value: […]}}}`, `dateTimeInput`, `dateInput`, `timeInput`; empty fields are left out. */
export function formInputsOf(
  posted: Posted,
  fields: Readonly<Record<string, { kind: FieldKind; zoneOffsetMinutes?: number }>>,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [name, { kind, zoneOffsetMinutes = 0 }] of Object.entries(fields)) {
    const raw = posted[`field:${name}`];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((value) => value !== '');
    if (!values.length) continue;
    const value = values[0]!;
    if (kind === 'string') inputs[name] = { stringInputs: { value: values } };
    else if (kind === 'time') {
      const [hours, minutes] = value.split(':').map(Number);
      inputs[name] = { timeInput: { hours, minutes } };
    } else {
      // <input type=date> and datetime-local give wall time; the picker's offset (or the user's) makes it UTC.
      const wall = Date.parse(kind === 'date' ? `${value}T00:00:00Z` : `${value}:00Z`);
      if (Number.isNaN(wall)) continue;
      inputs[name] =
        kind === 'date'
          ? { dateInput: { msSinceEpoch: wall } }
          : { dateTimeInput: { msSinceEpoch: wall - zoneOffsetMinutes * 60_000, hasDate: true, hasTime: true } };
    }
  }
  return inputs;
}
