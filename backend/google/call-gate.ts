import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { GoogleApiError } from './errors.js';

/**
 * Whose work a Google call is: a person waiting on a page or in the add-on (availability, booking);
 * prompt work following a change a person just made (a calendar's sync after Google's notification,
 * watching the calendars of a session just booked); or background work (integration tests,
 * reconciliation, scheduled channel renewal, health). Admitted in that order when quota is short.
 */
export type CallPriority = 'interactive' | 'prompt' | 'background';

/** One Google API call as the gate and the observers see it. */
export interface GoogleCall {
  /** Google's method name, e.g. `calendar.events.list`, `directory.users.get`. */
  method: string;
  /** The user whose quota it spends (the impersonated or connected person); empty when none applies. */
  subject: string;
  priority: CallPriority;
}

/** Admits Google calls within the deployment's quotas: resolves when the call may be made. */
export interface CallGate {
  admit(call: GoogleCall): Promise<void>;
}

/** What happened to a call: `ok`, or the failure's kind (`rate_limited`, `not_found`…). */
export type CallOutcome = 'ok' | GoogleApiError['kind'] | 'error';

/** Told of every Google call once it has an answer (for metrics), and how long the gate held it. */
export interface CallObserver {
  admitted?(call: GoogleCall, waitedMs: number): void;
  answered(call: GoogleCall, outcome: CallOutcome, durationMs: number): void;
}

/** The gate and the observer every adapter's calls pass through; both optional (tests, scripts). */
export interface GoogleCallHooks {
  gate?: CallGate;
  observer?: CallObserver;
}

const priorityContext = new AsyncLocalStorage<CallPriority>();

/** Runs `work` with its Google calls at `priority` (HTTP requests run interactive, jobs background). */
export function withCallPriority<T>(priority: CallPriority, work: () => T): T {
  return priorityContext.run(priority, work);
}

/** The priority of Google calls made here: background unless a caller said otherwise. */
export function currentCallPriority(): CallPriority {
  return priorityContext.getStore() ?? 'background';
}

/**
 * Makes one Google call through the hooks: admitted by the gate, then `request`, then observed. The
 * request's own failure is rethrown as it is (callers translate it); the observer sees its kind.
 */
export async function gatedCall<T>(
  hooks: GoogleCallHooks,
  call: { method: string; subject: string },
  request: () => Promise<T>,
  outcomeOf: (error: unknown) => CallOutcome = (error) => (error instanceof GoogleApiError ? error.kind : 'error'),
): Promise<T> {
  const described: GoogleCall = { ...call, subject: call.subject.toLowerCase(), priority: currentCallPriority() };
  if (hooks.gate) {
    const waiting = performance.now();
    await hooks.gate.admit(described);
    hooks.observer?.admitted?.(described, performance.now() - waiting);
  }
  const started = performance.now();
  try {
    const result = await request();
    hooks.observer?.answered(described, 'ok', performance.now() - started);
    return result;
  } catch (error) {
    hooks.observer?.answered(described, outcomeOf(error), performance.now() - started);
    throw error;
  }
}
