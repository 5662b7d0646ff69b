/** Handlers of `calendar.events.*` (except list/watch), `calendarList.get` and `settings.get`. */
import type { Request, Response } from 'express';
import type { Caller } from '../auth/access.js';
import { GoogleApiError, notFound } from '../errors.js';
import { jsonBody } from '../http.js';
import type { EmulatorState } from '../state.js';
import { callerCalendar, checkIfMatch, findEntry, writeOptions } from './access.js';
import { deleteEvent, insertEvent, patchEvent, updateEvent } from './event-writes.js';
import { presentEvent } from './present.js';

type Params = { calendarId: string; eventId: string };
const param = (req: Request, name: keyof Params): string => String((req.params as Params)[name]);

const forbiddenForServiceAccounts = (): GoogleApiError => {
  const message = 'Service accounts cannot invite attendees without Domain-Wide Delegation of Authority.';
  return new GoogleApiError(403, message, [{ domain: 'calendar', reason: 'forbiddenForServiceAccounts', message }]);
};

export function eventsInsert(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const calendar = callerCalendar(state, caller, param(req, 'calendarId'));
    const body = jsonBody(req);
    if (caller.token.subject === null && Array.isArray(body.attendees) && body.attendees.length > 0) throw forbiddenForServiceAccounts();
    res.json(presentEvent(insertEvent(state, calendar, body, writeOptions(req))));
  };
}

export function eventsGet(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const entry = findEntry(callerCalendar(state, caller, param(req, 'calendarId')), param(req, 'eventId'));
    if (req.headers['if-none-match'] === entry.etag) {
      res.status(304).end();
      return;
    }
    res.json(presentEvent(entry));
  };
}

export function eventsPatch(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const entry = findEntry(callerCalendar(state, caller, param(req, 'calendarId')), param(req, 'eventId'));
    checkIfMatch(req, entry);
    patchEvent(state, entry, jsonBody(req), writeOptions(req));
    res.json(presentEvent(entry));
  };
}

export function eventsUpdate(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const entry = findEntry(callerCalendar(state, caller, param(req, 'calendarId')), param(req, 'eventId'));
    checkIfMatch(req, entry);
    updateEvent(state, entry, jsonBody(req), writeOptions(req));
    res.json(presentEvent(entry));
  };
}

export function eventsDelete(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const entry = findEntry(callerCalendar(state, caller, param(req, 'calendarId')), param(req, 'eventId'));
    checkIfMatch(req, entry);
    deleteEvent(state, entry, writeOptions(req));
    res.status(204).end();
  };
}

export function calendarListGet(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const calendar = callerCalendar(state, caller, param(req, 'calendarId'));
    res.json({
      kind: 'calendar#calendarListEntry',
      etag: `"${calendar.resourceId.length}${calendar.id.length}00000000"`,
      id: calendar.id,
      summary: calendar.id,
      timeZone: calendar.timeZone,
      colorId: '14',
      backgroundColor: '#9fe1e7',
      foregroundColor: '#000000',
      selected: true,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      notificationSettings: { notifications: [{ type: 'eventCreation', method: 'email' }] },
      primary: true,
      conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    });
  };
}

export function settingsGet(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const calendar = callerCalendar(state, caller, 'primary');
    const values: Record<string, string> = { timezone: calendar.timeZone, locale: 'en', format24HourTime: 'false', weekStart: '0' };
    const id = String((req.params as { setting: string }).setting);
    const value = values[id];
    if (value === undefined) throw notFound();
    res.json({ kind: 'calendar#setting', etag: `"${Buffer.from(value).toString('hex').slice(0, 16)}"`, id, value });
  };
}
