import type { ActionCall } from './action-names.js';

/** Every way an add-on step can fail; each has its own error card (cards/problem.ts). */
export type ProblemKind =
  /** The signed-in user is not a Together person with an active matching. */
  | 'not_in_program'
  /** Together cannot write to the user's Google Calendar (the integration is not active for them). */
  | 'calendar_not_connected'
  /** The backend did not answer, or answered with a server error. */
  | 'backend_unreachable'
  /** Google Calendar failed behind the backend. */
  | 'calendar_unavailable'
  /** The session is cancelled, failed, over or being changed. */
  | 'session_not_modifiable'
  /** The chosen time was taken between showing it and confirming it. */
  | 'slot_taken'
  /** The session changed since the card was shown. */
  | 'version_conflict'
  /** The backend did not accept the user's Google identity. */
  | 'signed_out'
  /** A card's parameters are missing or tampered with, or name something that is not the user's. */
  | 'invalid_action'
  /** Anything else: a bug. */
  | 'unexpected';

/** A failure the add-on shows as an error card instead of throwing into Google's exception page. */
export class AddonProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    /** A button that gets the user past this problem (other than retrying the same step). */
    readonly recovery?: { readonly label: string; readonly action: ActionCall },
  ) {
    super(message);
    this.name = 'AddonProblem';
  }

  /** The same problem with a way out, e.g. "Choose another time" after a slot was taken. */
  withRecovery(label: string, action: ActionCall): AddonProblem {
    return new AddonProblem(this.kind, this.message, { label, action });
  }
}

/**
 * Backend error codes (backend/http/user/README.md) → the problem the user sees. `forbidden` is not
 * here: what it means depends on the route (BackendClient's `forbiddenMeans`).
 */
const PROBLEM_OF_CODE: Readonly<Record<string, ProblemKind>> = {
  unauthenticated: 'signed_out',
  invalid_request: 'invalid_action',
  malformed_json: 'invalid_action',
  invalid_time_range: 'invalid_action',
  duration_not_offered: 'invalid_action',
  route_not_found: 'invalid_action',
  slot_unavailable: 'slot_taken',
  version_conflict: 'version_conflict',
  session_not_modifiable: 'session_not_modifiable',
  calendar_not_connected: 'calendar_not_connected',
  calendar_unavailable: 'calendar_unavailable',
};

/** The problem behind a backend error code; server errors without a known code mean unreachable. */
export function problemOfBackendError(status: number, code: string | undefined): ProblemKind {
  const known = code === undefined ? undefined : PROBLEM_OF_CODE[code];
  if (known) return known;
  return status >= 500 ? 'backend_unreachable' : 'unexpected';
}
