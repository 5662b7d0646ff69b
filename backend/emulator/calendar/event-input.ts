/** Reads and validates an event body the way Calendar v3 does; throws Google's 400s. */
import { invalid, required, timeRangeEmpty } from '../errors.js';
import { isRecord, type JsonRecord } from '../json.js';
import type { EventStatus, EventTime, ResponseStatus } from './model.js';
import { PERSONAL_FIELDS } from './model.js';
import { eventTimeMs } from './times.js';

/** Plain shared fields kept as given. */
const SHARED_FIELDS = [
  'summary',
  'description',
  'location',
  'visibility',
  'recurrence',
  'guestsCanInviteOthers',
  'guestsCanModify',
  'guestsCanSeeOtherGuests',
  'anyoneCanAddSelf',
  'source',
  'attachments',
] as const;

const STRING_FIELDS = new Set(['summary', 'description', 'location', 'colorId']);
const BOOLEAN_FIELDS = new Set(['guestsCanInviteOthers', 'guestsCanModify', 'guestsCanSeeOtherGuests', 'anyoneCanAddSelf']);
const ENUMS: Record<string, readonly string[]> = {
  visibility: ['default', 'public', 'private', 'confidential'],
  transparency: ['opaque', 'transparent'],
  status: ['confirmed', 'tentative', 'cancelled'],
};
const RESPONSE_STATUSES: readonly string[] = ['needsAction', 'declined', 'tentative', 'accepted'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AttendeeInput {
  email: string;
  displayName?: string;
  optional?: boolean;
  resource?: boolean;
  responseStatus?: ResponseStatus;
  comment?: string;
  additionalGuests?: number;
}

export interface EventInput {
  id?: string;
  fields: JsonRecord;
  personal: JsonRecord;
  start: EventTime;
  end: EventTime;
  startMs: number;
  endMs: number;
  status: EventStatus;
  attendees: AttendeeInput[];
  sharedProperties?: Record<string, string>;
  privateProperties?: Record<string, string>;
  conferenceData: unknown;
}

function checkField(key: string, value: unknown): void {
  const bad =
    (STRING_FIELDS.has(key) && typeof value !== 'string') ||
    (BOOLEAN_FIELDS.has(key) && typeof value !== 'boolean') ||
    (ENUMS[key] !== undefined && !ENUMS[key].includes(value as string)) ||
    (key === 'recurrence' && (!Array.isArray(value) || value.some((r) => typeof r !== 'string')));
  if (bad) throw invalid(`Invalid value for: ${key}`);
}

function readTime(value: unknown, which: 'start' | 'end'): EventTime {
  if (value === undefined) throw required(`Missing ${which} time.`);
  if (!isRecord(value)) throw invalid(`Invalid ${which} time.`);
  const time: EventTime = {};
  for (const key of ['date', 'dateTime', 'timeZone'] as const) {
    const part = value[key];
    if (part === undefined || part === null) continue;
    if (typeof part !== 'string') throw invalid(`Invalid ${which} time.`);
    time[key] = part;
  }
  if (time.date !== undefined && time.dateTime !== undefined) throw invalid(`Invalid ${which} time.`);
  return time;
}

function readProperties(value: unknown, which: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw invalid(`Invalid value for: extendedProperties.${which}`);
  }
  return value as Record<string, string>;
}

function readAttendee(value: unknown): AttendeeInput {
  if (!isRecord(value) || typeof value.email !== 'string' || !EMAIL.test(value.email)) throw invalid('Invalid attendee email.');
  const attendee: AttendeeInput = { email: value.email.toLowerCase() };
  if (typeof value.displayName === 'string') attendee.displayName = value.displayName;
  if (typeof value.optional === 'boolean') attendee.optional = value.optional;
  if (typeof value.resource === 'boolean') attendee.resource = value.resource;
  if (typeof value.comment === 'string') attendee.comment = value.comment;
  if (typeof value.additionalGuests === 'number') attendee.additionalGuests = value.additionalGuests;
  if (value.responseStatus !== undefined) {
    if (!RESPONSE_STATUSES.includes(value.responseStatus as string)) throw invalid('Invalid value for: responseStatus');
    attendee.responseStatus = value.responseStatus as ResponseStatus;
  }
  return attendee;
}

/** Validates a full event body (insert/update, or a patch merged onto the current event). */
export function readEventInput(body: JsonRecord, calendarTimeZone: string): EventInput {
  const fields: JsonRecord = {};
  for (const key of SHARED_FIELDS) {
    if (body[key] === undefined || body[key] === null) continue;
    checkField(key, body[key]);
    fields[key] = body[key];
  }
  const personal: JsonRecord = {};
  for (const key of PERSONAL_FIELDS) {
    if (body[key] === undefined || body[key] === null) continue;
    checkField(key, body[key]);
    personal[key] = body[key];
  }
  if (body.status !== undefined) checkField('status', body.status);
  if (body.id !== undefined && typeof body.id !== 'string') throw invalid('Invalid resource id value.');

  const start = readTime(body.start, 'start');
  const end = readTime(body.end, 'end');
  const startMs = eventTimeMs(start, calendarTimeZone, 'start');
  const endMs = eventTimeMs(end, calendarTimeZone, 'end');
  if (typeof startMs === 'string') throw invalid(startMs);
  if (typeof endMs === 'string') throw invalid(endMs);
  if ((start.date === undefined) !== (end.date === undefined)) {
    throw invalid('Start and end times must either both be date or both be dateTime.');
  }
  if (endMs < startMs) throw timeRangeEmpty('end');

  if (body.attendees !== undefined && !Array.isArray(body.attendees)) throw invalid('Invalid value for: attendees');
  const attendees = ((body.attendees as unknown[] | undefined) ?? []).map(readAttendee);

  const extended = body.extendedProperties;
  if (extended !== undefined && !isRecord(extended)) throw invalid('Invalid value for: extendedProperties');
  return {
    ...(typeof body.id === 'string' ? { id: body.id } : {}),
    fields,
    personal,
    start,
    end,
    startMs,
    endMs,
    status: (body.status as EventStatus | undefined) ?? 'confirmed',
    attendees,
    sharedProperties: readProperties(extended?.shared, 'shared'),
    privateProperties: readProperties(extended?.private, 'private'),
    conferenceData: body.conferenceData,
  };
}
