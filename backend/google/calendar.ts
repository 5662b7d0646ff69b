import { google, type calendar_v3 } from 'googleapis';
import type { DelegatedAuth } from './delegated-auth.js';
import type { GoogleEndpoints } from './endpoints.js';
import { translateGoogleError, type DelegationContext } from './errors.js';

/**
 * Google Calendar, acting as one user at a time through domain-wide delegation. Methods translate
 * data and errors only; retries and decisions belong to the callers.
 */
export class CalendarAdapter {
  constructor(
    private readonly auth: DelegatedAuth,
    private readonly endpoints: GoogleEndpoints,
    private readonly context: DelegationContext,
  ) {}

  /** The time zone of the user's calendar: the integration test's one cheap read. */
  async getTimeZone(subject: string): Promise<string> {
    const response = await this.call(subject, (calendar) => calendar.settings.get({ setting: 'timezone' }));
    return response.data.value ?? 'UTC';
  }

  /** Runs one Calendar call as `subject`, turning any failure into a GoogleApiError. */
  private async call<T>(subject: string, request: (calendar: calendar_v3.Calendar) => Promise<T>): Promise<T> {
    // googleapis' own retries ignore Retry-After and would multiply quota use: callers back off instead.
    const calendar = google.calendar({ version: 'v3', auth: this.auth.clientFor(subject), retry: false, ...this.endpoints.apiOptions() });
    try {
      return await request(calendar);
    } catch (error) {
      const translated = translateGoogleError(error, this.context);
      // A JWT never fetches a new token after a 401: start over with a fresh client next time.
      if (translated.kind === 'unauthenticated') this.auth.forget(subject);
      throw translated;
    }
  }
}
