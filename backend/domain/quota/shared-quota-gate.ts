import type { CallGate, CallPriority, GoogleCall } from '../../google/call-gate.js';
import type { Logger } from '../../logger.js';
import type { PrismaClient } from '../../store/database.js';

/** Google's per-minute quotas as configured (`config.quotas`). */
export interface GoogleQuotas {
  projectPerMinute: number;
  userPerMinute: number;
}

/** Share of a quota we allow ourselves, leaving room for clock skew and for calls outside the backend. */
const QUOTA_SHARE = 0.99;
/** Share of each bucket background work leaves untouched, so a person's call finds a token at once. */
const INTERACTIVE_RESERVE = 0.5;
/** Calls admitted per database round trip at most. */
const MAX_BATCH = 1_000;
/** The longest a waiting call sleeps before the bucket is looked at again. */
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
}

/**
 * One Google budget for the whole deployment: the project's quota and each user's, as token buckets
 * in PostgreSQL that every replica draws from. Waiting calls of this process are admitted together,
 * one transaction per round (the buckets' rows locked, refilled from the database's own clock, drawn
 * down), so the cost per call shrinks as load grows. Interactive calls are admitted before
 * background ones, and background work never takes the last INTERACTIVE_RESERVE of a bucket.
 */
export class SharedQuotaGate implements CallGate {
  readonly #project: BucketShape;
  readonly #user: BucketShape;
  #waiting: Waiter[] = [];
  #pumping = false;
  #wakeUp: (() => void) | undefined;
  #lastSweep = 0;

  constructor(
    private readonly prisma: PrismaClient,
    quotas: GoogleQuotas,
    private readonly logger?: Logger,
  ) {
    this.#project = bucketShape(quotas.projectPerMinute);
    this.#user = bucketShape(quotas.userPerMinute);
  }

  admit(call: GoogleCall): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ subject: call.subject, priority: call.priority, resolve, reject });
      // A person's call does not sleep behind background work waiting for its tokens.
      if (call.priority === 'interactive') this.#wakeUp?.();
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

  /** Draws a token from every bucket each call needs, highest priority first; says how long until the next could go. */
  async #draw(batch: Waiter[]): Promise<{ admitted: Set<Waiter>; waitMs: number }> {
    const keys = [PROJECT_KEY, ...new Set(batch.flatMap((waiter) => (waiter.subject ? [`user:${waiter.subject}`] : [])))].sort();
    const capacities = keys.map((key) => this.#shapeOf(key).capacity);
    return this.prisma.$transaction(async (tx) => {
      // Creates missing buckets full and locks every row, in key order so replicas never deadlock.
      const rows = await tx.$queryRaw<BucketRow[]>`
        INSERT INTO "GoogleQuotaBucket" AS b (key, tokens, "refilledAt")
        SELECT k.key, k.capacity, clock_timestamp()
          FROM unnest(${keys}::text[], ${capacities}::float8[]) AS k(key, capacity)
         ORDER BY k.key
        ON CONFLICT (key) DO UPDATE SET key = b.key
        RETURNING b.key, b.tokens,
                  GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - b."refilledAt") * 1000)::float8 AS "elapsedMs",
                  clock_timestamp()::text AS now`;
      const level = new Map(
        rows.map((row) => {
          const shape = this.#shapeOf(row.key);
          return [row.key, Math.min(shape.capacity, row.tokens + row.elapsedMs * shape.perMs)];
        }),
      );
      const admitted = new Set<Waiter>();
      let waitMs = MAX_WAIT_MS;
      for (const waiter of batch) {
        const needs = waiter.subject ? [PROJECT_KEY, `user:${waiter.subject}`] : [PROJECT_KEY];
        const floorOf = (key: string) => (waiter.priority === 'background' ? this.#shapeOf(key).reserve : 0);
        const short = needs.map((key) => floorOf(key) + 1 - level.get(key)!);
        if (short.every((missing) => missing <= 1e-9)) {
          for (const key of needs) level.set(key, level.get(key)! - 1);
          admitted.add(waiter);
        } else {
          const untilReady = Math.max(...needs.map((key, i) => short[i]! / this.#shapeOf(key).perMs));
          waitMs = Math.min(waitMs, untilReady);
        }
      }
      await tx.$executeRaw`
        UPDATE "GoogleQuotaBucket" AS b SET tokens = u.tokens, "refilledAt" = u.at::timestamptz
          FROM unnest(${rows.map((row) => row.key)}::text[], ${rows.map((row) => level.get(row.key)!)}::float8[], ${rows.map((row) => row.now)}::text[])
               AS u(key, tokens, at)
         WHERE b.key = u.key`;
      return { admitted, waitMs: Math.max(1, Math.ceil(waitMs)) };
    });
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

/** Interactive calls first, each kind in arrival order. */
function byPriority(waiting: Waiter[]): Waiter[] {
  return [
    ...waiting.filter((waiter) => waiter.priority === 'interactive'),
    ...waiting.filter((waiter) => waiter.priority !== 'interactive'),
  ];
}
