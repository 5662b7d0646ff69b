import { translateDatabaseError } from '../store/errors.js';

/**
 * Stable error codes clients can rely on. The HTTP edge maps each to a status (http/error-map.ts);
 * domain code never speaks HTTP.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'malformed_json'
  | 'payload_too_large'
  /** A JSON body nested deeper, or holding more values, than the route accepts (checked before parsing). */
  | 'json_too_complex'
  | 'unsupported_media_type'
  /** A compressed request body (any Content-Encoding but identity): bodies are never decompressed. */
  | 'unsupported_content_encoding'
  /** The client went away before its request body was read in full. */
  | 'request_aborted'
  /** The request body could not be read as sent (its length disagrees with Content-Length, say). */
  | 'unreadable_body'
  | 'route_not_found'
  | 'not_found'
  | 'already_exists'
  | 'invalid_reference'
  | 'constraint_violation'
  | 'not_ready'
  | 'internal_error'
  /** No valid admin API token: missing, malformed, unknown or revoked. */
  | 'unauthenticated'
  /** A setup-wizard step was attempted before the steps it depends on. */
  | 'invalid_wizard_transition'
  /** A bulk upsert has more rows than one request may carry. */
  | 'batch_too_large'
  /** Some rows of a bulk upsert are invalid; nothing was written. */
  | 'invalid_rows'
  /** A signed-in user may not see or touch this (outside the organization, or not their matching/session). */
  | 'forbidden'
  /** The requested time is not bookable: busy, outside working hours or too soon; details carry the interval. */
  | 'slot_unavailable'
  /** The session changed since the caller read it: re-read and retry with the current version. */
  | 'version_conflict'
  /** The session cannot do this now (cancelled, in the past, or another change is still in progress). */
  | 'session_not_modifiable'
  /** The booker's Google Calendar is not connected to Together, so nothing can be written there. */
  | 'calendar_not_connected'
  /** Google failed or rate-limited us beyond our retries; the request may be retried later. */
  | 'calendar_unavailable'
  /** A time range that ends before it starts, lies in the past or reaches beyond 90 days. */
  | 'invalid_time_range'
  /** A booking or move whose start is not on the 15-minute grid slots are offered on (details: stepMinutes). */
  | 'start_not_on_grid'
  /** A session length the program does not offer (30, 45 or 60 minutes, as the program allows). */
  | 'duration_not_offered'
  /** An integration test is already queued or running for the organization (details: its runId). */
  | 'integration_test_running'
  /** The integration test run has already finished (completed or failed), so it cannot be cancelled. */
  | 'integration_test_finished'
  /** A push notification for a channel we never opened, stopped, or that expired: ignored. */
  | 'unknown_channel'
  /** A Workspace domain this organization cannot have (another one holds it; which, is not said). */
  | 'domain_unavailable'
  /** A state-changing browser request that did not come from this site's own pages (CSRF): nothing was done. */
  | 'cross_site_request'
  /** Finalizing the setup needs a completed integration test, and none has completed yet (details: the latest run, if any). */
  | 'integration_not_tested'
  /** The latest completed integration test found calendar access for nobody: finalizing would turn on a setup that works for no one. */
  | 'no_active_users'
  /** PER_USER needs TOKEN_ENCRYPTION_KEYS (refresh tokens are encrypted at rest): it is refused without them. */
  | 'token_keys_missing'
  /** Connecting a calendar is for people of an organization using the per-user method. */
  | 'not_per_user'
  /** The person is INACTIVE in Together: no connect link is made or mailed for them. */
  | 'person_inactive'
  /** A connect link or Google's `state` that is unknown, already used or expired: nothing was stored. */
  | 'connect_link_invalid'
  /** Google refused or could not finish the connection (wrong account, Calendar not granted, code refused): nothing was stored. */
  | 'connect_refused';

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
