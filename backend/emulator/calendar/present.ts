/** Events as Calendar v3 returns them, seen from one calendar's copy. */
import type { JsonRecord } from '../json.js';
import { presentConference } from './conference.js';
import { entryStatus, type CalendarEntry } from './model.js';
import { isoMillis } from './times.js';

const person = (email: string, displayName: string | undefined, calendarId: string): JsonRecord => ({
  email,
  ...(displayName ? { displayName } : {}),
  ...(email === calendarId ? { self: true } : {}),
});

/** The JSON of one calendar's copy of an event (`calendar#event`). */
export function presentEvent(entry: CalendarEntry): JsonRecord {
  const event = entry.event;
  const calendarId = entry.calendarId;
  const body: JsonRecord = {
    kind: 'calendar#event',
    etag: entry.etag,
    id: event.id,
    status: entryStatus(entry),
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${calendarId}`).toString('base64url')}`,
    created: isoMillis(event.createdMs),
    updated: isoMillis(entry.updatedMs),
    ...event.fields,
  };
  if (entry.personal.colorId !== undefined) body.colorId = entry.personal.colorId;
  body.creator = person(event.organizer.email, event.organizer.displayName, calendarId);
  body.organizer = person(event.organizer.email, event.organizer.displayName, calendarId);
  body.start = event.start;
  body.end = event.end;
  if (entry.personal.transparency !== undefined) body.transparency = entry.personal.transparency;
  body.iCalUID = event.iCalUID;
  body.sequence = event.sequence;
  if (event.attendees.length > 0) {
    body.attendees = event.attendees.map((a) => ({ ...a, ...(a.email === calendarId ? { self: true } : {}) }));
  }
  if (event.sharedProperties || entry.privateProperties) {
    body.extendedProperties = {
      ...(entry.privateProperties ? { private: entry.privateProperties } : {}),
      ...(event.sharedProperties ? { shared: event.sharedProperties } : {}),
    };
  }
  if (event.conference) Object.assign(body, presentConference(event.conference));
  body.reminders = entry.personal.reminders ?? { useDefault: true };
  body.eventType = 'default';
  return body;
}
