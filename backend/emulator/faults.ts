/** Fault injection: latency, error rates per method, and Google's per-user / per-project quotas. */
import { errorForStatus, invalid, rateLimitExceeded, userRateLimitExceeded, type GoogleApiError } from './errors.js';
import { isRecord } from './json.js';

export type Latency = { kind: 'fixed'; ms: number } | { kind: 'uniform'; minMs: number; maxMs: number };

export interface ErrorRule {
  /** An API method (`calendar.events.get`), a prefix with `*` (`calendar.*`), or `*`. */
  method: string;
  status: number;
  /** Probability 0..1 that a call answers this error. */
  rate: number;
  /** The first this many matching calls pass untouched (Google failing mid-flow, not from the start). */
  afterCalls?: number;
}

export interface Quotas {
  perUserPerMinute?: number;
  perProjectPerMinute?: number;
  /** 403 (Google's usual `userRateLimitExceeded` / `rateLimitExceeded`) or 429. */
  status?: 403 | 429;
  retryAfterSeconds?: number;
}

export interface FaultConfig {
  latency?: Latency;
  errors?: ErrorRule[];
  quotas?: Quotas;
}

const WINDOW_MS = 60_000;

/** Timestamps of recent calls for one quota key, oldest first (sliding one-minute window). */
class Window {
  private times: number[] = [];
  private head = 0;

  /** Adds a call at `now`; returns how many calls the last minute holds, this one included. */
  add(now: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - WINDOW_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    this.times.push(now);
    return this.times.length - this.head;
  }
}

const matches = (pattern: string, method: string): boolean =>
  pattern === '*' || pattern === method || (pattern.endsWith('*') && method.startsWith(pattern.slice(0, -1)));

function readLatency(value: unknown): Latency | undefined {
  if (value === undefined || value === null) return undefined;
  if (isRecord(value) && value.kind === 'fixed' && typeof value.ms === 'number' && value.ms >= 0) return { kind: 'fixed', ms: value.ms };
  if (
    isRecord(value) &&
    value.kind === 'uniform' &&
    typeof value.minMs === 'number' &&
    typeof value.maxMs === 'number' &&
    value.minMs >= 0 &&
    value.maxMs >= value.minMs
  ) {
    return { kind: 'uniform', minMs: value.minMs, maxMs: value.maxMs };
  }
  throw invalid('latency must be {kind:"fixed",ms} or {kind:"uniform",minMs,maxMs}');
}

function readErrors(value: unknown): ErrorRule[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid('errors must be a list of {method,status,rate,afterCalls?}');
  return value.map((rule) => {
    if (
      !isRecord(rule) ||
      typeof rule.method !== 'string' ||
      typeof rule.status !== 'number' ||
      typeof rule.rate !== 'number' ||
      rule.status < 400 ||
      rule.status > 599 ||
      rule.rate < 0 ||
      rule.rate > 1 ||
      (rule.afterCalls !== undefined && (typeof rule.afterCalls !== 'number' || !Number.isInteger(rule.afterCalls) || rule.afterCalls < 0))
    ) {
      throw invalid('each error rule needs method, status (400–599), rate (0..1) and, if given, afterCalls (a whole number ≥ 0)');
    }
    return { method: rule.method, status: rule.status, rate: rule.rate, ...(rule.afterCalls ? { afterCalls: rule.afterCalls } : {}) };
  });
}

function readQuotas(value: unknown): Quotas | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalid('quotas must be an object');
  const quotas: Quotas = {};
  for (const key of ['perUserPerMinute', 'perProjectPerMinute', 'retryAfterSeconds'] as const) {
    if (value[key] === undefined) continue;
    if (typeof value[key] !== 'number' || value[key] < 0) throw invalid(`quotas.${key} must be a number ≥ 0`);
    quotas[key] = value[key];
  }
  if (value.status !== undefined && value.status !== 403 && value.status !== 429) throw invalid('quotas.status must be 403 or 429');
  if (value.status !== undefined) quotas.status = value.status;
  return quotas;
}

/** Validates a fault configuration from the control API. */
export function readFaultConfig(body: unknown): FaultConfig {
  if (!isRecord(body)) throw invalid('fault configuration must be an object');
  return { latency: readLatency(body.latency), errors: readErrors(body.errors), quotas: readQuotas(body.quotas) };
}

export class Faults {
  config: FaultConfig = {};
  private userWindows = new Map<string, Window>();
  private projectWindows = new Map<string, Window>();
  /** Matching calls seen per error rule (by its index), for `afterCalls`. */
  private ruleCalls: number[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  set(config: FaultConfig): void {
    this.config = config;
    this.userWindows.clear();
    this.projectWindows.clear();
    this.ruleCalls = [];
  }

  clear(): void {
    this.set({});
  }

  latencyMs(): number {
    const latency = this.config.latency;
    if (!latency) return 0;
    return latency.kind === 'fixed' ? latency.ms : latency.minMs + this.random() * (latency.maxMs - latency.minMs);
  }

  /** The quota error for this call, or null; every call counts, as at Google. */
  overQuota(user: string, project: string, now: number): GoogleApiError | null {
    const quotas = this.config.quotas;
    if (!quotas) return null;
    const tooMany = (windows: Map<string, Window>, key: string, limit: number | undefined): boolean => {
      if (limit === undefined) return false;
      let window = windows.get(key);
      if (!window) windows.set(key, (window = new Window()));
      return window.add(now) > limit;
    };
    const userOver = tooMany(this.userWindows, `${project} ${user}`, quotas.perUserPerMinute);
    const projectOver = tooMany(this.projectWindows, project, quotas.perProjectPerMinute);
    if (!userOver && !projectOver) return null;
    const error = quotas.status === 429 ? rateLimitExceeded(429) : userOver ? userRateLimitExceeded() : rateLimitExceeded(403);
    if (quotas.retryAfterSeconds !== undefined) error.headers['Retry-After'] = String(quotas.retryAfterSeconds);
    return error;
  }

  /** An injected error for this method, drawn with the configured rates. */
  injectedError(method: string): GoogleApiError | null {
    for (const [index, rule] of (this.config.errors ?? []).entries()) {
      if (!matches(rule.method, method)) continue;
      const seen = (this.ruleCalls[index] = (this.ruleCalls[index] ?? 0) + 1);
      if (seen > (rule.afterCalls ?? 0) && this.random() < rule.rate) return errorForStatus(rule.status);
    }
    return null;
  }
}
