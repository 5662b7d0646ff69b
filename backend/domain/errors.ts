/**
 * Stable error codes clients can rely on. The HTTP edge maps each to a status (http/error-map.ts);
 * domain code never speaks HTTP.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'malformed_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
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
  | 'invalid_rows';

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
