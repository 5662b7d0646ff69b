/** The user API's JSON (backend/http/user/README.md), as far as the add-on reads it. */

export type ResponseStatus = 'accepted' | 'declined' | 'tentative' | 'needsAction';

export interface PersonRef {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
}

/** Something about a session the user should act on (a decline, a conflict after a move in Google Calendar). */
export interface SessionAttention {
  readonly code: string;
  readonly message: string;
}

export interface Session {
  readonly id: string;
  readonly version: number;
  readonly matchingId: string;
  readonly sessionNumber: number;
  readonly program: { readonly id: string; readonly name: string };
  readonly role: 'mentor' | 'mentee' | null;
  readonly match: PersonRef | null;
  readonly viewerIsOrganizer: boolean;
  readonly agenda: string | null;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  /** ISO 8601 in the viewer's zone with that day's offset, e.g. 2027-03-15T16:00:00.000+01:00. */
  readonly startLocal: string;
  readonly endLocal: string;
  readonly durationMinutes: number;
  readonly status: 'PENDING' | 'CONFIRMED' | 'DECLINED' | 'CANCELLED' | 'FAILED';
  readonly pendingOperation: 'BOOKING' | 'RESCHEDULING' | 'CANCELLING' | null;
  /** Null when Together cannot know it (rsvpVisible false). */
  readonly matchResponseStatus: ResponseStatus | null;
  /** How the session reached the calendars; absent on older backends (then it is in the organizer's calendar). */
  readonly calendarPath?: 'BOOKER_CALENDAR' | 'MATCH_CALENDAR' | 'EMAIL_INVITATION';
  /** False for email invitations: Together cannot see the match's answer, and the card must not pretend to. */
  readonly rsvpVisible?: boolean;
  /** Where the session is, in plain words from the viewer's side. */
  readonly calendarNote?: string;
  readonly conference: { readonly status: 'NONE' | 'PENDING' | 'SUCCESS' | 'FAILURE'; readonly meetLink: string | null };
  readonly calendar: { readonly calendarId: string | null; readonly eventId: string | null };
  readonly cancelReason: string | null;
  readonly allowedActions: readonly string[];
  /** Added by the sync work (issue 7); absent on older backends. */
  readonly attention?: SessionAttention | null;
}

export interface Matching {
  readonly id: string;
  readonly role: 'mentor' | 'mentee';
  readonly agenda: string | null;
  readonly program: { readonly id: string; readonly name: string; readonly sessionDurations: readonly number[] };
  readonly match: PersonRef & { readonly timeZone: string };
}

/** The organization's method, and for the per-user method the user's own connection. */
export interface CalendarConnection {
  readonly method: 'DOMAIN_WIDE' | 'PER_USER' | null;
  /** Per-user only: CONNECTED, NEEDS_RECONNECT (Google refused it), BLOCKED_BY_POLICY, or NOT_CONNECTED. */
  readonly status: 'CONNECTED' | 'NEEDS_RECONNECT' | 'BLOCKED_BY_POLICY' | 'NOT_CONNECTED' | null;
  readonly connectedAt: string | null;
}

export interface Me {
  readonly person: PersonRef & { readonly timeZone: string };
  readonly organization: { readonly id: string; readonly name: string };
  readonly calendarConnected: boolean;
  /** How Together reaches the user's calendar; absent on older backends. */
  readonly calendarConnection?: CalendarConnection;
  readonly matchings: readonly Matching[];
}

export interface Slot {
  readonly start: string;
  readonly end: string;
  readonly startLocal: string;
  readonly endLocal: string;
}

export interface Slots {
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly checked: { readonly viewer: boolean; readonly match: boolean };
  readonly unchecked: boolean;
  readonly slots: readonly Slot[];
}
