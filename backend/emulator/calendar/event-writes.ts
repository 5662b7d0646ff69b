/**
 * Every change to events, shared by the Calendar API handlers and the "act as user" controls:
 * insert, update (patch is an update of the merged body), delete, RSVP. Keeps attendees' copies in step.
 */
import type { Clock } from '../clock.js';
import type { Accounts } from '../directory/accounts.js';
import { deleted, duplicate, forbiddenForNonOrganizer, invalid } from '../errors.js';
import { isValidEventId, newEventId } from '../ids.js';
import { canonicalJson, mergePatch, type JsonRecord } from '../json.js';
import { newConference, readConferenceRequest } from './conference.js';
import { readEventInput, type EventInput } from './event-input.js';
import {
  entryStatus,
  isOrganizerCopy,
  type Attendee,
  type Calendar,
  type CalendarEntry,
  type CalendarStore,
  type ResponseStatus,
  type SharedEvent,
} from './model.js';
import { presentEvent } from './present.js';

/** What event writes need from the emulator's state. */
export interface EventWorld {
  store: CalendarStore;
  accounts: Accounts;
  clock: Clock;
  /** Delay before a new Meet conference turns from `pending` to `success` (0 = at once). */
  conferenceDelayMs: () => number;
}

export interface WriteOptions {
  conferenceDataVersion?: number;
  sendUpdates?: string;
}

const displayNameOf = (world: EventWorld, email: string): string | undefined => {
  const user = world.accounts.user(email);
  return user ? `${user.givenName} ${user.familyName}`.trim() : undefined;
};

/** `calendar.events.insert` on `calendar`, whose owner becomes organizer and creator. */
export function insertEvent(world: EventWorld, calendar: Calendar, body: JsonRecord, options: WriteOptions): CalendarEntry {
  const input = readEventInput(body, calendar.timeZone);
  if (input.id !== undefined && !isValidEventId(input.id)) throw invalid('Invalid resource id value.');
  const id = input.id ?? newEventId();
  if (calendar.entries.has(id)) throw duplicate();
  const event: SharedEvent = {
    id,
    iCalUID: `${id}@google.com`,
    organizerCalendarId: calendar.id,
    organizer: { email: calendar.id, ...(displayNameOf(world, calendar.id) ? { displayName: displayNameOf(world, calendar.id) } : {}) },
    fields: {},
    start: input.start,
    end: input.end,
    startMs: input.startMs,
    endMs: input.endMs,
    status: input.status,
    attendees: [],
    sequence: 0,
    createdMs: world.clock.now(),
    sendUpdates: [],
    copies: new Map(),
  };
  const entry = world.store.attach(calendar, event);
  applyOrganizerWrite(world, entry, input, options, true);
  return entry;
}

/** `calendar.events.update`: the body replaces the event (attendees' copies may change only their own parts). */
export function updateEvent(world: EventWorld, entry: CalendarEntry, body: JsonRecord, options: WriteOptions): void {
  const calendar = world.store.calendar(entry.calendarId);
  const input = readEventInput(body, calendar?.timeZone ?? 'UTC');
  if (isOrganizerCopy(entry)) applyOrganizerWrite(world, entry, input, options, false);
  else applyAttendeeWrite(world, entry, input);
}

/** `calendar.events.patch`: the patch merged onto the current event, then an update. */
export function patchEvent(world: EventWorld, entry: CalendarEntry, patch: JsonRecord, options: WriteOptions): void {
  updateEvent(world, entry, mergePatch(presentEvent(entry), patch), options);
}

/** `calendar.events.delete`: the organizer cancels the event for everyone; an attendee declines and drops their copy. */
export function deleteEvent(world: EventWorld, entry: CalendarEntry, options: WriteOptions): void {
  if (entryStatus(entry) === 'cancelled') throw deleted();
  const event = entry.event;
  event.sendUpdates.push(options.sendUpdates ?? 'none');
  if (isOrganizerCopy(entry)) {
    event.status = 'cancelled';
    event.conference?.cancelCompletion?.();
  } else {
    entry.removed = true;
    setResponse(event, entry.calendarId, 'declined');
  }
  world.store.touchEvent(event);
}

/** An attendee answers the invitation on their copy (also how the organizer sees the RSVP). */
export function respondToEvent(world: EventWorld, entry: CalendarEntry, status: ResponseStatus): void {
  if (!setResponse(entry.event, entry.calendarId, status)) throw invalid('The user is not an attendee of this event.');
  if (status !== 'declined') entry.removed = false;
  world.store.touchEvent(entry.event);
}

function setResponse(event: SharedEvent, email: string, status: ResponseStatus): boolean {
  const attendee = event.attendees.find((a) => a.email === email);
  if (attendee) attendee.responseStatus = status;
  return attendee !== undefined;
}

function applyOrganizerWrite(world: EventWorld, entry: CalendarEntry, input: EventInput, options: WriteOptions, isInsert: boolean): void {
  const event = entry.event;
  if (!isInsert && (input.startMs !== event.startMs || input.endMs !== event.endMs)) event.sequence++;
  if ((options.conferenceDataVersion ?? 0) >= 1) applyConference(world, event, input.conferenceData);
  event.fields = input.fields;
  event.start = input.start;
  event.end = input.end;
  event.startMs = input.startMs;
  event.endMs = input.endMs;
  event.status = input.status;
  event.sharedProperties = input.sharedProperties;
  event.sendUpdates.push(options.sendUpdates ?? 'none');
  entry.personal = input.personal;
  entry.privateProperties = input.privateProperties;
  entry.removed = false;
  event.attendees = reconcileAttendees(world, event, input);
  syncAttendeeCopies(world, event);
  world.store.touchEvent(event);
}

function applyConference(world: EventWorld, event: SharedEvent, data: unknown): void {
  const request = readConferenceRequest(data, event.conference);
  if (request.kind === 'keep') return;
  event.conference?.cancelCompletion?.();
  if (request.kind === 'remove') {
    event.conference = undefined;
    return;
  }
  const conference = newConference(request.requestId);
  event.conference = conference;
  const delay = world.conferenceDelayMs();
  if (delay <= 0) {
    conference.status = 'success';
    return;
  }
  conference.cancelCompletion = world.clock.schedule(world.clock.now() + delay, () => {
    conference.status = 'success';
    conference.cancelCompletion = undefined;
    if (event.conference === conference) world.store.touchEvent(event);
  });
}

/** New attendee list: the organizer listed first once there are guests; users of the emulated domains keep their own answer. */
function reconcileAttendees(world: EventWorld, event: SharedEvent, input: EventInput): Attendee[] {
  if (input.attendees.length === 0) return [];
  const previous = new Map(event.attendees.map((a) => [a.email, a]));
  const organizerEmail = event.organizer.email;
  const result: Attendee[] = [];
  const seen = new Set<string>();
  if (!input.attendees.some((a) => a.email === organizerEmail)) {
    result.push({
      email: organizerEmail,
      ...(event.organizer.displayName ? { displayName: event.organizer.displayName } : {}),
      organizer: true,
      responseStatus: 'accepted',
    });
    seen.add(organizerEmail);
  }
  for (const given of input.attendees) {
    if (seen.has(given.email)) continue;
    seen.add(given.email);
    const before = previous.get(given.email);
    const isOrganizer = given.email === organizerEmail;
    const ownsAnswer = before !== undefined && world.accounts.user(given.email) !== undefined;
    const responseStatus = ownsAnswer
      ? before.responseStatus
      : (given.responseStatus ?? before?.responseStatus ?? (isOrganizer ? 'accepted' : 'needsAction'));
    const { responseStatus: _ignored, ...rest } = given;
    result.push({ ...rest, ...(isOrganizer ? { organizer: true } : {}), responseStatus });
  }
  return result;
}

/** Gives every attendee who is an emulated user a copy on their calendar; uninvited ones lose theirs. */
function syncAttendeeCopies(world: EventWorld, event: SharedEvent): void {
  const invited = new Set(event.attendees.map((a) => a.email));
  for (const email of invited) {
    if (email === event.organizerCalendarId) continue;
    const user = world.accounts.user(email);
    if (!user) continue;
    const calendar = world.store.ensureCalendar(user.email, user.timeZone);
    const existing = calendar.entries.get(event.id);
    if (existing && existing.event !== event) continue; // the id is taken there by another event
    if (existing) {
      if (existing.removed && event.attendees.find((a) => a.email === email)?.responseStatus !== 'declined') existing.removed = false;
    } else {
      world.store.attach(calendar, event, pick(event.copies.get(event.organizerCalendarId)?.personal, 'transparency'));
    }
  }
  for (const [calendarId, copy] of event.copies) {
    if (calendarId !== event.organizerCalendarId && !invited.has(calendarId)) copy.removed = true;
  }
}

const pick = (from: JsonRecord | undefined, key: string): JsonRecord => (from && from[key] !== undefined ? { [key]: from[key] } : {});

/** An attendee's write: only their answer and their own fields may change; shared fields → 403. */
function applyAttendeeWrite(world: EventWorld, entry: CalendarEntry, input: EventInput): void {
  const event = entry.event;
  const sameEmails =
    canonicalJson(input.attendees.map((a) => a.email).sort()) === canonicalJson(event.attendees.map((a) => a.email).sort());
  const sharedChanged =
    canonicalJson(input.fields) !== canonicalJson(event.fields) ||
    input.startMs !== event.startMs ||
    input.endMs !== event.endMs ||
    input.status !== event.status ||
    (input.attendees.length > 0 && !sameEmails) ||
    canonicalJson(input.sharedProperties ?? {}) !== canonicalJson(event.sharedProperties ?? {});
  if (sharedChanged) throw forbiddenForNonOrganizer();
  entry.personal = input.personal;
  entry.privateProperties = input.privateProperties;
  const mine = input.attendees.find((a) => a.email === entry.calendarId);
  const current = event.attendees.find((a) => a.email === entry.calendarId);
  const before = canonicalJson(current);
  if (mine && current) {
    if (mine.responseStatus) current.responseStatus = mine.responseStatus;
    if (mine.comment !== undefined) current.comment = mine.comment;
    if (mine.additionalGuests !== undefined) current.additionalGuests = mine.additionalGuests;
  }
  // A changed answer is visible on every copy (the organizer sees the RSVP); private parts only on this one.
  if (canonicalJson(current) !== before) world.store.touchEvent(event);
  else world.store.touch(entry);
}
