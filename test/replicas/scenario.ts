/**
 * The multi-replica scale scenario (`npm run test:replicas`, and its small Jest version
 * `replicas.test.ts`): one fresh PostgreSQL database, the standalone emulator in its own process with
 * quotas, three backend processes behind a round-robin loopback proxy, and at once an integration
 * test of P people, a sync burst of K changed events and B bookings from the user API, while one
 * replica is SIGKILLed and a fresh one started. Some people are suspended before the run, so the
 * test finds the integration failing and its owner is mailed through a real SMTP server. Every wait
 * is bounded and says what did not finish; every child is killed and the database dropped in `finally`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DELEGATED_SCOPES } from '../../backend/google/delegated-auth.js';
import { startBackendProcess, stopBackendProcess, type BackendProcess } from '../support/backend-process.js';
import { emulatorControl } from '../support/emulator-control.js';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.js';
import { openPage, parseSignInForm, submitForm } from '../emulator/support/sign-in.js';
import { answerConfirmation } from '../backend/admin/confirmation-form.js';
import { createSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { startProxy, type Proxy } from './proxy.js';

export interface ReplicaScenarioSize {
  /** People in the organization, all checked by the integration test. */
  people: number;
  /** Sessions booked in the setup whose Google event is then changed: one notification each. */
  syncChanges: number;
  /** Bookings made through the user API during the run. */
  bookings: number;
}
export const FULL: ReplicaScenarioSize = { people: 5_000, syncChanges: 1_000, bookings: 200 };
export const SMALL: ReplicaScenarioSize = { people: 360, syncChanges: 100, bookings: 30 };
/**
 * Of everyone, this share (taken from the people outside the sync and booking pairs) is suspended
 * in Google before the run; with the replicas' `HEALTH_FAILING_SHARE` below it, the run's result
 * opens an incident and its owner is mailed.
 */
export const SUSPENDED_SHARE = 0.15;
const HEALTH_FAILING_SHARE = 0.1;

export const REPLICAS = 3;
export const QUOTAS = { perProjectPerMinute: 6_000, perUserPerMinute: 600, status: 429 as const, retryAfterSeconds: 1 };
export const TIMEOUTS = {
  boot: 60_000,
  setupBookings: 180_000,
  channels: 120_000,
  /** The integration test, the sync burst and the bookings, after the kill. */
  run: 240_000,
};
/** After this many ms of the run, one replica is SIGKILLed and a fresh one started. */
export const KILL_AFTER_MS = 3_000;

const DOMAIN = 'replicas.test';
const SERVICE_ACCOUNT = 'together-replicas@replicas-project.iam.gserviceaccount.com';
const OAUTH_CLIENT = { clientId: 'together-replicas-admin.apps.googleusercontent.com', clientSecret: 'GOCSPX-replicas-secret' };
const ADDON_AUDIENCE = 'replicas-addon.apps.googleusercontent.com';
const ADMIN = `user0@${DOMAIN}`;
const email = (i: number) => `user${i}@${DOMAIN}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

export interface ReplicaScenarioFigures {
  size: ReplicaScenarioSize;
  replicas: number;
  quotas: typeof QUOTAS;
  setupMs: number;
  runMs: number;
  killedReplicaAtMs: number | null;
  googleCalls: number;
  quotaErrors: number;
  /** What did not finish within its bound (empty when everything did). */
  unfinished: string[];
  integrationTest: {
    status: string | null;
    total: number;
    results: number;
    people: number;
    duplicates: number;
    missing: number;
    durationMs: number | null;
  };
  recheckedPeople: number;
  sync: { changed: number; reached: number; lagP95Ms: number | null; maxLagMs: number | null };
  bookings: {
    attempted: number;
    succeeded: number;
    failed: number;
    failures: string[];
    /** Cut off by the kill (502 from the proxy): allowed, if it left at most one event. */
    interrupted: number;
    withExactlyOneEvent: number;
    withoutEvent: number;
    withDuplicates: number;
  };
  ownerMails: {
    /** Notification rows (each one mail, with its own Message-ID). */
    records: number;
    /** Records not SENT when the run ended (within the bound). */
    unsent: number;
    /** Messages the SMTP server received. */
    received: number;
    /** Message-IDs received twice (a crash between send and mark: allowed once). */
    receivedTwice: number;
    /** Message-IDs received more than twice, or never, or of no record. */
    wrong: string[];
  };
}

/** Waits for `done()` (polled) up to `ms`; false when it did not come, never throws on time. */
async function until(done: () => Promise<boolean>, ms: number, everyMs = 500): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (await done()) return true;
    if (performance.now() > deadline) return false;
    await sleep(everyMs);
  }
}

export async function runReplicaScenario(
  size: ReplicaScenarioSize,
  log: (line: string) => void = console.log,
): Promise<ReplicaScenarioFigures> {
  const started = performance.now();
  const dbName = `replicas_${randomBytes(4).toString('hex')}`;
  const adminUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbUrl = `postgresql://postgres@127.0.0.1:5432/${dbName}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'together-replicas-'));
  const backends: BackendProcess[] = [];
  let emulator: EmulatorProcess | undefined;
  let proxy: Proxy | undefined;
  let smtp: TestSmtpServer | undefined;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const db = new pg.Pool({ connectionString: dbUrl, max: 4 });
  // The database is dropped WITH (FORCE) at the end, which ends a query still in flight after a failure:
  // that must not crash the process and hide the failure.
  db.on('error', () => undefined);
  const unfinished: string[] = [];
  try {
    // Migrations once, before any replica starts.
    await run(path.resolve('node_modules/.bin/prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: dbUrl } });

    // The emulator's push deliveries go to the proxy's self-signed HTTPS: its process accepts that certificate
    // (startEmulatorProcess copies process.env when it spawns, synchronously; restored at once).
    const tls = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const emulatorStarting = startEmulatorProcess({
      domains: [{ name: DOMAIN }],
      users: Array.from({ length: size.people }, (_, i) => ({ email: email(i), isAdmin: i === 0 })),
      serviceAccounts: [{ clientEmail: SERVICE_ACCOUNT }],
      grants: [{ serviceAccount: SERVICE_ACCOUNT, domain: DOMAIN, scopes: [...DELEGATED_SCOPES], reach: 'domain' }],
    });
    if (tls === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tls;
    emulator = await emulatorStarting;
    const google = emulatorControl(emulator.url);
    await google.send('PATCH', '/settings', { conferenceDelayMs: 0 });
    proxy = await startProxy(dir, REPLICAS);
    smtp = await createSmtpServer();
    const publicUrl = `http://localhost:${proxy.port}`;
    await google.registerOAuthClient({ ...OAUTH_CLIENT, redirectUris: [`${publicUrl}/admin/oauth/callback`] });
    const keyFile = path.join(dir, 'key.json');
    writeFileSync(keyFile, JSON.stringify(emulator.serviceAccounts[0]));
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info', // startBackendProcess reads the port from the "listening" log line
      DATABASE_URL: dbUrl,
      GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile,
      GOOGLE_API_URL: emulator.url,
      GOOGLE_MARKETPLACE_LISTING_URL: `${emulator.url}/marketplace/app/replicas`,
      GOOGLE_OAUTH_CLIENT_ID: OAUTH_CLIENT.clientId,
      GOOGLE_OAUTH_CLIENT_SECRET: OAUTH_CLIENT.clientSecret,
      ADDON_OAUTH_CLIENT_IDS: ADDON_AUDIENCE,
      SMTP_URL: smtp.url,
      HEALTH_FAILING_SHARE: String(HEALTH_FAILING_SHARE),
      PUBLIC_URL: publicUrl,
      GOOGLE_WEBHOOK_URL: `https://localhost:${proxy.httpsPort}/webhooks/google-calendar`,
      GOOGLE_PROJECT_QUOTA_PER_MINUTE: String(QUOTAS.perProjectPerMinute),
      GOOGLE_USER_QUOTA_PER_MINUTE: String(QUOTAS.perUserPerMinute),
    };
    const { stdout: tokenOut } = await run(
      process.execPath,
      ['--import', 'tsx', 'backend/cli/admin-token.ts', '--organization-name', 'Replicas', '--domain', DOMAIN],
      { env: { ...process.env, ...env, NODE_OPTIONS: '' } },
    );
    const token = tokenOut.trim().split('\n').pop()!;
    const startReplica = async (): Promise<BackendProcess> => {
      const backend = startBackendProcess(env);
      backends.push(backend);
      const port = await Promise.race([
        backend.listening,
        sleep(TIMEOUTS.boot).then(() =>
          Promise.reject(
            new Error(
              `a replica did not listen within ${TIMEOUTS.boot} ms:\n${backend.stdout().slice(-2000)}\n${backend.stderr().slice(-2000)}`,
            ),
          ),
        ),
      ]);
      proxy!.targets.push(port);
      return backend;
    };
    for (let i = 0; i < REPLICAS; i++) await startReplica();
    log(`${REPLICAS} replicas on ${proxy.targets.join(', ')} behind ${publicUrl}, database ${dbName}, emulator ${emulator.url}`);

    const base = `http://127.0.0.1:${proxy.port}`;
    const { organizationId } = (await (
      await fetch(`${base}/admin/v1/token`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      organizationId: string;
    };
    const api = async <T = Record<string, unknown>>(method: string, route: string, body?: unknown, expected?: number[]): Promise<T> => {
      const response = await fetch(`${base}/admin/v1/organizations/${organizationId}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (expected ? !expected.includes(response.status) : !response.ok)
        throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : {}) as T;
    };

    // The wizard, as the README's walk-through: vendor, method, domain verification by the super administrator, install.
    await api('PUT', '/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: ADMIN });
    await api('PUT', '/integration/method', { method: 'DOMAIN_WIDE' });
    const { verification } = await api<{ verification: { authorizationUrl: string } }>('POST', '/domains/verifications', {
      domain: DOMAIN,
    });
    const chooser = await openPage(verification.authorizationUrl);
    const submitted = await submitForm(parseSignInForm(chooser.html, verification.authorizationUrl), { account: ADMIN });
    const callbackUrl = submitted.location!.replace('localhost', '127.0.0.1');
    const question = await fetch(callbackUrl);
    await answerConfirmation({ status: question.status, html: await question.text(), headers: question.headers }, callbackUrl, 'verify');
    await api('POST', '/integration/install/confirm');

    // People who book (sync pairs and booking pairs) first; a first test finds them active, and the wizard finishes.
    const pairs = size.syncChanges + size.bookings;
    const personRow = (i: number) => ({ email: email(i), displayName: `User ${i}` });
    await api('POST', '/people/bulk-upsert', { rows: Array.from({ length: 2 * pairs + 1 }, (_, i) => personRow(i)) });
    await api('POST', '/programs/bulk-upsert', { rows: [{ externalId: 'replicas', name: 'Replicas' }] });
    // Pair p: mentor user(2p+1), mentee user(2p+2).
    await api('POST', '/matchings/bulk-upsert', {
      rows: Array.from({ length: pairs }, (_, p) => ({
        externalId: `pair${p}`,
        program: { externalId: 'replicas' },
        mentor: { email: email(2 * p + 1) },
        mentee: { email: email(2 * p + 2) },
      })),
    });
    const firstRun = await api<{ testRun: { id: string } }>('POST', '/integration/test-runs', undefined, [202, 409]);
    const firstDone = await until(async () => {
      const runs = await api<{ testRuns: Array<{ status: string }> }>('GET', '/integration/test-runs');
      return runs.testRuns.every((r) => r.status === 'COMPLETED' || r.status === 'FAILED');
    }, TIMEOUTS.run);
    if (!firstDone) throw new Error(`setup: the first integration test (${firstRun.testRun?.id}) did not finish within ${TIMEOUTS.run} ms`);
    await api('POST', '/integration/finalize', undefined, [200, 409]);
    const matchingIds = new Map<number, string>(
      (await db.query<{ id: string; externalId: string }>(`SELECT id, "externalId" FROM "Matching"`)).rows.map((r) => [
        Number(r.externalId.slice(4)),
        r.id,
      ]),
    );

    // Two weekdays far enough ahead for the notice: one for the sync sessions, one for the run's bookings.
    const weekdays: Date[] = [];
    for (let d = 3; weekdays.length < 2; d++) {
      const day = new Date(Date.now() + d * 86_400_000);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
        weekdays.push(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10)));
    }
    const [syncDay, bookDay] = weekdays as [Date, Date];
    const mentorIds = new Map(
      (await db.query<{ id: string; email: string }>(`SELECT id, email FROM "Person"`)).rows.map((r) => [r.email, r.id]),
    );
    // The setup's sessions are booked by each pair's mentor through the admin API.
    const bookAsMentor = (p: number, start: Date) =>
      api<{ session: { id: string } }>(
        'POST',
        `/matchings/${matchingIds.get(p)}/sessions`,
        { bookerId: mentorIds.get(email(2 * p + 1)), start: start.toISOString(), durationMinutes: 30 },
        [201],
      );
    const syncSessions: string[] = [];
    const setupFailures: string[] = [];
    for (let from = 0; from < size.syncChanges; from += 20) {
      const batch = Array.from({ length: Math.min(20, size.syncChanges - from) }, (_, j) => from + j);
      for (const r of await Promise.allSettled(batch.map((p) => bookAsMentor(p, syncDay))))
        if (r.status === 'fulfilled') syncSessions.push(r.value.session.id);
        else setupFailures.push(String(r.reason).slice(0, 300));
    }
    if (setupFailures.length) log(`setup: ${setupFailures.length} sync bookings failed, first: ${setupFailures[0]}`);
    log(`setup: ${syncSessions.length} sync sessions booked at ${Math.round(performance.now() - started)} ms`);
    const syncRows = (
      await db.query<{ id: string; googleCalendarId: string; googleEventId: string }>(
        `SELECT id, "googleCalendarId", "googleEventId" FROM "MentoringSession" WHERE id = ANY($1::uuid[])`,
        [syncSessions],
      )
    ).rows;
    const channelsOpen = await until(
      async () => {
        const open = new Set((await google.channels()).map((c) => c.calendarId));
        return syncRows.every((s) => open.has(s.googleCalendarId));
      },
      TIMEOUTS.channels,
      1000,
    );
    const channelsSeen = new Set((await google.channels()).map((c) => c.calendarId));
    log(
      `setup: ${syncRows.filter((r) => channelsSeen.has(r.googleCalendarId)).length} of ${syncRows.length} organizers' channels open at ${Math.round(performance.now() - started)} ms; Google calls so far ${JSON.stringify((await google.requests()).perMethod)}`,
    );
    if (!channelsOpen)
      unfinished.push(`setup: push channels for the ${syncRows.length} sync organizers not all open within ${TIMEOUTS.channels} ms`);

    // The rest of the organization; the last of them suspended in Google. Then the run.
    for (let from = 2 * pairs + 1; from < size.people; from += 5000)
      await api('POST', '/people/bulk-upsert', {
        rows: Array.from({ length: Math.min(5000, size.people - from) }, (_, j) => personRow(from + j)),
      });
    const suspended = Math.ceil(size.people * SUSPENDED_SHARE);
    if (suspended > size.people - (2 * pairs + 1))
      throw new Error(`${suspended} people to suspend, but only ${size.people - 2 * pairs - 1} outside the pairs`);
    for (let from = size.people - suspended; from < size.people; from += 50)
      await Promise.all(Array.from({ length: Math.min(50, size.people - from) }, (_, j) => google.setSuspended(email(from + j), true)));
    await google.resetRequests();
    const setupMs = Math.round(performance.now() - started);
    log(`setup done in ${setupMs} ms: ${syncRows.length} sync sessions, ${size.people} people`);

    const runStarted = performance.now();
    const moved = new Date(syncDay.getTime() + 60 * 60_000);
    const { testRun } = await api<{ testRun: { id: string } }>('POST', '/integration/test-runs', undefined, [202]);
    const changes = (async () => {
      for (let from = 0; from < syncRows.length; from += 50)
        await Promise.all(
          syncRows.slice(from, from + 50).map((s) =>
            google.send('POST', `/users/${encodeURIComponent(s.googleCalendarId)}/events/${s.googleEventId}/move`, {
              start: { dateTime: moved.toISOString() },
              end: { dateTime: new Date(moved.getTime() + 30 * 60_000).toISOString() },
            }),
          ),
        );
      return performance.now();
    })();
    const changesDoneAt = changes.catch(() => performance.now());
    // Bookings from the user API: each booker's add-on ID token from the emulator.
    const bookingOutcomes = Promise.allSettled(
      Array.from({ length: size.bookings }, async (_, b) => {
        const p = size.syncChanges + b;
        const { idToken } = await google.send<{ idToken: string }>('POST', '/idTokens', {
          email: email(2 * p + 1),
          audience: ADDON_AUDIENCE,
        });
        await sleep((b * 20) % 2000);
        const response = await fetch(`${base}/addon/v1/matchings/${matchingIds.get(p)}/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ start: bookDay.toISOString(), durationMinutes: 30 }),
        });
        const text = await response.text();
        // Cut off by the kill: the replica may have booked it or not; what it left is checked below.
        if (response.status === 502) return { pair: p, sessionId: null };
        if (response.status !== 201) throw new Error(`booking ${b}: ${response.status} ${text.slice(0, 200)}`);
        return { pair: p, sessionId: (JSON.parse(text) as { session: { id: string } }).session.id };
      }),
    );
    // The kill, while all of that runs.
    await sleep(KILL_AFTER_MS);
    const victim = backends[0]!;
    const victimPort = Number(/"port":(\d+)/.exec(victim.stdout())?.[1] ?? proxy.targets[0]);
    proxy.targets.splice(proxy.targets.indexOf(victimPort), 1);
    victim.child.kill('SIGKILL');
    const killedReplicaAtMs = Math.round(performance.now() - runStarted);
    await victim.exited;
    await startReplica();
    log(`replica on ${victimPort} SIGKILLed at ${killedReplicaAtMs} ms, a fresh one started`);

    const outcomes = await Promise.race([bookingOutcomes, sleep(TIMEOUTS.run).then(() => null)]);
    if (!outcomes) unfinished.push(`bookings: not all answered within ${TIMEOUTS.run} ms`);
    const answered = (outcomes ?? []).flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const bookingFailures = (outcomes ?? []).flatMap((o) => (o.status === 'rejected' ? [String(o.reason).slice(0, 300)] : []));

    const runRow = async () =>
      (
        await db.query<{ status: string; total: number; startedAt: Date | null; finishedAt: Date | null }>(
          `SELECT status, total, "startedAt", "finishedAt" FROM "IntegrationTestRun" WHERE id = $1`,
          [testRun.id],
        )
      ).rows[0];
    const runFinished = await until(
      async () => ['COMPLETED', 'FAILED'].includes((await runRow())?.status ?? ''),
      Math.max(0, TIMEOUTS.run - (performance.now() - runStarted)),
      1000,
    );
    if (!runFinished) unfinished.push(`integration test: run ${testRun.id} still ${(await runRow())?.status} after ${TIMEOUTS.run} ms`);
    const reachedCount = async () =>
      Number(
        (
          await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "MentoringSession" WHERE id = ANY($1::uuid[]) AND "startAt" = $2`, [
            syncRows.map((s) => s.id),
            moved,
          ])
        ).rows[0]!.n,
      );
    const syncReached = await until(
      async () => (await reachedCount()) === syncRows.length,
      Math.max(5_000, TIMEOUTS.run - (performance.now() - runStarted)),
      1000,
    );
    if (!syncReached)
      unfinished.push(`sync: ${syncRows.length - (await reachedCount())} of ${syncRows.length} changed events not in their session rows`);
    // The run's result opened an incident: its owner mail, through the outbox to the SMTP server.
    const unsentMails = async () =>
      Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Notification" WHERE status <> 'SENT'`)).rows[0]!.n);
    if (!(await until(async () => (await unsentMails()) === 0, 60_000, 1000)))
      unfinished.push(`owner mails: ${await unsentMails()} not sent within 60 s of the run`);
    const runMs = Math.round(performance.now() - runStarted);

    // Figures.
    const requests = await google.requests();
    const quotaErrors = requests.recent.filter((r) => r.status === 429).length;
    const statusCounts = (requests as unknown as { perStatus?: Record<string, number> }).perStatus;
    const row = await runRow();
    const results = (
      await db.query<{ results: number; people: number }>(
        `SELECT count(*)::int AS results, count(DISTINCT "personId")::int AS people FROM "IntegrationTestResult" WHERE "runId" = $1`,
        [testRun.id],
      )
    ).rows[0]!;
    const orgPeople = Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Person"`)).rows[0]!.n);
    const lags = (
      await db
        .query<{ lag: number | null }>(`SELECT "lastLagMs" AS lag FROM "CalendarSyncState" WHERE "calendarId" = ANY($1::text[])`, [
          syncRows.map((s) => s.googleCalendarId),
        ])
        .catch(() => ({ rows: [] as Array<{ lag: number | null }> }))
    ).rows
      .map((r) => r.lag)
      .filter((x): x is number => typeof x === 'number')
      .sort((a, b) => a - b);
    // Together's live events at the booked time in each booker's calendar: one per answered booking
    // (its session's), at most one per booking the kill cut off (it was made, or rolled back).
    const bookedEvents = await Promise.all(
      answered.map(async ({ pair, sessionId }) => {
        const { items } = await google.send<{
          items: Array<{ status?: string; start?: { dateTime?: string }; extendedProperties?: { private?: Record<string, string> } }>;
        }>('GET', `/users/${encodeURIComponent(email(2 * pair + 1))}/events`);
        const together = items.filter(
          (e) =>
            e.status !== 'cancelled' &&
            e.extendedProperties?.private?.togetherSessionId &&
            new Date(e.start?.dateTime ?? 0).getTime() === bookDay.getTime(),
        );
        return {
          sessionId,
          events: together.length,
          own: together.filter((e) => e.extendedProperties!.private!.togetherSessionId === sessionId).length,
        };
      }),
    );
    const records = (await db.query<{ messageKey: string; status: string }>(`SELECT "messageKey", status::text FROM "Notification"`)).rows;
    const received = new Map<string, number>();
    for (const mail of smtp.mails) received.set(mail.messageId, (received.get(mail.messageId) ?? 0) + 1);
    const receivedOf = (messageKey: string) =>
      [...received].filter(([messageId]) => messageId.startsWith(`<${messageKey}@`)).reduce((sum, [, n]) => sum + n, 0);
    const ownerMails = {
      records: records.length,
      unsent: records.filter((r) => r.status !== 'SENT').length,
      received: smtp.mails.length,
      receivedTwice: records.filter((r) => receivedOf(r.messageKey) === 2).length,
      wrong: [
        ...records
          .filter((r) => receivedOf(r.messageKey) === 0 || receivedOf(r.messageKey) > 2)
          .map((r) => `${r.messageKey}: received ${receivedOf(r.messageKey)} times`),
        ...[...received.keys()].filter((id) => !records.some((r) => id.startsWith(`<${r.messageKey}@`))).map((id) => `${id}: no record`),
      ],
    };
    const rechecked = Number(
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT "personId" FROM "IntegrationTestResult" WHERE "runId" = $1 GROUP BY 1 HAVING count(*) > 1) x`,
          [testRun.id],
        )
      ).rows[0]!.n,
    );
    void (await changesDoneAt);
    return {
      size,
      replicas: REPLICAS,
      quotas: QUOTAS,
      setupMs,
      runMs,
      killedReplicaAtMs,
      googleCalls: requests.total,
      quotaErrors: statusCounts?.['429'] ?? quotaErrors,
      unfinished,
      integrationTest: {
        status: row?.status ?? null,
        total: row?.total ?? 0,
        results: results.results,
        people: results.people,
        duplicates: results.results - results.people,
        missing: orgPeople - results.people,
        durationMs: row?.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
      },
      recheckedPeople: rechecked,
      sync: {
        changed: syncRows.length,
        reached: await reachedCount(),
        lagP95Ms: lags.length ? lags[Math.floor(lags.length * 0.95)]! : null,
        maxLagMs: lags.at(-1) ?? null,
      },
      bookings: {
        attempted: size.bookings,
        succeeded: answered.filter((a) => a.sessionId).length,
        interrupted: answered.filter((a) => !a.sessionId).length,
        failed: bookingFailures.length,
        failures: bookingFailures.slice(0, 5),
        withExactlyOneEvent: bookedEvents.filter((b) => b.sessionId && b.events === 1 && b.own === 1).length,
        withoutEvent: bookedEvents.filter((b) => b.sessionId && b.own === 0).length,
        withDuplicates: bookedEvents.filter((b) => b.events > 1).length,
      },
      ownerMails,
    };
  } finally {
    for (const backend of backends) backend.child.kill('SIGKILL');
    await Promise.all(backends.map((b) => stopBackendProcess(b, 1_000)));
    for (const server of proxy?.servers ?? []) {
      server.closeAllConnections();
      server.close();
    }
    await emulator?.close();
    await smtp?.stop();
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the scenario must show; each failed check says why. */
export function failedChecks(f: ReplicaScenarioFigures): string[] {
  const failed: string[] = [...f.unfinished];
  if (f.quotaErrors > 0) failed.push(`the emulator answered ${f.quotaErrors} quota errors (429)`);
  if (f.integrationTest.status !== 'COMPLETED') failed.push(`the integration test is ${f.integrationTest.status}, not COMPLETED`);
  if (f.integrationTest.duplicates > 0 || f.integrationTest.missing > 0)
    failed.push(`integration-test results: ${f.integrationTest.missing} people missing, ${f.integrationTest.duplicates} duplicates`);
  if (f.sync.reached !== f.sync.changed)
    failed.push(`sync: ${f.sync.changed - f.sync.reached} of ${f.sync.changed} changed events did not reach their session`);
  if (f.bookings.succeeded + f.bookings.interrupted !== f.bookings.attempted)
    failed.push(`bookings: ${f.bookings.failed} of ${f.bookings.attempted} failed (${f.bookings.failures[0] ?? ''})`);
  if (f.bookings.withExactlyOneEvent !== f.bookings.succeeded || f.bookings.withDuplicates > 0)
    failed.push(`bookings: ${f.bookings.withoutEvent} without a Google event, ${f.bookings.withDuplicates} with more than one`);
  if (f.ownerMails.records === 0) failed.push('owner mails: none recorded, though the run found the integration failing');
  if (f.ownerMails.unsent > 0) failed.push(`owner mails: ${f.ownerMails.unsent} of ${f.ownerMails.records} not sent`);
  if (f.ownerMails.wrong.length > 0) failed.push(`owner mails: ${f.ownerMails.wrong.join('; ')}`);
  return failed;
}
