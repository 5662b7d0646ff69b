import type { Clock } from 'pg-boss';

/**
 * pg-boss timers that stop firing once `freeze()` is called: polls, the heartbeat refresh and
 * supervise passes of that queue stop, as in a process that was SIGKILLed. `thaw()` lets the queue
 * shut down at the end of a test.
 */
export function freezableClock(): { clock: Clock; freeze(): void; thaw(): void; readonly frozen: boolean } {
  let frozen = false;
  return {
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(() => frozen || fn(), ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
      setInterval: (fn, ms) => setInterval(() => frozen || fn(), ms),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    },
    freeze: () => void (frozen = true),
    thaw: () => void (frozen = false),
    get frozen() {
      return frozen;
    },
  };
}

/** A promise that never settles: what a call in flight in a dead process answers. */
export const never = (): Promise<never> => new Promise<never>(() => undefined);
