/** Calendars and events: one shared record per event, one entry per calendar holding a copy. */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

export type ResponseStatus = 'needsAction' | 'declined' | 'tentative' | 'accepted';
export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

export interface EventTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface Attendee {
  email: string;
  displayName?: string;
  optional?: boolean;
  resource?: boolean;
  organizer?: boolean;
  responseStatus: ResponseStatus;
  comment?: string;
  additionalGuests?: number;
}

/** A Meet conference being created (`pending`) or created (`success`). */
export interface Conference {
  requestId: string;
  status: 'pending' | 'success';
  conferenceId: string;
  signature: string;
  cancelCompletion?: () => void;
}

/** The organizer's event: everything all copies share. */
export interface SharedEvent {
  id: string;
  iCalUID: string;
  organizerCalendarId: string;
  organizer: { email: string; displayName?: string };
  /** Plain shared fields echoed as given: summary, description, location, visibility, recurrence, guestsCan*… */
  fields: Record<string, unknown>;
  start: EventTime;
  end: EventTime;
  startMs: number;
  endMs: number;
  status: EventStatus;
  attendees: Attendee[];
  sharedProperties?: Record<string, string>;
  conference?: Conference;
  sequence: number;
  createdMs: number;
  /** `sendUpdates` of every write, oldest first (visible through the control API). */
  sendUpdates: string[];
  copies: Map<string, CalendarEntry>;
}

/** One calendar's copy of an event, with what belongs to that calendar only. */
export interface CalendarEntry {
  event: SharedEvent;
  calendarId: string;
  privateProperties?: Record<string, string>;
  /** Per-copy fields: reminders, colorId, transparency. */
  personal: Record<string, unknown>;
  /** The attendee removed this copy (deleted it, or the organizer uninvited them). */
  removed: boolean;
  etag: string;
  updatedMs: number;
  /** Global change sequence number of the last write: what sync tokens compare against. */
  changeSeq: number;
}

export interface Calendar {
  id: string;
  timeZone: string;
  summary: string;
  entries: Map<string, CalendarEntry>;
  /** Bumped to expire every sync token issued before. */
  syncGeneration: number;
  /** Stable opaque id of the watched resource (push `resourceId`). */
  resourceId: string;
}

export const PERSONAL_FIELDS = ['reminders', 'colorId', 'transparency'] as const;

/** The status a calendar's copy shows. */
export const entryStatus = (entry: CalendarEntry): EventStatus => (entry.removed ? 'cancelled' : entry.event.status);

export const isOrganizerCopy = (entry: CalendarEntry): boolean => entry.calendarId === entry.event.organizerCalendarId;

/** Holds every calendar; all writes go through `touch` so etags, sync and push stay consistent. */
export class CalendarStore {
  readonly calendars = new Map<string, Calendar>();
  private changeSeq = 0;

  constructor(
    private readonly clock: Clock,
    /** Called after every change to a calendar (push delivery listens). */
    private readonly onChange: (calendarId: string) => void,
  ) {}

  get currentChangeSeq(): number {
    return this.changeSeq;
  }

  calendar(id: string): Calendar | undefined {
    return this.calendars.get(id.toLowerCase());
  }

  ensureCalendar(id: string, timeZone: string, summary = id): Calendar {
    const key = id.toLowerCase();
    let calendar = this.calendars.get(key);
    if (!calendar) {
      calendar = { id: key, timeZone, summary, entries: new Map(), syncGeneration: 0, resourceId: randomBytes(14).toString('base64url') };
      this.calendars.set(key, calendar);
    }
    return calendar;
  }

  deleteCalendar(id: string): void {
    const calendar = this.calendars.get(id.toLowerCase());
    if (!calendar) return;
    for (const entry of calendar.entries.values()) entry.event.copies.delete(calendar.id);
    this.calendars.delete(calendar.id);
  }

  /** Adds an entry for `event` on `calendar` (no change recorded yet: call `touch`). */
  attach(calendar: Calendar, event: SharedEvent, personal: Record<string, unknown> = {}): CalendarEntry {
    const entry: CalendarEntry = { event, calendarId: calendar.id, personal, removed: false, etag: '', updatedMs: 0, changeSeq: 0 };
    calendar.entries.set(event.id, entry);
    event.copies.set(calendar.id, entry);
    return entry;
  }

  /** Records a write to one calendar's copy: new etag, updated time, change number; notifies watchers. */
  touch(entry: CalendarEntry): void {
    const now = this.clock.now();
    entry.changeSeq = ++this.changeSeq;
    entry.updatedMs = now;
    entry.etag = `"${now * 1000 + (this.changeSeq % 1000)}"`;
    this.onChange(entry.calendarId);
  }

  /** Records a write to the shared event: every copy changes. */
  touchEvent(event: SharedEvent): void {
    for (const entry of event.copies.values()) this.touch(entry);
  }

  expireSyncTokens(calendarId: string): boolean {
    const calendar = this.calendar(calendarId);
    if (!calendar) return false;
    calendar.syncGeneration++;
    return true;
  }

  clear(): void {
    // The change counter keeps counting, so no old sync token can match the new world.
    this.calendars.clear();
  }
}
