import { withBackoff } from '../../google/backoff.js';
import { GoogleApiError, NOT_CONNECTED_KINDS } from '../../google/errors.js';
import { AppError } from '../errors.js';
import { INTERACTIVE_BACKOFF, type SchedulingDeps } from './deps.js';

const NOT_CONNECTED = new Set<string>(NOT_CONNECTED_KINDS);

/** True when a Google failure means the person is not integrated (rather than Google being unwell). */
export function isNotConnected(error: unknown): boolean {
  return error instanceof GoogleApiError && NOT_CONNECTED.has(error.kind);
}

/**
 * Runs a Google call with short backoff; failures left after that become stable AppErrors
 * (`calendar_not_connected` or `calendar_unavailable`; an invalid request stays itself, see toAppError). Expected kinds in `pass` are rethrown as is.
 */
export async function callGoogle<T>(deps: SchedulingDeps, call: () => Promise<T>, pass: readonly string[] = []): Promise<T> {
  try {
    return await withBackoff(call, deps.backoff ?? INTERACTIVE_BACKOFF);
  } catch (error) {
    if (error instanceof GoogleApiError && pass.includes(error.kind)) throw error;
    throw toAppError(error);
  }
}

/**
 * A Google failure as the user API reports it, with nothing secret in it. A request Google refused as
 * invalid is our own bug, not Google being unavailable: it stays the GoogleApiError it is, which the
 * HTTP edge logs and answers as 500 `internal_error`.
 */
export function toAppError(error: unknown): AppError | GoogleApiError {
  if (error instanceof AppError) return error;
  if (error instanceof GoogleApiError && error.kind === 'invalid_request') return error;
  if (isNotConnected(error)) {
    return new AppError('calendar_not_connected', "This person's Google Calendar is not connected to Together; ask your Together admin to check the integration.");
  }
  const kind = error instanceof GoogleApiError ? error.kind : 'unavailable';
  return new AppError('calendar_unavailable', 'Google Calendar did not answer in time; please try again in a moment.', { kind });
}
