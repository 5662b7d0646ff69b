import type { ErrorCode } from '../domain/errors.js';

/** The one place where stable error codes become HTTP statuses. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_request: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  route_not_found: 404,
  not_found: 404,
  already_exists: 409,
  invalid_reference: 422,
  constraint_violation: 422,
  not_ready: 503,
  internal_error: 500,
  unauthenticated: 401,
  invalid_wizard_transition: 409,
  batch_too_large: 413,
  invalid_rows: 422,
};
