/** `calendar.freebusy.query` (§B5): busy blocks of visible calendars, per-calendar errors inside a 200. */
import type { Request, Response } from 'express';
import type { Caller } from '../auth/access.js';
import { domainOf } from '../directory/accounts.js';
import { invalid, required, timeRangeEmpty, timeRangeTooLong } from '../errors.js';
import { jsonBody } from '../http.js';
import { isRecord, type JsonRecord } from '../json.js';
import type { EmulatorState } from '../state.js';
import { entryStatus, type Calendar } from './model.js';
import { formatInZone, isValidTimeZone, parseTimestamp } from './times.js';

const MAX_RANGE_MS = 90 * 24 * 3600 * 1000;
const MAX_CALENDARS = 50;
const MAX_GROUP = 100;

const calendarError = (reason: string): JsonRecord => ({ errors: [{ domain: 'global', reason }], busy: [] });

/** Busy intervals of one calendar inside [from, to), clipped and merged. */
function busyIntervals(calendar: Calendar | undefined, from: number, to: number): Array<[number, number]> {
  if (!calendar) return [];
  const blocks: Array<[number, number]> = [];
  for (const entry of calendar.entries.values()) {
    const event = entry.event;
    if (event.endMs <= from || event.startMs >= to || entryStatus(entry) === 'cancelled') continue;
    if ((entry.personal.transparency ?? 'opaque') === 'transparent') continue;
    if (event.attendees.find((a) => a.email === calendar.id)?.responseStatus === 'declined') continue;
    blocks.push([Math.max(event.startMs, from), Math.min(event.endMs, to)]);
  }
  blocks.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const block of blocks) {
    const last = merged[merged.length - 1];
    if (last && block[0] <= last[1]) last[1] = Math.max(last[1], block[1]);
    else merged.push([block[0], block[1]]);
  }
  return merged;
}

function readBound(body: JsonRecord, name: string): number {
  if (body[name] === undefined) throw required(`Missing ${name} parameter.`, name);
  const ms = parseTimestamp(body[name]);
  if (Number.isNaN(ms)) throw invalid(`Invalid value for: ${name}`, name);
  return ms;
}

export function freebusyQuery(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const body = jsonBody(req);
    const timeMin = readBound(body, 'timeMin');
    const timeMax = readBound(body, 'timeMax');
    if (timeMax <= timeMin) throw timeRangeEmpty();
    if (timeMax - timeMin > MAX_RANGE_MS) throw timeRangeTooLong();
    const timeZone = typeof body.timeZone === 'string' && isValidTimeZone(body.timeZone) ? body.timeZone : 'UTC';
    if (body.items !== undefined && !Array.isArray(body.items)) throw invalid('Invalid value for: items', 'items');
    const ids = ((body.items as unknown[] | undefined) ?? []).map((item) => (isRecord(item) && typeof item.id === 'string' ? item.id : ''));
    const calendarLimit = Math.min(
      typeof body.calendarExpansionMax === 'number' ? body.calendarExpansionMax : MAX_CALENDARS,
      MAX_CALENDARS,
    );
    const groupLimit = Math.min(typeof body.groupExpansionMax === 'number' ? body.groupExpansionMax : MAX_GROUP, MAX_GROUP);
    const requesterDomain = domainOf(caller.principal);

    const calendars: Record<string, JsonRecord> = {};
    const groups: Record<string, JsonRecord> = {};
    let answered = 0;
    const answer = (id: string): void => {
      if (calendars[id]) return;
      if (++answered > calendarLimit) {
        calendars[id] = calendarError('tooManyCalendarsRequested');
        return;
      }
      const email = id === 'primary' ? caller.principal : id.toLowerCase();
      const user = state.accounts.user(email);
      const domain = user ? state.accounts.domains.get(user.domain) : undefined;
      const visible =
        user !== undefined &&
        (user.email === caller.principal || (user.domain === requesterDomain && domain?.freeBusyVisibleInDomain === true));
      if (!visible) {
        calendars[id] = calendarError('notFound');
        return;
      }
      const busy = busyIntervals(state.store.calendar(user.email), timeMin, timeMax);
      calendars[id] = { busy: busy.map(([start, end]) => ({ start: formatInZone(start, timeZone), end: formatInZone(end, timeZone) })) };
    };
    for (const id of ids) {
      const members =
        state.accounts.user(id) || id === 'primary' || domainOf(id) !== requesterDomain ? [] : state.accounts.groupMembers(id);
      if (members.length === 0) {
        answer(id);
      } else if (members.length > groupLimit) {
        groups[id] = { errors: [{ domain: 'global', reason: 'groupTooBig' }], calendars: [] };
      } else {
        groups[id] = { calendars: members.map((m) => m.email) };
        for (const member of members) answer(member.email);
      }
    }
    res.json({
      kind: 'calendar#freeBusy',
      timeMin: formatInZone(timeMin),
      timeMax: formatInZone(timeMax),
      ...(Object.keys(groups).length > 0 ? { groups } : {}),
      calendars,
    });
  };
}
