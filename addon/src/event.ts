import type { Slot } from './backend-types.js';
import { AddonProblem } from './problems.js';

/**
 * What the add-on reads from Google's event object. Everything in it comes from the client (a
 * card's parameters come back as they were sent, or tampered with), so it is read defensively.
 */
export interface AddonEvent {
  /** The user's Calendar time zone (IANA id), if Google sent one. */
  readonly timeZone: string | undefined;
  /** The open Calendar event, if any; `eventId` is missing for an event not saved yet. */
  readonly calendarEvent: { readonly calendarId: string | undefined; readonly eventId: string | undefined } | undefined;
  /** A card action's parameters. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Text typed into a card's inputs, by field name. */
  readonly formInputs: Readonly<Record<string, string>>;
}

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose => (typeof value === 'object' && value !== null ? (value as Loose) : {});
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Reads both the current (`commonEventObject`) and the legacy fields Google sends. */
export function readEvent(raw: unknown): AddonEvent {
  const event = asObject(raw);
  const common = asObject(event.commonEventObject);
  const calendar = event.calendar === undefined ? undefined : asObject(event.calendar);
  return {
    timeZone: asString(asObject(common.timeZone).id) ?? asString(asObject(event.userTimezone).id),
    calendarEvent: calendar && { calendarId: asString(calendar.calendarId), eventId: asString(calendar.id) },
    parameters: stringsOf({ ...asObject(event.parameters), ...asObject(common.parameters) }),
    formInputs: { ...stringsOf(asObject(event.formInput)), ...formInputsOf(asObject(common.formInputs)) },
  };
}

function stringsOf(values: Loose): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** `{reason: {stringInputs: {value: ['…']}}}` → `{reason: '…'}`. */
function formInputsOf(inputs: Loose): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, input] of Object.entries(inputs)) {
    const values = asObject(asObject(input).stringInputs).value;
    if (Array.isArray(values) && typeof values[0] === 'string') result[field] = values[0];
  }
  return result;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads one action parameter; a missing or malformed value is an `invalid_action` problem. */
export class ActionParameters {
  constructor(private readonly values: Readonly<Record<string, string>>) {}

  /** A Together id (UUID). */
  id(name: string): string {
    return this.matching(name, UUID, 'a Together id');
  }

  /** A session version, as read from the backend. */
  version(name = 'version'): number {
    return Number(this.matching(name, /^[1-9]\d{0,8}$/, 'a session version'));
  }

  /** A session length in minutes. */
  minutes(name: string): number {
    const minutes = Number(this.matching(name, /^[1-9]\d{0,2}$/, 'a number of minutes'));
    if (minutes > 480) throw invalid(name, 'a number of minutes');
    return minutes;
  }

  /** An ISO 8601 instant with an offset. */
  instant(name: string): string {
    return this.matching(name, INSTANT, 'an ISO 8601 time');
  }

  /** The slot a "Choose" button carries (cards/slots.ts): UTC and local start and end. */
  slot(): Slot {
    return {
      start: this.instant('start'),
      end: this.instant('end'),
      startLocal: this.instant('startLocal'),
      endLocal: this.instant('endLocal'),
    };
  }

  private matching(name: string, pattern: RegExp, what: string): string {
    const value = this.values[name];
    if (value === undefined || !pattern.test(value)) throw invalid(name, what);
    return value;
  }
}

const invalid = (name: string, what: string) =>
  new AddonProblem('invalid_action', `This button's "${name}" is missing or is not ${what}; the card is out of date or was changed.`);

/** The cancel card's input field of the optional reason, and the most it may hold (the backend's limit). */
export const REASON_FIELD = 'reason';
export const REASON_MAX_LENGTH = 500;

/**
 * The cancellation reason typed on the cancel card, trimmed ('' for none). A "Try again" after a
 * failed cancel carries it as a parameter (dispatch.ts), since the error card has no such field.
 */
export function typedCancelReason(event: AddonEvent): string {
  return (event.formInputs[REASON_FIELD] ?? event.parameters[REASON_FIELD] ?? '').trim();
}
