import { translateDatabaseError } from '../store/errors.js';

/**
 * Stable error codes clients can rely on, each with what it means (the OpenAPI document lists them under
 * their statuses). The HTTP edge maps each to a status (http/error-map.ts); domain code never speaks HTTP.
 */
export const ERROR_CODES = {
  invalid_request: 'The path, query or body is not what the route takes (details: each field and what is wrong with it).',
  malformed_json: 'The body is not valid JSON.',
  payload_too_large: 'The body is larger than the route accepts (details: the limit).',
  json_too_complex: 'A JSON body nested deeper, or holding more values, than the route accepts (checked before parsing).',
  unsupported_media_type: 'The body is not sent as `application/json`.',
  unsupported_content_encoding: 'A compressed request body (any Content-Encoding but identity): bodies are never decompressed.',
  request_aborted: 'The client went away before its request body was read in full.',
  unreadable_body: 'The request body could not be read as sent (its length disagrees with Content-Length, say).',
  route_not_found: 'No route has this method and path.',
  not_found: "Nothing with this id in the organization (another organization's ids are not found either).",
  already_exists: 'Something with the same unique key exists already (details: the fields).',
  invalid_reference: 'The request refers to something that does not exist (details: the field).',
  constraint_violation: 'The change would break a rule of the data model (details: which).',
  not_ready: 'The backend is not ready to serve: its database is unreachable or not migrated.',
  internal_error: "Our fault, not the request's: retrying later may work; quote the requestId when reporting it.",
  unauthenticated:
    'No valid credentials: the admin token, Google ID token or channel token is missing, malformed, unknown, expired or revoked.',
  invalid_wizard_transition: 'A setup-wizard step was attempted before the steps it depends on.',
  batch_too_large: 'A bulk upsert has more rows than one request may carry.',
  invalid_rows: 'Some rows of a bulk upsert are invalid; nothing was written.',
  forbidden: 'A signed-in user may not see or touch this (outside the organization, or not their matching/session).',
  slot_unavailable: 'The requested time is not bookable: busy, outside working hours or too soon; details carry the interval.',
  version_conflict: 'The session changed since the caller read it: re-read and retry with the current version.',
  session_not_modifiable: 'The session cannot do this now (cancelled, in the past, or another change is still in progress).',
  calendar_not_connected: "The booker's Google Calendar is not connected to Together, so nothing can be written there.",
  calendar_unavailable: 'Google failed or rate-limited us beyond our retries; the request may be retried later.',
  invalid_time_range: 'A time range that ends before it starts, lies in the past or reaches beyond 90 days.',
  start_not_on_grid: 'A booking or move whose start is not on the 15-minute grid slots are offered on (details: stepMinutes).',
  duration_not_offered: 'A session length the program does not offer (30, 45 or 60 minutes, as the program allows).',
  integration_test_running: 'An integration test is already queued or running for the organization (details: its runId).',
  integration_test_finished: 'The integration test run has already finished (completed or failed), so it cannot be cancelled.',
  unknown_channel: 'A push notification for a channel we never opened, stopped, or that expired: ignored.',
  domain_unavailable: 'A Workspace domain this organization cannot have (another one holds it; which, is not said).',
  cross_site_request: "A state-changing browser request that did not come from this site's own pages (CSRF): nothing was done.",
  integration_not_tested:
    'Finalizing the setup needs a completed integration test, and none has completed yet (details: the latest run, if any).',
  no_active_users:
    'The latest completed integration test found calendar access for nobody: finalizing would turn on a setup that works for no one.',
  token_keys_missing: 'PER_USER needs TOKEN_ENCRYPTION_KEYS (refresh tokens are encrypted at rest): it is refused without them.',
  not_per_user: 'Connecting a calendar is for people of an organization using the per-user method.',
  person_inactive: 'The person is INACTIVE in Together: no connect link is made or mailed for them.',
  connect_link_invalid: "A connect link or Google's `state` that is unknown, already used or expired: nothing was stored.",
  connect_refused:
    'Google refused or could not finish the connection (wrong account, Calendar not granted, code refused): nothing was stored.',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure with a stable code, a message a person can act on, and optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A database error the request caused (a duplicate, a dangling reference…) as an AppError; undefined for anything else (a 500). */
export function appErrorFromDatabase(error: unknown): AppError | undefined {
  const violation = translateDatabaseError(error);
  return violation && new AppError(violation.code, violation.message, violation.details);
}
