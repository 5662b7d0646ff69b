// Generated from the user API's part of docs/openapi.json by `npm run openapi:generate`: do not edit.
// addon/src/backend-types.ts names what the add-on reads of it.

export interface paths {
  readonly '/addon/v1/me': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The signed-in person, their organization, calendar connection and active matchings */
    readonly get: operations['getAddonV1Me'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/sessions/upcoming': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The caller's sessions not yet over (PENDING, CONFIRMED, DECLINED), soonest first */
    readonly get: operations['getAddonV1SessionsUpcoming'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/sessions/by-event': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** The Together session behind a Calendar event the user opened, or null for any other event */
    readonly get: operations['getAddonV1SessionsByEvent'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/sessions/{sessionId}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** One of the caller's sessions */
    readonly get: operations['getAddonV1SessionsSessionId'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/matchings/{matchingId}/slots': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Ranked mutual free slots to book (no `duration`: the program's first offered length) */
    readonly get: operations['getAddonV1MatchingsMatchingIdSlots'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/sessions/{sessionId}/slots': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /** Ranked slots to move a session to (its own event counts as free) */
    readonly get: operations['getAddonV1SessionsSessionIdSlots'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/matchings/{matchingId}/sessions': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Book a session: the caller organizes it, in their own calendar where it is connected */
    readonly post: operations['postAddonV1MatchingsMatchingIdSessions'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/sessions/{sessionId}/reschedule': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Move a session (`version` must be the one last read; a retry to the same time answers 200) */
    readonly post: operations['postAddonV1SessionsSessionIdReschedule'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/sessions/{sessionId}/cancel': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Cancel a session (again: no change) */
    readonly post: operations['postAddonV1SessionsSessionIdCancel'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/calendar-connection/link': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /** Per-user method: a single-use link (15 minutes) to the backend's connect page for the caller */
    readonly post: operations['postAddonV1CalendarConnectionLink'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/addon/v1/calendar-connection': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    readonly post?: never;
    /** Per-user method: revoke the caller's connection at Google and delete it */
    readonly delete: operations['deleteAddonV1CalendarConnection'];
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description The signed-in person, their organization, calendar connection and active matchings. */
    readonly Me: {
      readonly person: {
        /**
         * Format: uuid
         * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
         */
        readonly id: string;
        /** @example Ana García */
        readonly displayName: string;
        /** @example ana.garcia@acme.test */
        readonly email: string;
        /** @example Europe/Madrid */
        readonly timeZone: string;
      };
      readonly organization: {
        /**
         * Format: uuid
         * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
         */
        readonly id: string;
        readonly name: string;
      };
      readonly calendarConnected: boolean;
      readonly calendarConnection: {
        readonly method: ('DOMAIN_WIDE' | 'PER_USER') | null;
        readonly status: ('CONNECTED' | 'NEEDS_RECONNECT' | 'BLOCKED_BY_POLICY' | 'NOT_CONNECTED') | null;
        readonly connectedAt: string | null;
      };
      readonly matchings: readonly {
        /**
         * Format: uuid
         * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
         */
        readonly id: string;
        /** @enum {string} */
        readonly role: 'mentor' | 'mentee';
        readonly agenda: string | null;
        readonly program: {
          /**
           * Format: uuid
           * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
           */
          readonly id: string;
          readonly name: string;
          readonly sessionDurations: readonly number[];
        };
        readonly match: {
          /**
           * Format: uuid
           * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
           */
          readonly id: string;
          /** @example Ana García */
          readonly displayName: string;
          /** @example ana.garcia@acme.test */
          readonly email: string;
          /** @example Europe/Madrid */
          readonly timeZone: string;
        };
      }[];
    };
    /** @description A mentoring session from the viewer's side. */
    readonly Session: {
      /**
       * Format: uuid
       * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
       */
      readonly id: string;
      readonly version: number;
      /**
       * Format: uuid
       * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
       */
      readonly matchingId: string;
      readonly sessionNumber: number;
      readonly program: {
        /**
         * Format: uuid
         * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
         */
        readonly id: string;
        readonly name: string;
      };
      readonly role: ('mentor' | 'mentee') | null;
      readonly match: {
        /**
         * Format: uuid
         * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
         */
        readonly id: string;
        /** @example Ana García */
        readonly displayName: string;
        /** @example ana.garcia@acme.test */
        readonly email: string;
      } | null;
      readonly organizer: {
        /**
         * Format: uuid
         * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
         */
        readonly id: string;
        /** @example Ana García */
        readonly displayName: string;
        /** @example ana.garcia@acme.test */
        readonly email: string;
      };
      readonly attendee: {
        /**
         * Format: uuid
         * @example 0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b
         */
        readonly id: string;
        /** @example Ana García */
        readonly displayName: string;
        /** @example ana.garcia@acme.test */
        readonly email: string;
      };
      readonly viewerIsOrganizer: boolean;
      readonly agenda: string | null;
      /**
       * Format: date-time
       * @example 2027-03-15T15:00:00.000Z
       */
      readonly start: string;
      /**
       * Format: date-time
       * @example 2027-03-15T15:00:00.000Z
       */
      readonly end: string;
      /** @example Europe/Madrid */
      readonly timeZone: string;
      /**
       * Format: date-time
       * @example 2027-03-15T16:00:00.000+01:00
       */
      readonly startLocal: string;
      /**
       * Format: date-time
       * @example 2027-03-15T16:00:00.000+01:00
       */
      readonly endLocal: string;
      readonly durationMinutes: number;
      /** @enum {string} */
      readonly status: 'PENDING' | 'CONFIRMED' | 'DECLINED' | 'CANCELLED' | 'FAILED';
      readonly pendingOperation: ('BOOKING' | 'RESCHEDULING' | 'CANCELLING') | null;
      /** @enum {string} */
      readonly calendarPath: 'BOOKER_CALENDAR' | 'MATCH_CALENDAR' | 'EMAIL_INVITATION';
      readonly rsvpVisible: boolean;
      readonly calendarNote: string;
      readonly attendeeResponseStatus: ('needsAction' | 'accepted' | 'tentative' | 'declined') | null;
      readonly matchResponseStatus: ('needsAction' | 'accepted' | 'tentative' | 'declined') | null;
      readonly rsvpCheckedAt: string | null;
      readonly conference: {
        /** @enum {string} */
        readonly status: 'NONE' | 'PENDING' | 'SUCCESS' | 'FAILURE';
        readonly meetLink: string | null;
      };
      readonly calendar: {
        readonly calendarId: string | null;
        readonly eventId: string | null;
      };
      readonly cancelReason: string | null;
      readonly attention: {
        readonly code: string;
        readonly message: string;
      } | null;
      readonly allowedActions: readonly ('reschedule' | 'cancel')[];
    };
    /** @description Ranked mutual free slots, in the viewer's zone. */
    readonly Slots: {
      /** @example Europe/Madrid */
      readonly timeZone: string;
      readonly durationMinutes: number;
      readonly range: {
        /**
         * Format: date-time
         * @example 2027-03-15T15:00:00.000Z
         */
        readonly from: string;
        /**
         * Format: date-time
         * @example 2027-03-15T15:00:00.000Z
         */
        readonly to: string;
      };
      readonly checked: {
        readonly viewer: boolean;
        readonly match: boolean;
      };
      readonly unchecked: boolean;
      readonly slots: readonly {
        /**
         * Format: date-time
         * @example 2027-03-15T15:00:00.000Z
         */
        readonly start: string;
        /**
         * Format: date-time
         * @example 2027-03-15T15:00:00.000Z
         */
        readonly end: string;
        /**
         * Format: date-time
         * @example 2027-03-15T16:00:00.000+01:00
         */
        readonly startLocal: string;
        /**
         * Format: date-time
         * @example 2027-03-15T16:00:00.000+01:00
         */
        readonly endLocal: string;
      }[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  readonly getAddonV1Me: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Who is signed in */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Me'];
        };
      };
      /** @description `invalid_request`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'invalid_request' | 'json_too_complex' | 'malformed_json' | 'request_aborted' | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly getAddonV1SessionsUpcoming: {
    readonly parameters: {
      readonly query?: {
        readonly limit?: number;
        readonly timeZone?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The sessions */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly sessions: readonly components['schemas']['Session'][];
          };
        };
      };
      /** @description `invalid_request`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'invalid_request' | 'json_too_complex' | 'malformed_json' | 'request_aborted' | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly getAddonV1SessionsByEvent: {
    readonly parameters: {
      readonly query: {
        readonly calendarId: string;
        readonly eventId: string;
        readonly timeZone?: string;
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The session, or null */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly session: components['schemas']['Session'] | null;
          };
        };
      };
      /** @description `invalid_request`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'invalid_request' | 'json_too_complex' | 'malformed_json' | 'request_aborted' | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `calendar_unavailable` */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'calendar_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly getAddonV1SessionsSessionId: {
    readonly parameters: {
      readonly query?: {
        readonly timeZone?: string;
      };
      readonly header?: never;
      readonly path: {
        readonly sessionId: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The session */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly session: components['schemas']['Session'];
          };
        };
      };
      /** @description `invalid_request`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'invalid_request' | 'json_too_complex' | 'malformed_json' | 'request_aborted' | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `calendar_unavailable` */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'calendar_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly getAddonV1MatchingsMatchingIdSlots: {
    readonly parameters: {
      readonly query?: {
        readonly duration?: number;
        readonly from?: string;
        readonly to?: string;
        readonly timeZone?: string;
      };
      readonly header?: never;
      readonly path: {
        readonly matchingId: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The slots */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Slots'];
        };
      };
      /** @description `duration_not_offered`, `invalid_request`, `invalid_time_range`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code:
                | 'duration_not_offered'
                | 'invalid_request'
                | 'invalid_time_range'
                | 'json_too_complex'
                | 'malformed_json'
                | 'request_aborted'
                | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `calendar_unavailable` */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'calendar_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly getAddonV1SessionsSessionIdSlots: {
    readonly parameters: {
      readonly query?: {
        readonly duration?: number;
        readonly from?: string;
        readonly to?: string;
        readonly timeZone?: string;
      };
      readonly header?: never;
      readonly path: {
        readonly sessionId: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The slots */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Slots'];
        };
      };
      /** @description `duration_not_offered`, `invalid_request`, `invalid_time_range`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code:
                | 'duration_not_offered'
                | 'invalid_request'
                | 'invalid_time_range'
                | 'json_too_complex'
                | 'malformed_json'
                | 'request_aborted'
                | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `session_not_modifiable` */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'session_not_modifiable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `calendar_unavailable` */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'calendar_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly postAddonV1MatchingsMatchingIdSessions: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly matchingId: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          /**
           * Format: date-time
           * @example 2027-03-16T17:00:00+01:00
           */
          readonly start: string;
          readonly durationMinutes: number;
          /** @example Europe/Madrid */
          readonly timeZone?: string;
        };
      };
    };
    readonly responses: {
      /** @description Booked */
      readonly 201: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly session: components['schemas']['Session'];
          };
        };
      };
      /** @description `duration_not_offered`, `invalid_request`, `invalid_time_range`, `json_too_complex`, `malformed_json`, `request_aborted`, `start_not_on_grid`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code:
                | 'duration_not_offered'
                | 'invalid_request'
                | 'invalid_time_range'
                | 'json_too_complex'
                | 'malformed_json'
                | 'request_aborted'
                | 'start_not_on_grid'
                | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `already_exists`, `calendar_not_connected`, `slot_unavailable` */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'already_exists' | 'calendar_not_connected' | 'slot_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `constraint_violation`, `invalid_reference` */
      readonly 422: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'constraint_violation' | 'invalid_reference';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `calendar_unavailable` */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'calendar_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly postAddonV1SessionsSessionIdReschedule: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly sessionId: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly version: number;
          /**
           * Format: date-time
           * @example 2027-03-16T17:00:00+01:00
           */
          readonly start: string;
          readonly durationMinutes?: number;
          /** @example Europe/Madrid */
          readonly timeZone?: string;
        };
      };
    };
    readonly responses: {
      /** @description Moved */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly session: components['schemas']['Session'];
          };
        };
      };
      /** @description `duration_not_offered`, `invalid_request`, `invalid_time_range`, `json_too_complex`, `malformed_json`, `request_aborted`, `start_not_on_grid`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code:
                | 'duration_not_offered'
                | 'invalid_request'
                | 'invalid_time_range'
                | 'json_too_complex'
                | 'malformed_json'
                | 'request_aborted'
                | 'start_not_on_grid'
                | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `already_exists`, `session_not_modifiable`, `slot_unavailable`, `version_conflict` */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'already_exists' | 'session_not_modifiable' | 'slot_unavailable' | 'version_conflict';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `constraint_violation`, `invalid_reference` */
      readonly 422: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'constraint_violation' | 'invalid_reference';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `calendar_unavailable` */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'calendar_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly postAddonV1SessionsSessionIdCancel: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly sessionId: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody: {
      readonly content: {
        readonly 'application/json': {
          readonly version: number;
          readonly reason?: string;
          /** @example Europe/Madrid */
          readonly timeZone?: string;
        };
      };
    };
    readonly responses: {
      /** @description Cancelled */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly session: components['schemas']['Session'];
          };
        };
      };
      /** @description `invalid_request`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'invalid_request' | 'json_too_complex' | 'malformed_json' | 'request_aborted' | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `already_exists`, `session_not_modifiable`, `version_conflict` */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'already_exists' | 'session_not_modifiable' | 'version_conflict';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `constraint_violation`, `invalid_reference` */
      readonly 422: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'constraint_violation' | 'invalid_reference';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `calendar_unavailable` */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'calendar_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly postAddonV1CalendarConnectionLink: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description The link */
      readonly 201: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            /** Format: uri */
            readonly url: string;
            /**
             * Format: date-time
             * @example 2027-03-15T15:00:00.000Z
             */
            readonly expiresAt: string;
          };
        };
      };
      /** @description `invalid_request`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'invalid_request' | 'json_too_complex' | 'malformed_json' | 'request_aborted' | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `already_exists`, `not_per_user`, `token_keys_missing` */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'already_exists' | 'not_per_user' | 'token_keys_missing';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `constraint_violation`, `invalid_reference` */
      readonly 422: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'constraint_violation' | 'invalid_reference';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
  readonly deleteAddonV1CalendarConnection: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** @description Whether there was one */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly disconnected: boolean;
          };
        };
      };
      /** @description `invalid_request`, `json_too_complex`, `malformed_json`, `request_aborted`, `unreadable_body` */
      readonly 400: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'invalid_request' | 'json_too_complex' | 'malformed_json' | 'request_aborted' | 'unreadable_body';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unauthenticated` */
      readonly 401: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unauthenticated';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `forbidden` */
      readonly 403: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'forbidden';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `already_exists`, `token_keys_missing` */
      readonly 409: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'already_exists' | 'token_keys_missing';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `payload_too_large` */
      readonly 413: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'payload_too_large';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `unsupported_content_encoding`, `unsupported_media_type` */
      readonly 415: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'unsupported_content_encoding' | 'unsupported_media_type';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `constraint_violation`, `invalid_reference` */
      readonly 422: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'constraint_violation' | 'invalid_reference';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `internal_error` */
      readonly 500: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'internal_error';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
      /** @description `calendar_unavailable` */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': {
            readonly error: {
              /** @enum {string} */
              readonly code: 'calendar_unavailable';
              readonly message: string;
              readonly details?: {
                readonly [key: string]: unknown;
              };
              readonly requestId: string;
            };
          };
        };
      };
    };
  };
}
