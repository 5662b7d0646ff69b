/** Which calendar a call addresses, and the query options shared by event writes. */
import type { Request } from 'express';
import type { Caller } from '../auth/access.js';
import { conditionNotMet, invalid, notFound } from '../errors.js';
import { queryString } from '../http.js';
import type { EmulatorState } from '../state.js';
import type { WriteOptions } from './event-writes.js';
import type { Calendar, CalendarEntry } from './model.js';

/**
 * The caller's own calendar (`primary` or their email). With domain-wide delegation each user is
 * reached by impersonating them, so another user's calendar id is `notFound`, as for an unshared one.
 */
export function callerCalendar(state: EmulatorState, caller: Caller, calendarId: string): Calendar {
  const id = calendarId === 'primary' ? caller.principal : calendarId.toLowerCase();
  if (id !== caller.principal) throw notFound();
  const user = state.accounts.user(id);
  return user ? state.calendarOf(user) : state.store.ensureCalendar(id, 'UTC');
}

export function findEntry(calendar: Calendar, eventId: string): CalendarEntry {
  const entry = calendar.entries.get(eventId);
  if (!entry) throw notFound();
  return entry;
}

/** `If-Match`: a stale etag answers 412 `conditionNotMet`. */
export function checkIfMatch(req: Request, entry: CalendarEntry): void {
  const expected = req.headers['if-match'];
  if (typeof expected === 'string' && expected !== '*' && expected !== entry.etag && `"${expected}"` !== entry.etag)
    throw conditionNotMet();
}

const SEND_UPDATES = ['all', 'externalOnly', 'none'];

/** `conferenceDataVersion` and `sendUpdates` (or the deprecated `sendNotifications`). */
export function writeOptions(req: Request): WriteOptions {
  const version = queryString(req, 'conferenceDataVersion');
  const conferenceDataVersion = version === undefined ? 0 : Number(version);
  if (conferenceDataVersion !== 0 && conferenceDataVersion !== 1) {
    throw invalid(`Invalid value '${version}'. Values must be within the range: [0, 1]`, 'conferenceDataVersion');
  }
  const sendUpdates = queryString(req, 'sendUpdates');
  if (sendUpdates !== undefined && !SEND_UPDATES.includes(sendUpdates)) throw invalid(`Invalid value for: sendUpdates`, 'sendUpdates');
  const legacy = queryString(req, 'sendNotifications');
  return { conferenceDataVersion, sendUpdates: sendUpdates ?? (legacy === 'true' ? 'all' : 'none') };
}
