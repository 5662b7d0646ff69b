import type { BackoffOptions } from '../../google/backoff.js';
import type { CalendarAdapter } from '../../google/calendar.js';
import type { DomainDeps } from '../deps.js';
import type { MailOutbox } from '../outbox/outbox.js';

/** The Google Calendar calls scheduling makes; CalendarAdapter in production, the same over the emulator in tests. */
export type CalendarGateway = Pick<CalendarAdapter, 'freeBusy' | 'busyEvents' | 'insertEvent' | 'getEvent' | 'moveEvent' | 'deleteEvent'>;

/** Points between saga steps; tests throw from `onSagaStep` to simulate a crash there. */
export type SagaStep =
  'booking.pending' | 'booking.inserted' | 'reschedule.started' | 'reschedule.patched' | 'cancel.started' | 'cancel.deleted';

/** What scheduling use cases need beyond the database and the clock. */
export interface SchedulingDeps extends DomainDeps {
  /**
   * Google Calendar as the organization's users. In the running backend it reports access refusals
   * (main.ts, domain/health/report-access-failures.ts): a call Google refuses for a user (not
   * installed, unknown, suspended, deleted, credentials) also updates that person's
   * PersonCalendarAccess and queues a health evaluation before the error reaches the use case. So
   * every booking, move, cancel, RSVP refresh and availability read may write that row; the use
   * cases rely on it for `calendar_not_connected` to show in the integration's health at once.
   */
  calendar: CalendarGateway;
  /**
   * The mail outbox, for sessions neither member's calendar is connected for: Together then mails both
   * an iCalendar invitation. Absent, such a booking is refused with `calendar_not_connected`.
   */
  outbox?: MailOutbox;
  /** Retries of Google calls made while a user waits; short, so requests stay snappy. */
  backoff?: BackoffOptions;
  /** How long booking waits for Google Meet: `attempts` reads of the event, `delayMs` apart. */
  conferencePoll?: { attempts: number; delayMs: number };
  /** How long a cached RSVP stays fresh before the organizer's copy is read again. */
  rsvpTtlMs?: number;
  /** Told once a booking is in Google (calendar sync then watches both members' calendars); must not throw. */
  onSessionBooked?: (session: { organizationId: string; organizerId: string; attendeeId: string }) => Promise<void>;
  /** Test hook: called after each saga step; a throw there is a crash between steps. */
  onSagaStep?: (step: SagaStep, sessionId: string) => void | Promise<void>;
}

/** Retries for calls a user waits on: 3 attempts within about a second and a half. */
export const INTERACTIVE_BACKOFF: BackoffOptions = { attempts: 3, baseDelayMs: 200, maxDelayMs: 1_500 };
export const DEFAULT_CONFERENCE_POLL = { attempts: 6, delayMs: 250 };
export const DEFAULT_RSVP_TTL_MS = 5 * 60_000;
