// Composition root: config → logger → database → Google (or the sandbox) → HTTP app. The only
// module that wires things together, reads process.env (through loadConfig) and owns the process
// lifecycle.
import { ConfigError, loadConfig, type Config } from './config.js';
import type { DomainDeps } from './domain/deps.js';
import type { InstallInfo } from './domain/integration/wizard.js';
import { CalendarAdapter } from './google/calendar.js';
import { DELEGATED_SCOPES, DelegatedAuth } from './google/delegated-auth.js';
import { DirectoryAdapter } from './google/directory.js';
import { GoogleEndpoints } from './google/endpoints.js';
import { IdTokenVerifier } from './google/id-tokens.js';
import { WorkspaceSignIn, type OAuthWebClient } from './google/workspace-sign-in.js';
import type { ServiceAccountKey } from './google/service-account-key.js';
import { createApp } from './http/app.js';
import { SharedQuotaGate } from './domain/quota/shared-quota-gate.js';
import { createAppMetrics } from './http/metrics.js';
import { reportingAccessFailures } from './domain/health/report-access-failures.js';
import { healthJobs } from './jobs/health-jobs.js';
import { integrationTestJobs } from './jobs/integration-test-job.js';
import { mailJobs } from './jobs/mail-jobs.js';
import { JobQueue, type JobDefinition } from './jobs/queue.js';
import { reconcileSessionsJob } from './jobs/reconcile-sessions-job.js';
import { syncJobs } from './jobs/sync-jobs.js';
import type { ChannelSettings } from './domain/sync/deps.js';
import { createMailer } from './mail/mailer.js';
import { OAUTH_CALLBACK_PATH } from './http/oauth/callback.js';
import { listen } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { sandboxMailbox, sandboxTokenKey, startSandbox } from './sandbox.js';
import { CalendarConsent, CONNECT_SCOPES } from './google/calendar-consent.js';
import { GoogleCredentials } from './google/credentials.js';
import { PerUserAuth } from './google/per-user-auth.js';
import { DatabaseConnectionVault } from './domain/connections/connection-vault.js';
import { TokenKeyring } from './domain/connections/token-keyring.js';
import type { ConnectionsDeps } from './domain/connections/deps.js';
import { CONNECT_CALLBACK_PATH } from './http/connect/router.js';
import { startAddonPreview } from './addon-preview/index.js';
import { startSandboxCalendar, type Mailbox, type SandboxCalendar } from './sandbox-calendar/index.js';
import { DatabaseUnavailableError, openDatabase, redactUrl, type Database } from './store/database.js';

/** Exit codes from sysexits.h, so supervisors can tell a bad config from a crash. */
const EXIT_CONFIG = 78;
const EXIT_UNAVAILABLE = 69;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md › Configuration.\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level });
  await run(config, logger).catch((error: unknown) => {
    if (error instanceof DatabaseUnavailableError) {
      logger.fatal(error.message);
      process.exit(EXIT_UNAVAILABLE);
    }
    logger.fatal({ err: error }, 'startup failed');
    process.exit(1);
  });
}

async function run(config: Config, logger: Logger): Promise<void> {
  const db = await openDatabase({
    ...config.database,
    onLockLost: (error) => {
      logger.fatal({ err: error }, 'lost the lock on the embedded data directory; stopping');
      process.kill(process.pid, 'SIGTERM');
    },
  });
  logger.info({ engine: db.engine, database: redactUrl(config.database.url) }, 'database open');
  const google = await connectGoogle(config, db, logger);
  // Before the adapters are built on these endpoints, so every call they make is observed.
  const metrics = createAppMetrics();
  google.endpoints.calls.observer = metrics.googleCalls;
  if (!google.keyring) {
    // People's refresh tokens cannot be read without the keys that encrypted them: refuse rather than fail every call.
    // A database not migrated yet (production migrates on release, /readyz waits for it) has no organization at all.
    const perUser = await db.prisma.calendarIntegration
      .count({ where: { method: 'PER_USER' } })
      .catch((error: unknown) => (isMissingTable(error) ? 0 : Promise.reject(error)));
    if (perUser > 0) {
      process.stderr.write(
        `Invalid configuration:\n  - TOKEN_ENCRYPTION_KEYS: required, ${perUser} organization(s) use the per-user method (their refresh tokens are encrypted with these keys)\nSee README.md › Configuration.\n`,
      );
      await db.close();
      process.exit(EXIT_CONFIG);
    }
  }
  const jobs = await JobQueue.start(db, logger);
  const services = await startServices(config, db, logger, google, jobs);
  const app = createApp({ db, logger, bodyLimit: config.http.bodyLimit, metrics, metricsToken: config.http.metricsToken, ...services.app });
  const server = await listen(app, config.http);
  let calendar: SandboxCalendar | undefined;
  if (google.sandbox) {
    // Google (the emulator) sends administrators back to this server: on its own port unless PUBLIC_URL says otherwise.
    services.publicUrl.value ||= `http://localhost:${server.port}`;
    await google.allowRedirectUris([services.publicUrl.value + OAUTH_CALLBACK_PATH, services.publicUrl.value + CONNECT_CALLBACK_PATH]);
    // The in-process emulator delivers push notifications to this very server, over loopback.
    services.channels.webhookUrl = `http://127.0.0.1:${server.port}/webhooks/google-calendar`;
    await services.watchEveryone();
    // Loopback only and single-use, so printing it where the person who ran `npm start` reads it is safe.
    const url = await google.consoleSignInLink(`http://localhost:${server.port}`);
    logger.info({ url }, `Sign in to the console: ${url}`);
    calendar = await startCalendar(
      config,
      logger,
      google.endpoints.baseUrl ?? '',
      `http://localhost:${server.port}`,
      sandboxMailbox(db, google.sandboxOrganizationId),
    );
    // The console's pages link to it from now on (the settings object is read per request).
    if (calendar) services.app.console.sandboxCalendarUrl = calendar.url;
  }
  logger.info(
    { redirectUri: services.publicUrl.value + OAUTH_CALLBACK_PATH },
    'domain verification: Google sends super administrators back to this redirect URI (register it with the OAuth client)',
  );
  // Logged once the sandbox's redirect URI and push address are in place, so "listening" means ready.
  logger.info({ host: config.http.host, port: server.port }, `listening on http://${config.http.host}:${server.port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    try {
      await server.close(config.http.shutdownTimeoutMs);
      await jobs.stop(config.http.shutdownTimeoutMs);
      await calendar?.close();
      services.close();
      await google.close();
      await db.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * The Google adapters, the background jobs (integration tests, health, owner mail) registered on the
 * queue, and what the HTTP app needs of them. Jobs refer to each other through late-bound hooks:
 * a finished integration test feeds health, and health starts scheduled integration tests.
 */
async function startServices(config: Config, db: Database, logger: Logger, google: GoogleConnection, jobs: JobQueue) {
  const clock = () => new Date();
  // Every replica draws on the same Google budget, kept in the database.
  google.endpoints.calls.gate = new SharedQuotaGate(db.prisma, config.quotas, logger);
  const auth = new DelegatedAuth(google.key, google.endpoints, { maxCachedSubjects: config.google.clientCacheSize });
  const delegation = { clientId: google.key.clientId, scopes: DELEGATED_SCOPES, marketplaceListingUrl: google.marketplaceListingUrl };
  // Health's evaluation is queued by the vault on a refused token; health is built below (late-bound).
  const vault = new DatabaseConnectionVault({
    prisma: db.prisma,
    clock,
    keyring: google.keyring,
    requestHealthEvaluation: (organizationId) => health.requestHealthEvaluation(organizationId),
  });
  const perUser = new PerUserAuth(google.oauthClient, google.endpoints, vault, { maxCachedSubjects: config.google.clientCacheSize });
  const credentials = new GoogleCredentials(auth, perUser, vault);
  const calendar = new CalendarAdapter(credentials, google.endpoints, delegation);
  const directory = new DirectoryAdapter(auth, google.endpoints, delegation);

  const mailer = createMailer(config.mail);
  const mail = mailJobs({ prisma: db.prisma, clock, mailer, queue: jobs, logger });
  const integrationTests = integrationTestJobs({
    prisma: db.prisma,
    clock,
    google: { calendar, directory },
    queue: jobs,
    quotas: config.quotas,
    logger,
    onRunCompleted: (outcome) => health.onIntegrationTestCompleted(outcome),
    onRunFailed: (failure) => health.onIntegrationTestFailed(failure),
  });
  const health = healthJobs({
    prisma: db.prisma,
    clock,
    queue: jobs,
    logger,
    health: config.health,
    deliverNotification: mail.enqueue,
    enqueueIntegrationTest: integrationTests.enqueue,
  });
  // Health's live signals. Every call through this calendar may write to the database: when Google
  // refuses a user's delegated access (not installed, unknown, suspended…), the person's
  // PersonCalendarAccess row is updated and a health evaluation queued before the error reaches the
  // caller. Its callers (booking and admin sessions, calendar sync, the session reconciler) get it
  // through SchedulingDeps.calendar / SyncDeps.calendar, whose docs say so.
  const reportingCalendar = reportingAccessFailures(calendar, {
    prisma: db.prisma,
    clock,
    recordAccessSignal: health.recordAccessSignal,
    onReportFailed: (error) => logger.warn({ err: error }, 'could not record an access signal'),
  });
  // Set later in the sandbox (the server's own port); without an address, no channels are opened.
  const channels: ChannelSettings = {
    webhookUrl: config.sync.webhookUrl ?? '',
    ttlMs: config.sync.channelTtlMs,
    renewalMarginMs: config.sync.renewalMarginMs,
  };
  const sync = syncJobs({
    prisma: db.prisma,
    clock,
    calendar: reportingCalendar,
    channels,
    queue: jobs,
    logger,
    concurrency: config.sync.concurrency,
    debounceMs: config.sync.debounceMs,
    reconcileSchedule: `*/${config.sync.reconcileIntervalMinutes} * * * *`,
  });
  if (!config.sync.webhookUrl && google.sandbox === false) {
    logger.warn('GOOGLE_WEBHOOK_URL is not set: changes made in Google Calendar are only noticed by the periodic reconciliation');
  }
  const watching = () => !!channels.webhookUrl;
  const onSessionBooked = async (session: { organizerId: string; attendeeId: string }) => {
    if (watching()) await sync.watchPeople([session.organizerId, session.attendeeId]);
  };
  const reconcileSessions = reconcileSessionsJob({ prisma: db.prisma, clock, calendar: reportingCalendar, outbox: mail.outbox });
  // All of sync's jobs even without a webhook address: the reconciliation queues overdue syncs, and
  // the channel pass opens nothing until there is an address.
  for (const definition of [
    ...mail.definitions,
    ...integrationTests.definitions,
    ...health.definitions,
    reconcileSessions,
    ...sync.definitions,
  ]) {
    await jobs.register(definition as JobDefinition<never>);
  }

  // Set later in the sandbox when PUBLIC_URL is not (the server's own port); required with credentials.
  const publicUrl = { value: config.http.publicUrl ?? '' };
  const workspaceSignIn = new WorkspaceSignIn(google.endpoints, {
    client: google.oauthClient,
    redirectUri: () => publicUrl.value + OAUTH_CALLBACK_PATH,
    marketplaceListingUrl: google.marketplaceListingUrl,
  });

  const consent = new CalendarConsent(google.endpoints, {
    client: google.oauthClient,
    redirectUri: () => publicUrl.value + CONNECT_CALLBACK_PATH,
    marketplaceListingUrl: google.marketplaceListingUrl,
  });
  const keyring = google.keyring;
  const connections: ConnectionsDeps | undefined = keyring
    ? {
        keyring,
        gateway: {
          authorizationRequest: (input) => consent.authorizationRequest(input),
          complete: (input) => consent.complete(input),
          revoke: (token) => perUser.revoke(token),
          forget: (subject) => credentials.forget(subject),
        },
        requestHealthEvaluation: (organizationId) => health.requestHealthEvaluation(organizationId),
        onConnected: async (personId) => {
          if (watching()) await sync.watchPeople([personId]);
        },
        stopChannels: (personId) => sync.stopPeople([personId]),
        publicUrl: () => publicUrl.value,
        outbox: mail.outbox,
      }
    : undefined;

  const installInfo: InstallInfo = {
    marketplaceListingUrl: google.marketplaceListingUrl,
    clientId: google.key.clientId,
    scopes: [...DELEGATED_SCOPES],
    perUser: { clientId: google.oauthClient.clientId, scopes: [...CONNECT_SCOPES] },
  };
  return {
    app: {
      installInfo,
      enqueueIntegrationTest: integrationTests.enqueue,
      onSetupFinalized: health.onSetupFinalized,
      userApi: {
        calendar: reportingCalendar,
        outbox: mail.outbox,
        onSessionBooked,
        verifier: new IdTokenVerifier(google.endpoints, config.addonAudiences),
      },
      webhook: sync.webhook,
      workspaceSignIn,
      connections,
      // Console pages may send a form on to Google's sign-in page (the emulator's in the sandbox).
      console: {
        sandbox: google.sandbox,
        sandboxCalendarUrl: undefined as string | undefined,
        signInOrigin: google.endpoints.baseUrl ? new URL(google.endpoints.baseUrl).origin : 'https://accounts.google.com',
      },
    },
    channels,
    publicUrl,
    /** Opens the channels every upcoming session needs, now rather than at the next scheduled pass. */
    watchEveryone: async () => {
      await jobs.send(sync.ensureChannels, {});
      jobs.wake(sync.ensureChannels);
    },
    close: () => mailer.close(),
  };
}

/**
 * The sandbox Calendar (loopback only) with the add-on sidebar mounted at /sidebar. It starts whole
 * or not at all: without its sidebar it refuses, and the backend runs on without it, saying why.
 */
async function startCalendar(
  config: Config,
  logger: Logger,
  emulatorUrl: string,
  consoleUrl: string,
  mailbox: Mailbox,
): Promise<SandboxCalendar | undefined> {
  if (config.google.mode !== 'sandbox') return undefined;
  try {
    const calendar = await startSandboxCalendar({
      emulatorUrl,
      consoleUrl,
      // The real add-on bundle, built now against this backend, in the sidebar at /sidebar.
      sidebar: await startAddonPreview({ backendUrl: consoleUrl, emulatorUrl, audience: config.addonAudiences[0]!, logger }),
      mailbox,
      logger,
      port: config.google.calendarPort,
      environment: config.env,
    });
    logger.info({ url: calendar.url }, `Sandbox Calendar: ${calendar.url}`);
    return calendar;
  } catch (error) {
    logger.warn({ err: error }, `Sandbox Calendar not started: ${(error as Error).message}`);
    return undefined;
  }
}

/** Google as the rest of the backend sees it: credentials, where Google is, and what admins install. */
interface GoogleConnection {
  key: ServiceAccountKey;
  endpoints: GoogleEndpoints;
  marketplaceListingUrl: string;
  /** The OAuth web client of super administrators' "Sign in with Google" (domain verification). */
  oauthClient: OAuthWebClient;
  /** True when the in-process emulator stands in for Google. */
  sandbox: boolean;
  /** The sandbox's demo organization; undefined with real Google. */
  sandboxOrganizationId: string | undefined;
  /** Lets Google send the browser back to these URIs (the sandbox's emulator registers them; real Google is configured in its console). */
  allowRedirectUris(uris: string[]): Promise<void>;
  /** Encrypts people's refresh tokens (TOKEN_ENCRYPTION_KEYS, or the sandbox's own key); null: the per-user method is refused. */
  keyring: TokenKeyring | null;
  /** The sandbox's one-click console sign-in link for the demo organization; never called with real Google. */
  consoleSignInLink(baseUrl: string): Promise<string>;
  close(): Promise<void>;
}

async function connectGoogle(config: Config, db: Database, logger: Logger): Promise<GoogleConnection> {
  if (config.google.mode === 'google') {
    logger.info({ serviceAccount: config.google.key.clientEmail, apiUrl: config.google.apiUrl ?? 'Google' }, 'Google credentials loaded');
    return {
      key: config.google.key,
      endpoints: new GoogleEndpoints(config.google.apiUrl),
      marketplaceListingUrl: config.google.marketplaceListingUrl,
      oauthClient: config.google.oauthClient,
      sandbox: false,
      sandboxOrganizationId: undefined,
      allowRedirectUris: async () => undefined,
      keyring: config.tokenEncryptionKeys.length ? new TokenKeyring(config.tokenEncryptionKeys) : null,
      consoleSignInLink: async () => {
        throw new Error('the one-click console sign-in link exists only in sandbox mode');
      },
      close: async () => undefined,
    };
  }
  const deps: DomainDeps = { prisma: db.prisma, clock: () => new Date() };
  const sandbox = await startSandbox({ emulatorPort: config.google.emulatorPort, dataDir: config.dataDir, deps, logger });
  return {
    key: sandbox.key,
    endpoints: new GoogleEndpoints(sandbox.emulator.url),
    marketplaceListingUrl: sandbox.marketplaceListingUrl,
    oauthClient: sandbox.oauthClient,
    sandbox: true,
    sandboxOrganizationId: sandbox.organizationId,
    allowRedirectUris: (uris) => sandbox.allowRedirectUris(uris),
    keyring: new TokenKeyring(config.tokenEncryptionKeys.length ? config.tokenEncryptionKeys : [await sandboxTokenKey(config.dataDir)]),
    consoleSignInLink: (baseUrl) => sandbox.consoleSignInLink(baseUrl),
    close: () => sandbox.emulator.close(),
  };
}

/** Prisma's "table does not exist" (P2021). */
function isMissingTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2021';
}

await main();
