import type { CallGate, CallPriority, GoogleCall } from '../../google/call-gate.js';
import type { Logger } from '../../logger.js';
import { directSql, type PrismaClient } from '../../store/database.js';
import type { SqlExecutor } from '../../store/migrations.js';

/** Google's per-minute quotas as configured (`config.quotas`). */
export interface GoogleQuotas {
  projectPerMinute: number;
  userPerMinute: number;
}

/** Share of a quota we allow ourselves, leaving room for clock skew and for calls outside the backend. */
const QUOTA_SHARE = 0.99;
/** Share of each user's bucket background work leaves untouched, so a person's call finds a token at once. */
const INTERACTIVE_RESERVE = 0.5;
/** Share of the project's minute only people's calls may take: everything else stops short of it. */
const PEOPLE_SHARE = 0.01;
/**
 * Share of the project's minute people's calls and prompt work may take ahead of the bucket's refill
 * (a burst: a thousand calendars notified at once), which background work then waits out.
 */
const BURST_SHARE = 0.1;
/** The project's minute is counted in slots of this many milliseconds. */
const SLOT_MS = 100;
/**
 * Slots the project's minute counts. Google counts the minute before each call; 601 whole slots
 * cover that minute wherever in its slot a call fell, so a call is forgotten here only once Google
 * has forgotten it too, and at most a slot (1/600 of the minute) later.
 */
const WINDOW_SLOTS = 601;
/** Calls admitted per database round trip at most. */
const MAX_BATCH = 1_000;
/** The longest a waiting call sleeps before the budget is looked at again. */
const MAX_WAIT_MS = 1_000;
/** How often a process deletes buckets idle long enough to be full again. */
const SWEEP_EVERY_MS = 60_000;
const PROJECT_KEY = 'project';

/** A token bucket's shape: at most `capacity` tokens, refilled at `perMs`; background stops at `reserve`. */
export interface BucketShape {
  capacity: number;
  perMs: number;
  reserve: number;
}

/**
 * Google counts calls in a sliding minute. A full bucket of capacity C refilled at r lets through
 * at most C + r × 60 s in any minute, so both are chosen to keep that at QUOTA_SHARE of the quota,
 * with about one second's worth of calls as the burst.
 */
export function bucketShape(perMinute: number): BucketShape {
  const budget = Math.max(1, perMinute * QUOTA_SHARE);
  const capacity = Math.max(1, budget / 61);
  // Quotas under a call a second cannot keep the bound with any refill at all: they get half a call a minute.
  const perMs = Math.max(budget - capacity, 0.5) / 60_000;
  return { capacity, perMs, reserve: Math.max(0, Math.min(capacity * INTERACTIVE_RESERVE, capacity - 1)) };
}

/**
 * The project's minute: what every call counts against, the part of it only people's calls may use,
 * and how far beyond the pacing bucket's tokens people's calls and prompt work may burst.
 */
export interface WindowShape {
  budget: number;
  peopleOnly: number;
  burst: number;
}

export function windowShape(perMinute: number): WindowShape {
  const budget = Math.max(1, Math.floor(perMinute * QUOTA_SHARE));
  return {
    budget,
    peopleOnly: Math.min(budget - 1, Math.max(1, Math.floor(budget * PEOPLE_SHARE))),
    burst: Math.floor(budget * BURST_SHARE),
  };
}

/**
 * The project's calls of the last WINDOW_SLOTS slots, one count per slot, oldest first, moved on to
 * `nowSlot` (the database's clock): slots that left the window are dropped, new ones start empty.
 * `calls` ends at `lastSlot` and may be shorter (leading empty slots are not stored).
 */
export function slideWindow(calls: readonly number[], lastSlot: number | null, nowSlot: number): number[] {
  const moved = lastSlot === null ? WINDOW_SLOTS : Math.min(WINDOW_SLOTS, Math.max(0, nowSlot - lastSlot));
  const stored = [...Array<number>(Math.max(0, WINDOW_SLOTS - calls.length)).fill(0), ...calls.slice(-WINDOW_SLOTS)];
  return [...stored.slice(moved), ...Array<number>(moved).fill(0)];
}

/** The window as stored: without its leading empty slots. */
function storedWindow(window: number[]): number[] {
  const first = window.findIndex((calls) => calls > 0);
  return first === -1 ? [] : window.slice(first);
}

interface Waiter {
  subject: string;
  priority: CallPriority;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface BucketRow {
  key: string;
  tokens: number;
  elapsedMs: number;
  now: string;
  nowMs: number;
  windowCalls: number[] | null;
  windowSlot: number | null;
}

/**
 * One Google budget for the whole deployment, in PostgreSQL, that every replica draws from. Every
 * call counts against the project's **minute** as Google counts it (the calls of the last 60.1 s,
 * kept per tenth of a second), which is never exceeded, and draws on the project's token bucket,
 * which **paces** work over the minute instead of letting it take the minute in its first seconds
 * and then stall. Background work (integration tests, reconciliation, renewals) goes only on the
 * bucket's tokens; prompt work (a calendar's sync after its notification) and people's calls may
 * take it into a debt of BURST_SHARE of the minute, so a burst goes through at once, and background
 * work waits until the refill has paid the debt back. Each user's own quota is a token bucket too.
 * Waiting calls of this process are admitted together, one transaction per round (the rows locked,
 * refilled and slid on from the database's own clock, drawn down), so the cost per call shrinks as
 * load grows. People's calls are admitted first, and only they may use the last PEOPLE_SHARE of the
 * minute, a reserve beyond the burst's debt, and the last half of a user's bucket.
 */
export class SharedQuotaGate implements CallGate {
  readonly #project: BucketShape;
  readonly #window: WindowShape;
  readonly #user: BucketShape;
  #waiting: Waiter[] = [];
  #pumping = false;
  #wakeUp: (() => void) | undefined;
  #lastSweep = 0;
  readonly #sql: SqlExecutor;

  constructor(
    private readonly prisma: PrismaClient,
    quotas: GoogleQuotas,
    private readonly logger?: Logger,
  ) {
    this.#sql = directSql(prisma);
    this.#project = bucketShape(quotas.projectPerMinute);
    this.#window = windowShape(quotas.projectPerMinute);
    this.#user = bucketShape(quotas.userPerMinute);
  }

  admit(call: GoogleCall): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ subject: call.subject, priority: call.priority, resolve, reject });
      // A person's call, or prompt work, does not sleep behind background work waiting for its tokens.
      if (call.priority !== 'background') this.#wakeUp?.();
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting.length > 0) {
        const batch = byPriority(this.#waiting).slice(0, MAX_BATCH);
        let round: { admitted: Set<Waiter>; waitMs: number };
        try {
          round = await this.#draw(batch);
        } catch (error) {
          // The database is what holds the budget: without it no call is admitted, and callers retry.
          const failed = new Set(batch);
          this.#waiting = this.#waiting.filter((waiter) => !failed.has(waiter));
          for (const waiter of batch) waiter.reject(error);
          continue;
        }
        this.#waiting = this.#waiting.filter((waiter) => !round.admitted.has(waiter));
        for (const waiter of round.admitted) waiter.resolve();
        this.#sweepNow();
        if (round.admitted.size < batch.length) await this.#sleep(round.waitMs);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Admits what the budget allows, highest priority first; says how long until the next could go. */
  async #draw(batch: Waiter[]): Promise<{ admitted: Set<Waiter>; waitMs: number }> {
    const keys = [PROJECT_KEY, ...new Set(batch.flatMap((waiter) => (waiter.subject ? [`user:${waiter.subject}`] : [])))].sort();
    const capacities = keys.map((key) => this.#shapeOf(key).capacity);
    // On the driver under Prisma: a round runs for every few Google calls, and Prisma's own
    // interactive transaction cost more than the round's statements (backend/domain/sync/README.md).
    return this.#sql.transaction(async (tx) => {
      // Creates missing buckets full and locks every row, in key order so replicas never deadlock.
      const rows = await tx.query<BucketRow>(
        `INSERT INTO "GoogleQuotaBucket" AS b (key, tokens, "refilledAt")
         SELECT k.key, k.capacity, clock_timestamp()
           FROM unnest($1::text[], $2::float8[]) AS k(key, capacity)
          ORDER BY k.key
         ON CONFLICT (key) DO UPDATE SET key = b.key
         RETURNING b.key, b.tokens,
                   GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - b."refilledAt") * 1000)::float8 AS "elapsedMs",
                   clock_timestamp()::text AS now, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::float8 AS "nowMs",
                   b."windowCalls", b."windowSlot"`,
        [keys, capacities],
      );
      const level = new Map(
        rows.map((row) => {
          const shape = this.#shapeOf(row.key);
          return [row.key, Math.min(shape.capacity, row.tokens + row.elapsedMs * shape.perMs)];
        }),
      );
      const project = rows.find((row) => row.key === PROJECT_KEY)!;
      const nowSlot = Math.floor(project.nowMs / SLOT_MS);
      const window = slideWindow(project.windowCalls ?? [], project.windowSlot, nowSlot);
      let windowUsed = window.reduce((sum, calls) => sum + calls, 0);
      // window[i] holds slot nowSlot − 600 + i, which leaves the minute when slot nowSlot + 1 + i begins.
      const untilMinuteMoves =
        (nowSlot +
          1 +
          Math.max(
            0,
            window.findIndex((calls) => calls > 0),
          )) *
          SLOT_MS -
        project.nowMs;
      const admitted = new Set<Waiter>();
      let waitMs = MAX_WAIT_MS;
      for (const waiter of batch) {
        const person = waiter.priority === 'interactive';
        // The minute first: full (for anything but a person's call, down to the people's share) until its oldest slot leaves.
        if (windowUsed + 1 > this.#window.budget - (person ? 0 : this.#window.peopleOnly)) {
          waitMs = Math.min(waitMs, untilMinuteMoves);
          continue;
        }
        // Every call draws on the project's bucket and its user's; how far down it may take them is its priority's floor.
        const buckets = [PROJECT_KEY, ...(waiter.subject ? [`user:${waiter.subject}`] : [])];
        const short = buckets.map((key) => this.#floorOf(key, waiter.priority) + 1 - level.get(key)!);
        if (short.some((missing) => missing > 1e-9)) {
          waitMs = Math.min(waitMs, Math.max(...buckets.map((key, i) => short[i]! / this.#shapeOf(key).perMs)));
          continue;
        }
        for (const key of buckets) level.set(key, level.get(key)! - 1);
        window[window.length - 1]!++;
        windowUsed++;
        admitted.add(waiter);
      }
      await tx.query(
        `UPDATE "GoogleQuotaBucket" AS b
            SET tokens = u.tokens, "refilledAt" = u.at::timestamptz,
                "windowCalls" = CASE WHEN b.key = $4 THEN $5::int[] ELSE b."windowCalls" END,
                "windowSlot" = CASE WHEN b.key = $4 THEN $6::float8 ELSE b."windowSlot" END
           FROM unnest($1::text[], $2::float8[], $3::text[]) AS u(key, tokens, at)
          WHERE b.key = u.key`,
        [
          rows.map((row) => row.key),
          rows.map((row) => level.get(row.key)!),
          rows.map((row) => row.now),
          PROJECT_KEY,
          storedWindow(window),
          nowSlot,
        ],
      );
      return { admitted, waitMs: Math.max(1, Math.ceil(waitMs)) };
    });
  }

  /**
   * How low a call of `priority` may take a bucket. The project's: background work only while tokens
   * are left (it is paced by the refill); prompt work into a debt of the burst allowance, which paces
   * background work until the refill has paid it back; people's calls a reserve further still. A
   * user's: everyone but people stops at its reserve.
   */
  #floorOf(key: string, priority: CallPriority): number {
    if (key !== PROJECT_KEY) return priority === 'interactive' ? 0 : this.#user.reserve;
    if (priority === 'background') return 0;
    return -this.#window.burst - (priority === 'interactive' ? this.#project.reserve : 0);
  }

  #shapeOf(key: string): BucketShape {
    return key === PROJECT_KEY ? this.#project : this.#user;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = () => {
        this.#wakeUp = undefined;
        done();
      };
    });
  }

  /** Deletes users' buckets idle for minutes (full again, the same as no row), at most once a minute per process. */
  #sweepNow(): void {
    const now = Date.now();
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    this.prisma.$executeRaw`
      DELETE FROM "GoogleQuotaBucket"
       WHERE key <> ${PROJECT_KEY} AND "refilledAt" < clock_timestamp() - interval '5 minutes'`.catch((error: unknown) =>
      this.logger?.warn({ err: error }, 'could not delete idle quota buckets'),
    );
  }
}

const PRIORITY_ORDER: readonly CallPriority[] = ['interactive', 'prompt', 'background'];

/** People's calls first, then prompt work, then background work, each kind in arrival order. */
function byPriority(waiting: Waiter[]): Waiter[] {
  return PRIORITY_ORDER.flatMap((priority) => waiting.filter((waiter) => waiter.priority === priority));
}
