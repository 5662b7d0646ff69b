import { AddonProblem, problemOfBackendError } from './problems.js';
import type { AnswerOf, BodyOf, Me, Session, Slots } from './backend-types.js';

/** One HTTP exchange; `send` throws when the backend cannot be reached at all. */
export interface HttpRequest {
  readonly method: 'get' | 'post' | 'delete';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text of a POST body. */
  readonly payload?: string;
}
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}
/** How requests leave the add-on: UrlFetchApp in Apps Script, anything in tests. */
export interface HttpPort {
  send(request: HttpRequest): HttpResponse;
  /** The signed-in user's Google ID token (ScriptApp.getIdentityToken()). */
  identityToken(): string;
}

/** The port Apps Script provides. */
export const urlFetchPort: HttpPort = {
  send(request) {
    const options: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
      method: request.method,
      headers: request.headers,
      muteHttpExceptions: true,
      followRedirects: false,
    };
    if (request.payload !== undefined) Object.assign(options, { contentType: 'application/json', payload: request.payload });
    const response = UrlFetchApp.fetch(request.url, options);
    return { status: response.getResponseCode(), body: response.getContentText() };
  },
  identityToken: () => ScriptApp.getIdentityToken(),
};

type Query = Readonly<Record<string, string | number | undefined>>;

/** What a `forbidden` answer means on a route: not a Together person at all, or not their session/matching. */
type ForbiddenMeans = 'not_in_program' | 'invalid_action';

/**
 * The user API (`/addon/v1`) with the user's ID token. Every failure becomes an AddonProblem whose
 * kind picks the error card; `timeZone` makes the backend's `…Local` times the user's Calendar zone.
 */
export class BackendClient {
  constructor(
    private readonly baseUrl: string,
    private readonly http: HttpPort,
  ) {}

  me(): Me {
    return this.request<AnswerOf<'/addon/v1/me', 'get'>>('get', '/me', {}, undefined, 'not_in_program');
  }

  upcomingSessions(timeZone: string | undefined): readonly Session[] {
    return this.request<AnswerOf<'/addon/v1/sessions/upcoming', 'get'>>(
      'get',
      '/sessions/upcoming',
      { timeZone },
      undefined,
      'not_in_program',
    ).sessions;
  }

  /** The Together session behind a Calendar event, or null for any other event. */
  sessionByEvent(calendarId: string, eventId: string, timeZone: string | undefined): Session | null {
    return this.request<AnswerOf<'/addon/v1/sessions/by-event', 'get'>>(
      'get',
      '/sessions/by-event',
      { calendarId, eventId, timeZone },
      undefined,
      'not_in_program',
    ).session;
  }

  session(sessionId: string, timeZone: string | undefined): Session {
    return this.request<AnswerOf<'/addon/v1/sessions/{sessionId}', 'get'>>('get', `/sessions/${encodeURIComponent(sessionId)}`, {
      timeZone,
    }).session;
  }

  bookingSlots(matchingId: string, durationMinutes: number, timeZone: string | undefined): Slots {
    return this.request<AnswerOf<'/addon/v1/matchings/{matchingId}/slots', 'get'>>(
      'get',
      `/matchings/${encodeURIComponent(matchingId)}/slots`,
      { duration: durationMinutes, timeZone },
    );
  }

  rescheduleSlots(sessionId: string, durationMinutes: number, timeZone: string | undefined): Slots {
    return this.request<AnswerOf<'/addon/v1/sessions/{sessionId}/slots', 'get'>>(
      'get',
      `/sessions/${encodeURIComponent(sessionId)}/slots`,
      { duration: durationMinutes, timeZone },
    );
  }

  book(matchingId: string, body: BodyOf<'/addon/v1/matchings/{matchingId}/sessions', 'post'>): Session {
    return this.request<AnswerOf<'/addon/v1/matchings/{matchingId}/sessions', 'post'>>(
      'post',
      `/matchings/${encodeURIComponent(matchingId)}/sessions`,
      {},
      body,
    ).session;
  }

  reschedule(sessionId: string, body: BodyOf<'/addon/v1/sessions/{sessionId}/reschedule', 'post'>): Session {
    return this.request<AnswerOf<'/addon/v1/sessions/{sessionId}/reschedule', 'post'>>(
      'post',
      `/sessions/${encodeURIComponent(sessionId)}/reschedule`,
      {},
      body,
    ).session;
  }

  cancel(sessionId: string, body: BodyOf<'/addon/v1/sessions/{sessionId}/cancel', 'post'>): Session {
    return this.request<AnswerOf<'/addon/v1/sessions/{sessionId}/cancel', 'post'>>(
      'post',
      `/sessions/${encodeURIComponent(sessionId)}/cancel`,
      {},
      body,
    ).session;
  }

  /** The per-user method: a single-use link (15 minutes) to the backend's connect page for the signed-in user. */
  connectLink(): AnswerOf<'/addon/v1/calendar-connection/link', 'post'> {
    return this.request<AnswerOf<'/addon/v1/calendar-connection/link', 'post'>>('post', '/calendar-connection/link', {}, {});
  }

  /** The per-user method: revokes the user's connection at Google and deletes it. */
  disconnect(): AnswerOf<'/addon/v1/calendar-connection', 'delete'> {
    return this.request<AnswerOf<'/addon/v1/calendar-connection', 'delete'>>('delete', '/calendar-connection', {});
  }

  private request<T>(
    method: 'get' | 'post' | 'delete',
    path: string,
    query: Query,
    body?: object,
    forbiddenMeans: ForbiddenMeans = 'invalid_action',
  ): T {
    const token = this.identityToken();
    const request: HttpRequest = {
      method,
      url: `${this.baseUrl}/addon/v1${path}${queryString(query)}`,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      payload: body === undefined ? undefined : JSON.stringify(body),
    };
    let response: HttpResponse;
    try {
      response = this.http.send(request);
    } catch (error) {
      throw new AddonProblem('backend_unreachable', `Together did not answer (${describe(error)}).`);
    }
    const json = parseJson(response.body);
    if (response.status >= 200 && response.status < 300) {
      if (json === undefined || typeof json !== 'object' || json === null) {
        throw new AddonProblem('backend_unreachable', `Together answered ${method.toUpperCase()} ${path} with something that is not JSON.`);
      }
      return json as T;
    }
    const error = errorOf(json);
    const kind = error.code === 'forbidden' ? forbiddenMeans : problemOfBackendError(response.status, error.code);
    throw new AddonProblem(kind, error.message ?? `Together answered HTTP ${response.status}.`);
  }

  private identityToken(): string {
    let token: string;
    try {
      token = this.http.identityToken();
    } catch (error) {
      throw new AddonProblem('signed_out', `Google gave the add-on no identity token (${describe(error)}).`);
    }
    if (!token) throw new AddonProblem('signed_out', 'Google gave the add-on no identity token (is the openid scope in the manifest?).');
    return token;
  }
}

/** `?a=1&b=x` of the defined values; Apps Script has no URLSearchParams. */
function queryString(query: Query): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `{error: {code, message}}` of a backend error, whatever arrived. */
function errorOf(json: unknown): { code?: string; message?: string } {
  const error = typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message : undefined };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
