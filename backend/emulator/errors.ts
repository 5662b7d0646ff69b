/** Google's error bodies, exactly as the real APIs send them (reference §B1, §B2). */

/** One entry of `error.errors[]` in the JSON API envelope. */
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: string;
}

/** An API error answered as `{"error":{"errors":[…],"code","message",…}}`. */
export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly errors: GoogleErrorItem[],
    /** Auth-layer and newer APIs add `status` (and sometimes `details`). */
    readonly extra: { status?: string; details?: unknown[] } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = {};
    if (this.errors.length > 0) error.errors = this.errors;
    error.code = this.code;
    error.message = this.message;
    if (this.extra.status) error.status = this.extra.status;
    if (this.extra.details) error.details = this.extra.details;
    return { error };
  }
}

/** An error of the OAuth token endpoint: `{"error","error_description"}`. */
export class OAuthTokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }

  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

const simple = (code: number, domain: string, reason: string, message: string, where?: [string, string]): GoogleApiError =>
  new GoogleApiError(code, message, [{ domain, reason, message, ...(where ? { locationType: where[0], location: where[1] } : {}) }]);

export const notFound = (): GoogleApiError => simple(404, 'global', 'notFound', 'Not Found');
export const deleted = (): GoogleApiError => simple(410, 'global', 'deleted', 'Resource has been deleted');
export const duplicate = (): GoogleApiError => simple(409, 'global', 'duplicate', 'The requested identifier already exists.');
export const conditionNotMet = (): GoogleApiError =>
  simple(412, 'global', 'conditionNotMet', 'Precondition Failed', ['header', 'If-Match']);
export const invalid = (message: string, parameter?: string): GoogleApiError =>
  simple(400, 'global', 'invalid', message, parameter ? ['parameter', parameter] : undefined);
export const required = (message: string, parameter?: string): GoogleApiError =>
  simple(400, 'global', 'required', message, parameter ? ['parameter', parameter] : undefined);
export const badRequest = (message = 'Bad Request'): GoogleApiError => simple(400, 'global', 'badRequest', message);
export const parseError = (): GoogleApiError => simple(400, 'global', 'parseError', 'Parse Error');
export const timeRangeEmpty = (location = 'timeMax'): GoogleApiError =>
  simple(400, 'calendar', 'timeRangeEmpty', 'The specified time range is empty.', ['parameter', location]);
export const timeRangeTooLong = (): GoogleApiError =>
  simple(400, 'calendar', 'timeRangeTooLong', 'The requested time range is too long.', ['parameter', 'timeMax']);
export const fullSyncRequired = (): GoogleApiError =>
  simple(410, 'calendar', 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', ['parameter', 'syncToken']);
export const forbiddenForNonOrganizer = (): GoogleApiError =>
  simple(403, 'calendar', 'forbiddenForNonOrganizer', 'Shared properties can only be changed by the organizer of the event.');
export const forbidden = (message = 'Forbidden'): GoogleApiError => simple(403, 'global', 'forbidden', message);
export const payloadTooLarge = (): GoogleApiError => simple(413, 'global', 'uploadTooLarge', 'Request Entity Too Large');
export const backendError = (code = 500): GoogleApiError =>
  simple(code, 'global', 'backendError', code === 503 ? 'The service is currently unavailable.' : 'Backend Error');
export const userRateLimitExceeded = (): GoogleApiError => simple(403, 'usageLimits', 'userRateLimitExceeded', 'User Rate Limit Exceeded');
export const rateLimitExceeded = (code: 403 | 429 = 403): GoogleApiError =>
  simple(code, 'usageLimits', 'rateLimitExceeded', 'Rate Limit Exceeded');
export const quotaExceeded = (): GoogleApiError => simple(403, 'usageLimits', 'quotaExceeded', 'Calendar usage limits exceeded.');

const AUTH_HINT =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** 401 without any Authorization header. */
export const loginRequired = (): GoogleApiError =>
  new GoogleApiError(
    401,
    `Request is missing required authentication credential. ${AUTH_HINT}`,
    [{ message: 'Login Required.', domain: 'global', reason: 'required', location: 'Authorization', locationType: 'header' }],
    { status: 'UNAUTHENTICATED' },
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
  );

/** 401 for an unknown or expired access token. */
export const invalidCredentials = (): GoogleApiError =>
  new GoogleApiError(
    401,
    `Request had invalid authentication credentials. ${AUTH_HINT}`,
    [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
    { status: 'UNAUTHENTICATED' },
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );

/** 403 when the token holds none of the scopes the method accepts. */
export const insufficientScopes = (service: string, method: string): GoogleApiError =>
  new GoogleApiError(
    403,
    'Request had insufficient authentication scopes.',
    [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
    {
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          domain: 'googleapis.com',
          metadata: { service, method },
        },
      ],
    },
  );

/** Google's body for an injected or simulated error of the given HTTP status. */
export function errorForStatus(status: number): GoogleApiError {
  switch (status) {
    case 400:
      return badRequest();
    case 401:
      return invalidCredentials();
    case 403:
      return rateLimitExceeded(403);
    case 404:
      return notFound();
    case 409:
      return duplicate();
    case 410:
      return deleted();
    case 412:
      return conditionNotMet();
    case 429:
      return rateLimitExceeded(429);
    default:
      return status >= 500 ? backendError(status) : simple(status, 'global', 'unknown', 'Unknown Error');
  }
}
