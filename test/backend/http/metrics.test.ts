import { describe, expect, it } from '@jest/globals';
import { prometheusContentType } from 'prom-client';
import request from 'supertest';
import { z } from 'zod';
import { startEmulator, type RunningEmulator } from '../../../backend/emulator/index.js';
import { DELEGATED_SCOPES } from '../../../backend/google/delegated-auth.js';
import { GoogleApiError } from '../../../backend/google/errors.js';
import { createAppMetrics, type AppMetrics } from '../../../backend/http/metrics.js';
import { JobQueue, type JobDefinition } from '../../../backend/jobs/queue.js';
import { captureLogs, createTestApp, expectStatus } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { createOrganization, createPerson } from '../../support/factories.js';
import { emulatedGoogle } from '../../support/google.js';
import { useWorld } from '../../support/use-world.js';

const SERVICE_ACCOUNT = 'together@together-test.iam.gserviceaccount.com';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
/** The tests' now: lags are measured against it, never against the wall clock. */
const NOW = new Date('2026-03-02T10:00:00.000Z');

interface World {
  db: TestDatabase;
  emulator: RunningEmulator;
  queue: JobQueue;
  close(): Promise<void>;
}

const world = useWorld<World>(async () => {
  const db = await createTestDatabase();
  const emulator = await startEmulator({
    seed: {
      domains: [{ name: 'acme.test' }],
      users: [{ email: 'ana@acme.test', timeZone: 'Europe/Madrid', orgUnitPath: '/Staff' }],
      serviceAccounts: [{ clientEmail: SERVICE_ACCOUNT, clientId: '111111111111111111111' }],
      grants: [{ serviceAccount: SERVICE_ACCOUNT, domain: 'acme.test', scopes: [...DELEGATED_SCOPES], reach: { orgUnits: ['/Staff'] } }],
    },
  });
  const queue = await JobQueue.start(db, captureLogs().logger, { pollingIntervalSeconds: 0.5 });
  return {
    db,
    emulator,
    queue,
    close: async () => {
      await queue.stop();
      await emulator.close();
      await db.close();
    },
  };
});

/** One sample of the text format: `name{label="value",…} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format, failing on any line that is neither a comment nor a sample. */
function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample named `name` whose labels include `labels`; undefined when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

function appWith(metrics: AppMetrics, overrides: { metricsToken?: string } = {}) {
  return createTestApp(world().db, { metrics, clock: () => NOW, ...overrides });
}

async function scrape(app: Parameters<typeof request>[0]): Promise<Sample[]> {
  const response = await request(app).get('/metrics');
  expectStatus(response, 200);
  return parseExposition(response.text);
}

describe('GET /metrics', () => {
  it("answers the Prometheus text format in prom-client's content type, with process metrics, uncached and unlogged", async () => {
    const { app, logs } = appWith(createAppMetrics());
    const response = await request(app).get('/metrics');
    expectStatus(response, 200);
    expect(response.headers['content-type']).toBe(prometheusContentType);
    expect(response.headers['cache-control']).toBe('no-store');
    const samples = parseExposition(response.text);
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'together_backlog_read_success')).toBe(1);
    expect(logs.lines.filter((line) => (line.req as { url?: string } | undefined)?.url === '/metrics')).toEqual([]);
  });

  it('counts requests under their route pattern, never the URL, and unknown paths as unmatched', async () => {
    const { app } = appWith(createAppMetrics());
    const organizationId = '7d1b9a52-5c2e-4f0a-9d55-0f6c7a1e2b3c';
    expectStatus(await request(app).get(`/admin/v1/organizations/${organizationId}/people`), 401);
    expectStatus(await request(app).get('/healthz'), 200);
    expectStatus(await request(app).get('/healthz'), 200);
    expectStatus(await request(app).get(`/no/such/${organizationId}`), 404);
    const response = await request(app).get('/metrics');
    expect(response.text).not.toContain(organizationId);
    const samples = parseExposition(response.text);
    const people = { method: 'GET', route: '/admin/v1/organizations/:organizationId/people' };
    expect(valueOf(samples, 'together_http_requests_total', { ...people, status: '401' })).toBe(1);
    expect(valueOf(samples, 'together_http_request_duration_seconds_count', { ...people, status_class: '4xx' })).toBe(1);
    expect(valueOf(samples, 'together_http_requests_total', { method: 'GET', route: '/healthz', status: '200' })).toBe(2);
    expect(valueOf(samples, 'together_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
  });

  it('counts and times Google calls by method and outcome, and their wait at the quota gate by priority', async () => {
    const metrics = createAppMetrics();
    const google = emulatedGoogle(world().emulator.url, world().emulator.serviceAccounts[0]!);
    google.endpoints.calls.observer = metrics.googleCalls;
    google.endpoints.calls.gate = { admit: async () => undefined };
    const ana = { subject: 'ana@acme.test', verifiedDomains: ['acme.test'] };
    expect(await google.calendar.getTimeZone(ana)).toBe('Europe/Madrid');
    const missing = await google.calendar.getEvent(ana, 'nosuchevent0001').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(GoogleApiError);
    expect((missing as GoogleApiError).kind).toBe('not_found');

    const samples = await scrape(appWith(metrics).app);
    const ok = { method: 'calendar.settings.get', outcome: 'ok' };
    const notFound = { method: 'calendar.events.get', outcome: 'not_found' };
    expect(valueOf(samples, 'together_google_calls_total', ok)).toBe(1);
    expect(valueOf(samples, 'together_google_calls_total', notFound)).toBe(1);
    expect(valueOf(samples, 'together_google_call_duration_seconds_count', ok)).toBe(1);
    expect(valueOf(samples, 'together_google_call_duration_seconds_count', notFound)).toBe(1);
    expect(valueOf(samples, 'together_google_quota_wait_seconds_count', { priority: 'background' })).toBe(2);
  });

  it('shows each job kind’s waiting and running jobs, read from the queue’s tables at scrape time', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: JobDefinition<{ n: number }> = { name: 'test.metrics-slow', payload: z.object({ n: z.number() }), handle: () => held };
    await world().queue.register(slow);
    const { app } = appWith(createAppMetrics());
    try {
      await world().queue.send(slow, { n: 1 });
      await world().queue.send(slow, { n: 2 }, { startAfter: 3600 });
      const queue = { queue: slow.name };
      await eventually(async () => valueOf(await scrape(app), 'together_job_queue_running_jobs', queue) === 1);
      const samples = await scrape(app);
      expect(valueOf(samples, 'together_job_queue_waiting_jobs', queue)).toBe(1);
      // The waiting job is not due for an hour: it has not waited to run yet.
      expect(valueOf(samples, 'together_job_queue_oldest_waiting_age_seconds', queue)).toBe(0);
    } finally {
      release();
    }
  });

  it('shows the running integration tests’ progress summed per run status, and the calendars’ sync lag', async () => {
    const { prisma } = world().db;
    const running = await createOrganization(prisma);
    const queued = await createOrganization(prisma);
    const finished = await createOrganization(prisma);
    await prisma.integrationTestRun.create({
      data: { organizationId: running.id, trigger: 'MANUAL', status: 'RUNNING', activeLock: running.id, total: 40, checked: 12 },
    });
    await prisma.integrationTestRun.create({
      data: { organizationId: queued.id, trigger: 'SCHEDULED', status: 'QUEUED', activeLock: queued.id, total: 10 },
    });
    await prisma.integrationTestRun.create({
      data: { organizationId: finished.id, trigger: 'MANUAL', status: 'COMPLETED', total: 99, checked: 99 },
    });
    const behind = await createPerson(prisma, running.id);
    const current = await createPerson(prisma, running.id);
    await prisma.calendarSyncState.create({
      data: {
        organizationId: running.id,
        personId: behind.id,
        calendarId: 'primary',
        dirtySince: new Date(NOW.getTime() - 90_000),
        lastLagMs: 2_500,
      },
    });
    await prisma.calendarSyncState.create({
      data: { organizationId: running.id, personId: current.id, calendarId: 'primary', lastLagMs: 400 },
    });

    const samples = await scrape(appWith(createAppMetrics()).app);
    expect(valueOf(samples, 'together_integration_test_runs', { status: 'RUNNING' })).toBe(1);
    expect(valueOf(samples, 'together_integration_test_people_checked', { status: 'RUNNING' })).toBe(12);
    expect(valueOf(samples, 'together_integration_test_people_total', { status: 'RUNNING' })).toBe(40);
    expect(valueOf(samples, 'together_integration_test_runs', { status: 'QUEUED' })).toBe(1);
    expect(valueOf(samples, 'together_integration_test_people_total', { status: 'QUEUED' })).toBe(10);
    expect(samples.filter((s) => s.name.startsWith('together_integration_test_')).map((s) => s.labels.status)).not.toContain('COMPLETED');
    expect(valueOf(samples, 'together_sync_pending_lag_seconds')).toBe(90);
    expect(valueOf(samples, 'together_sync_last_lag_seconds')).toBe(2.5);
    expect(valueOf(samples, 'together_sync_calendars_behind')).toBe(1);
  });
});

describe('who may read /metrics', () => {
  const elsewhere = { 'X-Forwarded-For': '203.0.113.7' };

  it('without METRICS_TOKEN: this machine only, a client a proxy names elsewhere is 403 forbidden', async () => {
    const { app } = appWith(createAppMetrics());
    expectStatus(await request(app).get('/metrics'), 200);
    expectStatus(await request(app).get('/metrics').set('X-Forwarded-For', '127.0.0.1'), 200);
    for (const headers of [elsewhere, { Forwarded: 'for=203.0.113.7' }, { 'X-Forwarded-For': '127.0.0.1, 203.0.113.7' }]) {
      const refused = await request(app).get('/metrics').set(headers).set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expectStatus(refused, 403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', requestId: expect.any(String) });
      expect(refused.text).not.toContain('together_');
    }
  });

  it('with METRICS_TOKEN: its bearer from anywhere; no token from elsewhere, or a wrong one from anywhere, is 401', async () => {
    const { app } = appWith(createAppMetrics(), { metricsToken: METRICS_TOKEN });
    const missing = await request(app).get('/metrics').set(elsewhere);
    expectStatus(missing, 401);
    expect(missing.body.error.code).toBe('unauthenticated');
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    for (const authorization of [`Bearer ${METRICS_TOKEN}x`, `Bearer ${METRICS_TOKEN.slice(1)}`, `Basic ${METRICS_TOKEN}`, 'Bearer']) {
      for (const headers of [elsewhere, {}]) {
        const wrong = await request(app).get('/metrics').set(headers).set('Authorization', authorization);
        expectStatus(wrong, 401);
        expect(wrong.body.error.code).toBe('unauthenticated');
      }
    }
    const allowed = await request(app).get('/metrics').set(elsewhere).set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expectStatus(allowed, 200);
    expect(allowed.text).toContain('together_http_requests_total');
    expectStatus(await request(app).get('/metrics'), 200);
  });
});
