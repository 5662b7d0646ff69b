import { withBackoff } from '../../google/backoff.js';
import { GoogleApiError, isNotConnected, type GoogleFailureKind } from '../../google/errors.js';
import { AppError } from '../errors.js';
import { INTERACTIVE_BACKOFF, type SchedulingDeps } from './deps.js';

/** A Google failure the caller listed as expected: returned as a value, never thrown. */
export class ExpectedFailure<K extends GoogleFailureKind> {
  constructor(
    readonly kind: K,
    readonly error: GoogleApiError,
  ) {}
}

/**
 * A request Google refused as invalid: our own bug, not Google being unavailable. It is no AppError
 * on purpose: the HTTP edge logs it as unhandled and answers 500 `internal_error`, like any other bug.
 */
export class InvalidGoogleRequest extends Error {
  constructor(failure: GoogleApiError) {
    super(`Google refused a request as invalid: ${failure.message}`, { cause: failure });
    this.name = 'InvalidGoogleRequest';
  }
}

/**
 * Runs a Google call with short backoff. Failures of the kinds in `expected` come back as an
 * ExpectedFailure; any other failure left after backoff is thrown as a stable AppError
 * (`calendar_not_connected` or `calendar_unavailable`), or InvalidGoogleRequest for our own bug.
 * Past this function no GoogleApiError is thrown.
 */
export async function callGoogle<T>(deps: SchedulingDeps, call: () => Promise<T>): Promise<T>;
export async function callGoogle<T, K extends GoogleFailureKind>(
  deps: SchedulingDeps,
  call: () => Promise<T>,
  expected: readonly K[],
): Promise<T | ExpectedFailure<K>>;
export async function callGoogle<T, K extends GoogleFailureKind>(
  deps: SchedulingDeps,
  call: () => Promise<T>,
  expected: readonly K[] = [],
): Promise<T | ExpectedFailure<K>> {
  try {
    return await withBackoff(call, deps.backoff ?? INTERACTIVE_BACKOFF);
  } catch (error) {
    if (error instanceof GoogleApiError && (expected as readonly GoogleFailureKind[]).includes(error.kind))
      return new ExpectedFailure(error.kind as K, error);
    throw toAppError(error);
  }
}

/** A Google failure as the user API reports it, with nothing secret in it. */
function toAppError(error: unknown): AppError | InvalidGoogleRequest {
  if (error instanceof AppError) return error;
  if (error instanceof GoogleApiError && error.kind === 'invalid_request') return new InvalidGoogleRequest(error);
  if (isNotConnected(error)) {
    return new AppError(
      'calendar_not_connected',
      "This person's Google Calendar is not connected to Together; ask your Together admin to check the integration.",
    );
  }
  const kind = error instanceof GoogleApiError ? error.kind : 'unavailable';
  return new AppError('calendar_unavailable', 'Google Calendar did not answer in time; please try again in a moment.', { kind });
}
