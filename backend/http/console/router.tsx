import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../domain/errors.js';
import { listIntegrationTestRuns } from '../../domain/integration/list-integration-test-runs.js';
import { HTTP_STATUS_BY_CODE } from '../error-map.js';
import { healthRoutes } from './health-routes.js';
import { IntegrationsPage } from './pages/integrations.js';
import { ProblemPage } from './pages/problem.js';
import { SignInPage } from './pages/sign-in.js';
import { pageContext, sendPage } from './render.js';
import { consoleSession, consoleSignInRouter, requireConsoleSignIn, sameOriginOnly } from './session.js';
import { integrationViews, setupRoutes, type ConsoleDeps } from './setup-routes.js';
import { testRoutes } from './test-routes.js';
import { organizationOf } from '../admin/authenticate.js';
import { ownAssetsCsp } from '../../web/csp.js';

/** The stylesheet and the one script, served from this folder (copied beside the build by `npm run build`). */
const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

/** Only this server's own assets; forms post here, or go to Google's sign-in (domain verification). */
const consoleCsp = (signInOrigin: string): string => ownAssetsCsp({ formAction: signInOrigin });

/**
 * The admin console at /admin/: pages rendered on the server over the admin API's own use cases,
 * schemas and presenters (backend/http/console/README.md). The JSON API stays at /admin/v1.
 */
export function consoleRouter(deps: ConsoleDeps): Router {
  const router = Router();
  const csp = consoleCsp(deps.console.signInOrigin);
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    next();
  });
  router.use('/assets', express.static(STATIC_DIR, { index: false, fallthrough: false, maxAge: '1h' }));
  router.use(consoleSignInRouter(deps));
  // The pages are for browsers: an API client (no text/html in Accept) keeps the JSON answers, 404 included.
  router.use((req, _res, next) => next(req.accepts(['json', 'html']) === 'html' ? undefined : 'router'));
  router.use(express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20, inflate: false }));
  router.use(consoleSession(deps));
  router.get('/sign-in', async (req, res) => {
    if (res.locals.admin) return res.redirect(303, '/admin/');
    const outcome = typeof req.query.error === 'string' ? req.query.error : undefined;
    const next = typeof req.query.next === 'string' ? req.query.next : undefined;
    const ctx = await pageContext(deps, deps.console, req, res);
    const refused = outcome === 'token_missing' || outcome === 'token_not_accepted';
    sendPage(res, <SignInPage ctx={ctx} outcome={outcome} next={next} sandbox={deps.console.sandbox} />, refused ? 401 : 200);
  });
  router.use(requireConsoleSignIn);
  router.use(sameOriginOnly);

  router.get('/', async (req, res) => {
    const { integration, domains } = await integrationViews(deps, res);
    const latest = (await listIntegrationTestRuns(deps, { organizationId: organizationOf(res), limit: 1 })).items[0];
    const liveRun =
      latest && (latest.status === 'QUEUED' || latest.status === 'RUNNING') ? { checked: latest.checked, total: latest.total } : null;
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(res, <IntegrationsPage ctx={ctx} view={integration} domains={domains} liveRun={liveRun} />);
  });
  router.use(setupRoutes(deps));
  router.use(testRoutes(deps));
  router.use(healthRoutes(deps));
  router.use(pageNotFound);
  router.use(consoleErrors(deps));
  return router;
}

/** An unknown console page is a page saying so. */
const pageNotFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 'No such page.'));
};

/** Every failure is a page in plain words, never a stack trace: a refusal says what happened, an outage says try later. */
function consoleErrors(deps: ConsoleDeps): ErrorRequestHandler {
  return async (error, req, res, next) => {
    // API clients of the sign-in routes (and anything not asking for HTML) keep the API's JSON errors.
    if (res.headersSent || req.accepts(['json', 'html']) !== 'html') return next(error);
    const known = error instanceof AppError ? error : undefined;
    if (!known) req.log.error({ err: error }, 'console page failed');
    const status = known ? HTTP_STATUS_BY_CODE[known.code] : 500;
    try {
      const ctx = await pageContext(deps, deps.console, req, res);
      sendPage(res, <ProblemPage ctx={ctx} status={status} message={status < 500 ? known?.message : undefined} />, status);
    } catch {
      next(error);
    }
  };
}
