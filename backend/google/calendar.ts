// Only the Calendar API: `googleapis`' index loads every Google API (≈ 100 MB).
import { DateTime } from 'luxon';
import { calendar_v3 } from 'googleapis/build/src/apis/calendar/v3.js';
import { gatedCall } from './call-gate.js';
import type { GoogleCredentials } from './credentials.js';
import type { TokenOptions } from './delegated-auth.js';
import type { GoogleEndpoints } from './endpoints.js';
import type { Impersonation } from './impersonation.js';
import { translateGoogleError, type DelegationContext } from './errors.js';

/**
 * Google Calendar, acting as one user at a time: through domain-wide delegation or the person's own
 * connection, as the organization's method says (GoogleCredentials picks). Methods translate data and
 * errors only; retries and decisions belong to the callers.
 */
export class CalendarAdapter {
  constructor(
    private readonly auth: GoogleCredentials,
    private readonly endpoints: GoogleEndpoints,
    private readonly context: DelegationContext,
  ) {}

  /**
   * The time zone of the user's calendar: the integration test's one cheap read. With `freshToken`,
   * a new delegated token is asked for first (the check of the delegation itself; see DelegatedAuth).
   */
  async getTimeZone(who: Impersonation, options: TokenOptions = {}): Promise<string> {
    const response = await this.call(who, 'calendar.settings.get', (calendar) => calendar.settings.get({ setting: 'timezone' }), options);
    return response.data.value ?? 'UTC';
  }

  /**
   * Free/busy of several calendars in one call, as `subject`. A calendar the subject may not see comes
   * back with `error` (Google answers `notFound` per calendar inside a 200).
   */
  async freeBusy(
    who: Impersonation,
    query: { timeMin: Date; timeMax: Date; calendars: string[] },
  ): Promise<Record<string, CalendarFreeBusy>> {
    const response = await this.call(who, 'calendar.freebusy.query', (calendar) =>
      calendar.freebusy.query({
        requestBody: {
          timeMin: query.timeMin.toISOString(),
          timeMax: query.timeMax.toISOString(),
          timeZone: 'UTC',
          items: query.calendars.map((id) => ({ id })),
        },
      }),
    );
    const answer: Record<string, CalendarFreeBusy> = {};
    for (const id of query.calendars) {
      const entry = response.data.calendars?.[id] ?? response.data.calendars?.[id.toLowerCase()];
      const error = entry?.errors?.[0]?.reason ?? (entry ? undefined : 'notFound');
      const busy = (entry?.busy ?? []).flatMap((block) =>
        block.start && block.end ? [{ start: new Date(block.start), end: new Date(block.end) }] : [],
      );
      answer[id] = error ? { busy, error } : { busy };
    }
    return answer;
  }

  /**
   * Inserts an event into the subject's primary calendar with a client-chosen id, notifying guests and
   * asking for a Meet link when `requestMeet` names a request id. A repeated id fails with kind `duplicate`.
   */
  async insertEvent(who: Impersonation, event: NewCalendarEvent): Promise<CalendarEvent> {
    const response = await this.call(who, 'calendar.events.insert', (calendar) =>
      calendar.events.insert({
        calendarId: 'primary',
        conferenceDataVersion: 1,
        sendUpdates: 'all',
        requestBody: {
          id: event.id,
          summary: event.summary,
          description: event.description,
          start: { dateTime: event.start.toISOString(), timeZone: event.timeZone },
          end: { dateTime: event.end.toISOString(), timeZone: event.timeZone },
          attendees: event.attendees.map((email) => ({ email })),
          extendedProperties: { private: event.privateProperties },
          guestsCanModify: false,
          ...(event.meetRequestId
            ? { conferenceData: { createRequest: { requestId: event.meetRequestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } } }
            : {}),
        },
      }),
    );
    return toCalendarEvent(response.data);
  }

  /** One event of the subject's primary calendar (cancelled ones included, as Google returns them). */
  async getEvent(who: Impersonation, eventId: string): Promise<CalendarEvent> {
    const response = await this.call(who, 'calendar.events.get', (calendar) => calendar.events.get({ calendarId: 'primary', eventId }));
    return toCalendarEvent(response.data);
  }

  /** Moves an event, keeping its Meet conference and notifying guests. */
  async moveEvent(who: Impersonation, eventId: string, times: { start: Date; end: Date; timeZone: string }): Promise<CalendarEvent> {
    const response = await this.call(who, 'calendar.events.patch', (calendar) =>
      calendar.events.patch({
        calendarId: 'primary',
        eventId,
        conferenceDataVersion: 1,
        sendUpdates: 'all',
        requestBody: {
          start: { dateTime: times.start.toISOString(), timeZone: times.timeZone },
          end: { dateTime: times.end.toISOString(), timeZone: times.timeZone },
        },
      }),
    );
    return toCalendarEvent(response.data);
  }

  /** Deletes (cancels) an event, notifying guests. Google answers 404/410 when it is already gone. */
  async deleteEvent(who: Impersonation, eventId: string): Promise<void> {
    await this.call(who, 'calendar.events.delete', (calendar) =>
      calendar.events.delete({ calendarId: 'primary', eventId, sendUpdates: 'all' }),
    );
  }

  /**
   * One page of the subject's primary-calendar changes: with `syncToken`, what changed since; without,
   * a full listing from `timeMin`. Cancelled (deleted) events are included either way: a full listing
   * without `showDeleted` leaves them out, so a deletion made before a first or 410-forced full sync
   * would never be seen (the same parameter on both, as Google asks). Google forbids `timeMin` with a
   * sync token, and a stale token fails with kind `sync_token_expired` (410 fullSyncRequired).
   */
  async listEventChanges(
    who: Impersonation,
    page: { syncToken?: string; timeMin?: Date; pageToken?: string },
  ): Promise<CalendarChangePage> {
    const response = await this.call(who, 'calendar.events.list', (calendar) =>
      calendar.events.list({
        calendarId: 'primary',
        maxResults: 2500,
        showDeleted: true,
        ...(page.syncToken ? { syncToken: page.syncToken } : page.timeMin ? { timeMin: page.timeMin.toISOString() } : {}),
        ...(page.pageToken ? { pageToken: page.pageToken } : {}),
      }),
    );
    return {
      events: (response.data.items ?? []).map(toCalendarEvent),
      ...(response.data.nextPageToken ? { nextPageToken: response.data.nextPageToken } : {}),
      ...(response.data.nextSyncToken ? { nextSyncToken: response.data.nextSyncToken } : {}),
    };
  }

  /**
   * Times in [timeMin, timeMax) the subject's own calendar is busy, one entry per event (not merged,
   * so one event can be told from the others), by free/busy's rules: opaque, not cancelled, not declined
   * by the subject (tentative and unanswered invitations block); all-day events span their dates in the
   * event's or the calendar's zone. Only the fields needed are asked for; every page is read.
   */
  async busyEvents(who: Impersonation, range: { timeMin: Date; timeMax: Date }): Promise<Array<{ id: string; start: Date; end: Date }>> {
    const busy: Array<{ id: string; start: Date; end: Date }> = [];
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const response = await this.call(who, 'calendar.events.list', (calendar) =>
        calendar.events.list({
          calendarId: 'primary',
          timeMin: range.timeMin.toISOString(),
          timeMax: range.timeMax.toISOString(),
          singleEvents: true,
          maxResults: 2500,
          fields: 'nextPageToken,timeZone,items(id,status,transparency,start,end,attendees(self,responseStatus))',
          ...(token ? { pageToken: token } : {}),
        }),
      );
      const zone = response.data.timeZone ?? 'UTC';
      for (const event of response.data.items ?? []) {
        const declined = event.attendees?.some((a) => a.self && a.responseStatus === 'declined');
        const start = eventInstant(event.start, zone);
        const end = eventInstant(event.end, zone);
        if (
          event.status === 'cancelled' ||
          event.transparency === 'transparent' ||
          declined ||
          !event.id ||
          start === undefined ||
          end === undefined
        )
          continue;
        busy.push({ id: event.id, start: new Date(start), end: new Date(end) });
      }
      pageToken = response.data.nextPageToken ?? undefined;
    } while (pageToken);
    return busy;
  }

  /**
   * Opens a push channel on the subject's primary calendar: Google POSTs to `address` with `token`
   * echoed on every change until `expiration` (Google may shorten it; the answer says when).
   */
  async watchEvents(
    who: Impersonation,
    channel: { id: string; address: string; token: string; expiration: Date },
  ): Promise<{ resourceId: string; expiration: Date }> {
    const response = await this.call(who, 'calendar.events.watch', (calendar) =>
      calendar.events.watch({
        calendarId: 'primary',
        requestBody: {
          id: channel.id,
          type: 'web_hook',
          address: channel.address,
          token: channel.token,
          expiration: String(channel.expiration.getTime()),
        },
      }),
    );
    const expiration = Number(response.data.expiration);
    return {
      resourceId: response.data.resourceId ?? '',
      expiration: Number.isFinite(expiration) && expiration > 0 ? new Date(expiration) : channel.expiration,
    };
  }

  /** Stops a push channel. Google answers 404 (kind `not_found`) when it is already gone. */
  async stopChannel(who: Impersonation, channel: { id: string; resourceId: string }): Promise<void> {
    await this.call(who, 'calendar.channels.stop', (calendar) =>
      calendar.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }),
    );
  }

  /** Runs one Calendar call as `subject` within the quotas (the endpoints' gate), turning any failure into a GoogleApiError. */
  private async call<T>(
    who: Impersonation,
    method: string,
    request: (calendar: calendar_v3.Calendar) => Promise<T>,
    options: TokenOptions = {},
  ): Promise<T> {
    const auth = await this.auth.clientFor(who, options);
    // googleapis' own retries ignore Retry-After and would multiply quota use: callers back off instead.
    const calendar = new calendar_v3.Calendar({ auth, retry: false, ...this.endpoints.apiOptions() });
    return gatedCall(this.endpoints.calls, { method, subject: who.subject }, async () => {
      try {
        return await request(calendar);
      } catch (error) {
        const translated = translateGoogleError(error, this.context);
        // Neither client fetches a new token after a 401: start over with a fresh one next time.
        if (translated.kind === 'unauthenticated') this.auth.forget(who.subject);
        throw translated;
      }
    });
  }
}

/** One page of calendar changes; `nextSyncToken` comes on the last page only. */
export interface CalendarChangePage {
  events: CalendarEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

/** Busy blocks of one calendar, or why Google did not say. */
export interface CalendarFreeBusy {
  busy: { start: Date; end: Date }[];
  /** Google's per-calendar reason, e.g. `notFound` when the caller may not see it. */
  error?: string;
}

/** What the backend writes when it creates a mentoring-session event. */
export interface NewCalendarEvent {
  /** base32hex, 5–1024 characters: derived from our own id so a retry can never create a second event. */
  id: string;
  summary: string;
  description: string;
  start: Date;
  end: Date;
  /** IANA zone the organizer sees the event in. */
  timeZone: string;
  attendees: string[];
  privateProperties: Record<string, string>;
  /** A Meet request id; absent, no conference is asked for. */
  meetRequestId?: string;
}

/** The parts of a Google event the backend reads back: metadata only. */
export interface CalendarEvent {
  id: string;
  etag?: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  start?: Date;
  end?: Date;
  organizerEmail?: string;
  attendees: { email: string; responseStatus: 'needsAction' | 'accepted' | 'tentative' | 'declined' }[];
  conference: 'none' | 'pending' | 'success' | 'failure';
  meetLink?: string;
  privateProperties: Record<string, string>;
}

/** An event time as an instant: `dateTime` as is, an all-day `date` at midnight in its zone (or the calendar's). */
function eventInstant(time: calendar_v3.Schema$EventDateTime | undefined, calendarZone: string): number | undefined {
  if (time?.dateTime) return Date.parse(time.dateTime);
  if (!time?.date) return undefined;
  const midnight = DateTime.fromISO(time.date, { zone: time.timeZone ?? calendarZone });
  return midnight.isValid ? midnight.toMillis() : undefined;
}

const RESPONSE_STATUSES = new Set(['needsAction', 'accepted', 'tentative', 'declined']);

function toCalendarEvent(event: calendar_v3.Schema$Event): CalendarEvent {
  const statusCode = event.conferenceData?.createRequest?.status?.statusCode;
  const meetLink =
    event.hangoutLink ?? event.conferenceData?.entryPoints?.find((entry) => entry.entryPointType === 'video')?.uri ?? undefined;
  const conference = meetLink
    ? 'success'
    : statusCode === 'pending' || statusCode === 'failure' || statusCode === 'success'
      ? statusCode
      : 'none';
  const time = (value: calendar_v3.Schema$EventDateTime | undefined) => (value?.dateTime ? new Date(value.dateTime) : undefined);
  return {
    id: event.id ?? '',
    ...(event.etag ? { etag: event.etag } : {}),
    status: event.status === 'cancelled' || event.status === 'tentative' ? event.status : 'confirmed',
    start: time(event.start),
    end: time(event.end),
    ...(event.organizer?.email ? { organizerEmail: event.organizer.email.toLowerCase() } : {}),
    attendees: (event.attendees ?? []).flatMap((attendee) =>
      attendee.email
        ? [
            {
              email: attendee.email.toLowerCase(),
              responseStatus: (RESPONSE_STATUSES.has(attendee.responseStatus ?? '')
                ? attendee.responseStatus
                : 'needsAction') as CalendarEvent['attendees'][number]['responseStatus'],
            },
          ]
        : [],
    ),
    conference,
    ...(meetLink ? { meetLink } : {}),
    privateProperties: { ...(event.extendedProperties?.private ?? {}) },
  };
}
