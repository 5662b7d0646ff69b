// The emulator as the sandbox Calendar reaches it: its control API over HTTP, like any client
// (backend/emulator/README.md › Control API). Writes go through the "act as the user" routes, so
// sync sees exactly what Google would show it.

/** A directory user as `GET /emulator/v1/users` lists them (what the Calendar reads). */
export interface EmulatorUser {
  email: string;
  givenName?: string;
  familyName?: string;
  timeZone: string;
  suspended: boolean;
}

/** A time as Calendar v3 writes it: an instant (`dateTime`) or, for all-day events, a date. */
export interface EventTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

/** An event of a user's calendar as the control API shows it (Calendar v3's shape, as much as the page reads). */
export interface EmulatorEvent {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  colorId?: string;
  transparency?: 'opaque' | 'transparent';
  start: EventTime;
  end: EventTime;
  organizer: { email: string; self?: boolean };
  attendees?: Array<{ email: string; responseStatus: string; self?: boolean }>;
  hangoutLink?: string;
  extendedProperties?: { private?: Record<string, string> };
}

export type Rsvp = 'accepted' | 'declined' | 'tentative';

/** The emulator refused a control call: its status and Google's message. */
export class EmulatorRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorRefusal';
  }
}

export class EmulatorClient {
  constructor(private readonly baseUrl: string) {}

  async users(): Promise<EmulatorUser[]> {
    return (await this.call<{ users: EmulatorUser[] }>('GET', '/users')).users;
  }

  /** One user, or undefined when the emulator has no such user. */
  async user(email: string): Promise<EmulatorUser | undefined> {
    try {
      return await this.call<EmulatorUser>('GET', `/users/${encodeURIComponent(email)}`);
    } catch (error) {
      if (error instanceof EmulatorRefusal && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The emulator's clock: the sandbox's "now" (tests move it; the wall clock is not the sandbox's time). */
  async now(): Promise<Date> {
    return new Date((await this.call<{ nowMs: number }>('GET', '/clock')).nowMs);
  }

  /** Every event of the user's primary calendar, cancelled ones included (as the API keeps them). */
  async events(email: string): Promise<EmulatorEvent[]> {
    return (await this.call<{ items: EmulatorEvent[] }>('GET', `${calendarPath(email)}`)).items;
  }

  async event(email: string, eventId: string): Promise<EmulatorEvent | undefined> {
    try {
      return await this.call<EmulatorEvent>('GET', `${calendarPath(email)}/${encodeURIComponent(eventId)}`);
    } catch (error) {
      if (error instanceof EmulatorRefusal && error.status === 404) return undefined;
      throw error;
    }
  }

  move(email: string, eventId: string, times: { start: EventTime; end: EventTime }): Promise<EmulatorEvent> {
    return this.call('POST', `${calendarPath(email)}/${encodeURIComponent(eventId)}/move`, times);
  }

  async delete(email: string, eventId: string): Promise<void> {
    await this.call('DELETE', `${calendarPath(email)}/${encodeURIComponent(eventId)}`);
  }

  respond(email: string, eventId: string, responseStatus: Rsvp): Promise<EmulatorEvent> {
    return this.call('POST', `${calendarPath(email)}/${encodeURIComponent(eventId)}/respond`, { responseStatus });
  }

  /** An ordinary event the user makes in their own calendar: busy time, no guests. */
  create(email: string, event: { summary: string; start: EventTime; end: EventTime }): Promise<EmulatorEvent> {
    return this.call('POST', calendarPath(email), { ...event, transparency: 'opaque' });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/emulator/v1${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const text = await response.text();
      const message = (() => {
        try {
          return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
        } catch {
          return text;
        }
      })();
      throw new EmulatorRefusal(response.status, message);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}

const calendarPath = (email: string) => `/users/${encodeURIComponent(email)}/events`;
