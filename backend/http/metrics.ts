import { createHash, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Router, type Express, type Request, type RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../domain/errors.js';
import { readBacklog, type Backlog } from '../domain/operations/read-backlog.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/database.js';
import { fromLoopbackClient } from './console/loopback.js';

/** The path Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/** The label of a request no route pattern matches (an unknown path, a static asset). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * A Google call as google/call-gate.ts's `GoogleCall` has it. The layer table keeps http/ from
 * importing google/, so the observer is typed structurally and main.ts hands it to the endpoints.
 */
export interface ObservedGoogleCall {
  method: string;
  priority: string;
}

/** google/call-gate.ts's `CallObserver`, structurally: assignable to `endpoints.calls.observer`. */
export interface GoogleCallObserver {
  admitted(call: ObservedGoogleCall, waitedMs: number): void;
  answered(call: ObservedGoogleCall, outcome: string, durationMs: number): void;
}

const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const GOOGLE_SECONDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const QUOTA_WAIT_SECONDS = [0.001, 0.01, 0.1, 0.5, 1, 5, 15, 30, 60, 120];

/**
 * The backend's Prometheus metrics, on a registry of their own (never prom-client's global one, so
 * two apps in one process, as in tests, never share or clash). Built by main.ts before the app, so
 * the Google endpoints can be given `googleCalls` first; `createApp` makes one when it is given none.
 */
export class AppMetrics {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'together_http_requests_total',
    help: 'HTTP requests answered, by method, Express route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'together_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, Express route pattern and status class (2xx, 4xx…).',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: HTTP_SECONDS,
    registers: [this.registry],
  });

  private readonly googleCallsTotal = new Counter({
    name: 'together_google_calls_total',
    help: 'Google API calls answered, by Google method and outcome (ok, or the failure kind).',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly googleCallDuration = new Histogram({
    name: 'together_google_call_duration_seconds',
    help: 'Time from sending a Google API call to its answer, by Google method and outcome.',
    labelNames: ['method', 'outcome'] as const,
    buckets: GOOGLE_SECONDS,
    registers: [this.registry],
  });

  private readonly quotaWait = new Histogram({
    name: 'together_google_quota_wait_seconds',
    help: "Time a Google call waited for the deployment's quota gate to admit it, by priority (interactive, prompt, background).",
    labelNames: ['priority'] as const,
    buckets: QUOTA_WAIT_SECONDS,
    registers: [this.registry],
  });

  private readonly gauges = {
    backlogRead: this.gauge(
      'together_backlog_read_success',
      'Whether the last scrape read the database backlog below (1) or failed to (0).',
    ),
    jobsWaiting: this.gauge('together_job_queue_waiting_jobs', 'Jobs created or waiting for a retry, per job kind (pg-boss queue).', [
      'queue',
    ]),
    jobsRunning: this.gauge('together_job_queue_running_jobs', 'Jobs running now, per job kind (pg-boss queue).', ['queue']),
    oldestWaiting: this.gauge(
      'together_job_queue_oldest_waiting_age_seconds',
      'How long the oldest due waiting job has waited to run, per job kind; 0 when none is due.',
      ['queue'],
    ),
    syncPendingLag: this.gauge(
      'together_sync_pending_lag_seconds',
      "The longest any calendar's oldest unsynced notification has waited (the sync status's largest pendingLagMs).",
    ),
    syncLastLag: this.gauge('together_sync_last_lag_seconds', "The largest calendar's last-sync lag, notification to applied (lastLagMs)."),
    syncBehind: this.gauge('together_sync_calendars_behind', 'Watched calendars owing a sync now.'),
    testRuns: this.gauge('together_integration_test_runs', 'Integration test runs, by status (QUEUED, RUNNING).', ['status']),
    testChecked: this.gauge(
      'together_integration_test_people_checked',
      'People checked so far by integration test runs, summed over organizations, by run status.',
      ['status'],
    ),
    testTotal: this.gauge(
      'together_integration_test_people_total',
      'People to check in integration test runs, summed over organizations, by run status.',
      ['status'],
    ),
  };

  private processMetrics = false;

  /** The observer for `GoogleEndpoints.calls.observer`: every Google call's outcome, duration and quota wait. */
  readonly googleCalls: GoogleCallObserver = {
    admitted: (call, waitedMs) => this.quotaWait.observe({ priority: call.priority }, waitedMs / 1000),
    answered: (call, outcome, durationMs) => {
      this.googleCallsTotal.inc({ method: call.method, outcome });
      this.googleCallDuration.observe({ method: call.method, outcome }, durationMs / 1000);
    },
  };

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Counts one answered request under its route pattern. */
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void {
    const status = String(request.status);
    this.httpRequests.inc({ method: request.method, route: request.route, status });
    this.httpDuration.observe({ method: request.method, route: request.route, status_class: `${status[0]}xx` }, request.seconds);
  }

  /** Sets the backlog gauges from a fresh read, or (undefined) marks the read failed and drops what is stale. */
  setBacklog(backlog: Backlog | undefined): void {
    const g = this.gauges;
    for (const gauge of [g.jobsWaiting, g.jobsRunning, g.oldestWaiting]) gauge.reset();
    g.backlogRead.set(backlog ? 1 : 0);
    if (!backlog) return;
    for (const job of backlog.jobs) {
      g.jobsWaiting.set({ queue: job.queue }, job.waiting);
      g.jobsRunning.set({ queue: job.queue }, job.running);
      g.oldestWaiting.set({ queue: job.queue }, job.oldestWaitingAgeMs / 1000);
    }
    g.syncPendingLag.set(backlog.sync.maxPendingLagMs / 1000);
    g.syncLastLag.set(backlog.sync.maxLastLagMs / 1000);
    g.syncBehind.set(backlog.sync.calendarsBehind);
    for (const run of backlog.integrationTests) {
      g.testRuns.set({ status: run.status }, run.runs);
      g.testChecked.set({ status: run.status }, run.checked);
      g.testTotal.set({ status: run.status }, run.total);
    }
  }

  /** The text exposition of every metric. */
  async scrape(): Promise<string> {
    // Started at the first scrape, not at construction: tests build hundreds of apps that are never scraped.
    if (!this.processMetrics) collectDefaultMetrics({ register: this.registry });
    this.processMetrics = true;
    return this.registry.metrics();
  }

  private gauge(name: string, help: string, labelNames: string[] = []): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}

/** A registry of the backend's metrics and the Google call observer that feeds it. */
export function createAppMetrics(): AppMetrics {
  return new AppMetrics();
}

/** A route the app mounts: its method (`_all` for any) and its full Express pattern. */
interface RoutePattern {
  method: string;
  pattern: string;
  regexp: RegExp;
  literalSegments: number;
}

/** A layer of Express's router stack: a route, a router mounted at a path, or middleware. */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route of the app with its full pattern (mount paths joined), read from Express's router stack. */
function routePatterns(app: Express): RoutePattern[] {
  const paths = (raw: unknown): string[] =>
    (Array.isArray(raw) ? raw.flat(Infinity) : [raw]).filter((p): p is string => typeof p === 'string');
  const walk = (stack: Layer[], prefix: string): RoutePattern[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods);
        return paths(layer.route.path).flatMap((path) => {
          const pattern = `${prefix}${path}`.replace(/(.)\/$/, '$1');
          return methods.map((method) => compile(method.toUpperCase(), pattern));
        });
      }
      if (!layer.handle?.stack) return [];
      const mounts = paths(layer.rawPath).map((mount) => (mount === '/' ? '' : mount));
      return (mounts.length ? mounts : ['']).flatMap((mount) => walk(layer.handle!.stack!, prefix + mount));
    });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
}

function compile(method: string, pattern: string): RoutePattern {
  const segments = pattern.split('/').filter(Boolean);
  const source = segments.map((s) => (s.startsWith(':') ? '/[^/]+' : `/${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).join('');
  return { method, pattern, regexp: new RegExp(`^${source}/?$`, 'i'), literalSegments: segments.filter((s) => !s.startsWith(':')).length };
}

/** The route pattern a request is for (`/admin/v1/organizations/:organizationId/people`), or `unmatched`. */
function routeOf(routes: RoutePattern[], req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const candidates = routes.filter((r) => (r.method === method || r.method === '_ALL') && r.regexp.test(path));
  // The route Express ran, when one ran; otherwise (refused before routing, say) the most literal match.
  const ran =
    typeof req.route?.path === 'string' ? candidates.filter((r) => r.pattern.endsWith(req.route.path.replace(/(.)\/$/, '$1'))) : [];
  const best = (ran.length ? ran : candidates).sort((a, b) => b.literalSegments - a.literalSegments)[0];
  return best?.pattern ?? UNMATCHED_ROUTE;
}

/** Counts and times every request under its route pattern once answered; mounted first, so every answer counts. */
export function countRequests(app: Express, metrics: AppMetrics): RequestHandler {
  let routes: RoutePattern[] | undefined;
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      routes ??= routePatterns(app);
      metrics.observeRequest({
        method: req.method,
        route: routeOf(routes, req),
        status: res.statusCode,
        seconds: (performance.now() - started) / 1000,
      });
    });
    next();
  };
}

export interface MetricsRouterDeps {
  db: Database;
  clock: () => Date;
  logger: Logger;
  metrics: AppMetrics;
  /** METRICS_TOKEN: a bearer token that lets a scraper elsewhere in; without it, only this machine may scrape. */
  token?: string;
}

/** `GET /metrics`: the Prometheus text format, to this machine or to the bearer of METRICS_TOKEN. */
export function metricsRouter(deps: MetricsRouterDeps): Router {
  const router = Router();
  router.get(METRICS_PATH, async (req, res) => {
    allowScrape(req, res, deps.token);
    const backlog = await readBacklog({ prisma: deps.db.prisma, clock: deps.clock }).catch((error: unknown) => {
      req.log.warn({ err: error }, 'metrics: could not read the backlog');
      return undefined;
    });
    deps.metrics.setBacklog(backlog);
    res.status(200).setHeader('Content-Type', deps.metrics.contentType);
    res.send(await deps.metrics.scrape());
  });
  return router;
}

/**
 * A presented token must be the configured one (401 otherwise, wherever it comes from); without one,
 * a program on this machine may scrape, anyone else needs the token (401) or, when none is configured, is refused (403).
 */
function allowScrape(req: Request, res: { setHeader(name: string, value: string): unknown }, token: string | undefined): void {
  const authorization = req.headers.authorization;
  if (token && authorization) {
    const presented = /^Bearer +(\S+) *$/i.exec(authorization)?.[1] ?? '';
    if (sameSecret(presented, token)) return;
    res.setHeader('WWW-Authenticate', 'Bearer');
    throw new AppError('unauthenticated', 'The bearer token is not the metrics token (METRICS_TOKEN).');
  }
  if (fromLoopbackClient(req)) return;
  if (token) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    throw new AppError('unauthenticated', 'Metrics need the bearer token METRICS_TOKEN from outside this machine.');
  }
  throw new AppError('forbidden', 'Metrics are served only to this machine; set METRICS_TOKEN to scrape from elsewhere.');
}

/** Constant-time comparison: both sides hashed first, so neither their content nor their length shows in the timing. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
