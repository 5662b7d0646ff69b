import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { WorkspaceSignInGateway } from '../domain/domains/deps.js';
import type { FinalizeSetupDeps } from '../domain/integration/finalize-integration-setup.js';
import type { InstallInfo } from '../domain/integration/wizard.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/database.js';
import { adminRouter } from './admin/router.js';
import { refuseEncodedBodies } from './body.js';
import { consoleRouter } from './console/router.js';
import type { ConsoleSettings } from './console/render.js';
import { errorHandler, routeNotFound } from './errors.js';
import { healthRouter } from './health.js';
import { countRequests, createAppMetrics, metricsRouter, type AppMetrics } from './metrics.js';
import { oauthCallbackRouter } from './oauth/callback.js';
import { requestLogOptions } from './request-log.js';
import { servingAPerson } from '../domain/quota/priorities.js';
import { userRouter, type UserRouterDeps } from './user/router.js';
import { webhookRouter, type WebhookDeps } from './webhook/router.js';
import { connectRouter } from './connect/router.js';
import { MOUNTS } from './mounts.js';
import { openApiRouter } from './openapi/router.js';
import type { ConnectionsDeps } from '../domain/connections/deps.js';

/** Everything the HTTP layer needs, built by main.ts (or by a test). */
export interface AppDeps {
  db: Database;
  logger: Logger;
  /** Largest bulk-upsert body (HTTP_BODY_LIMIT, e.g. `10mb`); every other JSON body is capped at 100 kB. */
  bodyLimit: string;
  /** Marketplace listing URL, service-account client id and scopes shown by the setup wizard's install step. */
  installInfo?: InstallInfo;
  /** Now; defaults to the system clock. */
  clock?: () => Date;
  /** The add-on's user API (/addon/v1): ID-token verifier and Google Calendar; absent, those routes are not served. */
  userApi?: Omit<UserRouterDeps, 'prisma' | 'clock'>;
  /** Queues an integration test run's job (`integrationTestJobs(…).enqueue`); without it, starting a test is 503 `not_ready`. */
  enqueueIntegrationTest?: (runId: string, options?: { requestId?: string | undefined }) => Promise<void>;
  /**
   * Health's evaluation of the completed test once the setup is finalized (`healthJobs(…).onSetupFinalized`),
   * so a failing integration opens its incident at once; absent, the next signal or re-test evaluates.
   */
  onSetupFinalized?: FinalizeSetupDeps['onSetupFinalized'];
  /** Google Calendar push notifications (/webhooks/google-calendar); absent, the route is not served. */
  webhook?: WebhookDeps;
  /**
   * "Sign in with Google" for domain verification (POST …/domains/verifications and Google's redirect
   * to /admin/oauth/callback); absent, starting one is 503 `not_ready` and the callback is not served.
   */
  workspaceSignIn?: WorkspaceSignInGateway;
  /** The admin console at /admin/: sandbox or not, and where Google's sign-in is; absent, not a sandbox and Google's own. */
  console?: ConsoleSettings;
  /** The per-user method: connect links, the connect pages (/connect), disconnect; absent (no keys), PER_USER is refused. */
  connections?: ConnectionsDeps;
  /** The Prometheus registry behind GET /metrics (main.ts's, which also observes Google calls); absent, the app makes its own. */
  metrics?: AppMetrics;
  /** METRICS_TOKEN: the bearer token that lets a scraper elsewhere read /metrics; absent, only this machine may. */
  metricsToken?: string;
}

const GOOGLE_SIGN_IN_ORIGIN = 'https://accounts.google.com';

/** Every answer is about one caller's data, or the state of the moment: nothing may be cached. */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * The Express application: request ids and logs, security headers, routes, JSON errors. No body is
 * read here: each API reads JSON bodies itself once the caller is authenticated (body.ts).
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const clock = deps.clock ?? (() => new Date());
  const metrics = deps.metrics ?? createAppMetrics();
  app.use(pinoHttp(requestLogOptions(deps.logger)));
  app.use(countRequests(app, metrics));
  app.use(noStore);
  app.use(refuseEncodedBodies);
  app.use(metricsRouter({ db: deps.db, clock, logger: deps.logger, metrics, token: deps.metricsToken }));
  // Before the page headers and the other routers: Google's bursts of notifications (an empty 202
  // each, to a machine) skip them, as they cost more per request than the webhook's own work.
  if (deps.webhook) app.use(MOUNTS.webhooks, webhookRouter({ ...deps.webhook, prisma: deps.db.prisma, clock }));
  app.use(helmet());
  // A person is waiting on every request from here on: its Google calls go ahead of background work.
  app.use((_req, _res, next) => servingAPerson(next));
  app.use(healthRouter(deps.db));
  app.use(openApiRouter());
  const admin = {
    prisma: deps.db.prisma,
    clock,
    bulkBodyLimit: deps.bodyLimit,
    installInfo: deps.installInfo,
    enqueueIntegrationTest: deps.enqueueIntegrationTest,
    onSetupFinalized: deps.onSetupFinalized,
    scheduling: deps.userApi,
    workspaceSignIn: deps.workspaceSignIn,
    connections: deps.connections,
  };
  app.use(MOUNTS.admin, adminRouter(admin));
  if (deps.workspaceSignIn) app.use('/admin/oauth', oauthCallbackRouter({ prisma: deps.db.prisma, clock, signIn: deps.workspaceSignIn }));
  app.use('/admin', consoleRouter({ ...admin, console: deps.console ?? { sandbox: false, signInOrigin: GOOGLE_SIGN_IN_ORIGIN } }));
  if (deps.userApi) app.use(MOUNTS.user, userRouter({ ...deps.userApi, connections: deps.connections, prisma: deps.db.prisma, clock }));
  if (deps.connections)
    app.use(
      '/connect',
      connectRouter(
        { ...deps.connections, prisma: deps.db.prisma, clock },
        { signInOrigin: deps.console?.signInOrigin ?? GOOGLE_SIGN_IN_ORIGIN },
      ),
    );
  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
