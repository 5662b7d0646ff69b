import { DateTime } from 'luxon';

/**
 * The one clock of a test world. It starts at the process's instant — today under `npm test`, the
 * instant faketime sets under `npm run test:dates` — which is where the emulator's clock and every
 * library (google-auth-library's token checks, pg-boss, PGlite's now()) stand too. The backend's
 * `clock` dependency reads `now`. Tests move it by durations (`advance`), never to a calendar date;
 * only the application's view moves: Google's side stays on the process clock, because
 * google-auth-library checks ID-token times against the process clock and would refuse tokens from
 * an emulator set ahead of it.
 */
export class WorldClock {
  /** The instant the world started from (the process clock when it was made). */
  readonly start: Date;
  #offsetMs = 0;

  constructor() {
    this.start = new Date();
  }

  /** The application's now: the process clock plus whatever the test advanced. */
  readonly now = (): Date => new Date(Date.now() + this.#offsetMs);

  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  /** Back to the process clock. */
  reset(): void {
    this.#offsetMs = 0;
  }
}

/** A UTC day and instants on it. */
export interface TestDay {
  /** `YYYY-MM-DD` (UTC). */
  readonly date: string;
  /** The instant at `HH:MM` UTC on this day. */
  at(time: string): Date;
  /** The whole UTC day as an availability query (`from`…`to`). */
  readonly range: { from: string; to: string };
}

export function utcDay(date: string): TestDay {
  return {
    date,
    at: (time) => new Date(`${date}T${time}:00.000Z`),
    range: { from: `${date}T00:00:00Z`, to: `${date}T23:59:00Z` },
  };
}

/**
 * Hands out weekdays (Monday to Friday in UTC) after a world's instant, each once, so that two tests
 * of one world never book into each other. The first is at least a day after the start, so minimum
 * notice never bites; a world that needs more than a few weeks of days is doing too much.
 */
export class WeekdayAllocator {
  #cursor: DateTime;
  readonly #last: DateTime;

  constructor(start: Date, options: { withinDays?: number } = {}) {
    const from = DateTime.fromJSDate(start, { zone: 'utc' });
    this.#cursor = from.plus({ days: 1 }).startOf('day');
    this.#last = from.plus({ days: options.withinDays ?? 28 });
  }

  next(): TestDay {
    for (;;) {
      this.#cursor = this.#cursor.plus({ days: 1 });
      if (this.#cursor.weekday <= 5) break;
    }
    if (this.#cursor > this.#last) throw new Error('the world handed out all its days: split the suite into more worlds');
    return utcDay(this.#cursor.toISODate()!);
  }
}

/** An instant as the user API shows it in a zone (`2027-03-15T16:00:00.000+01:00`). */
export const localIso = (instant: Date | string, timeZone: string): string =>
  DateTime.fromJSDate(new Date(instant), { zone: timeZone }).toISO()!;

/** `HH:MM` on a calendar date in a zone, as a UTC instant. */
export const zonedInstant = (date: string, time: string, timeZone: string): Date =>
  DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toJSDate();
