import { Router, type Request, type Response } from 'express';
import { AppError } from '../../domain/errors.js';
import { cancelIntegrationTest } from '../../domain/integration/cancel-integration-test.js';
import { finalizeIntegrationSetup } from '../../domain/integration/finalize-integration-setup.js';
import { getIntegration } from '../../domain/integration/get-integration.js';
import { getIntegrationTestRun } from '../../domain/integration/get-integration-test-run.js';
import { listIntegrationTestResults } from '../../domain/integration/list-integration-test-results.js';
import { listIntegrationTestRuns } from '../../domain/integration/list-integration-test-runs.js';
import { startIntegrationTest } from '../../domain/integration/start-integration-test.js';
import { connectLinkRecipient } from '../../domain/connections/send-connect-link.js';
import { currentAccessOf } from '../../domain/connections/connection-states.js';
import { isLowerCaseUuid } from '../../domain/uuid.js';
import type { AccessStatus } from '../../store/generated/prisma/client.js';
import { actorOf, organizationOf } from '../admin/authenticate.js';
import { presentPersonAccess, presentTestRun } from '../presenters/integration-test.js';
import { formValues, problemWords } from './form.js';
import { filtersHref, PAGE_SIZE, type PeopleFilters } from './pages/people-table.js';
import { sendConnectLinkAs } from '../admin/connect-links.js';
import { TestPage } from './pages/test-run.js';
import { pageContext, sendPage } from './render.js';
import type { ConsoleDeps } from './setup-routes.js';
import { ACCESS_ORDER } from './words.js';

/** Starts a test as the API's POST …/test-runs does; a second click while one runs joins it (one run per organization). */
export async function startTestFromConsole(deps: ConsoleDeps, res: Response): Promise<void> {
  const enqueue = deps.enqueueIntegrationTest;
  if (!enqueue) throw new AppError('not_ready', 'Integration tests are not available on this server (no job queue).');
  try {
    await startIntegrationTest(
      { ...deps, enqueueIntegrationTest: enqueue },
      { organizationId: organizationOf(res), trigger: 'MANUAL', requestedBy: actorOf(res), requestId: String(res.req.id) },
    );
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'integration_test_running')) throw error;
  }
}

/** The table's filters from the URL; a value the API would refuse is ignored rather than shown as an error page. */
function filtersOf(values: Record<string, unknown>): PeopleFilters {
  const status = typeof values.status === 'string' ? values.status : '';
  const q = typeof values.q === 'string' ? values.q.trim().slice(0, 200) : '';
  const page = Number(typeof values.page === 'string' && values.page ? values.page : 1);
  return {
    status: (ACCESS_ORDER as readonly string[]).includes(status) ? (status as AccessStatus) : undefined,
    q: q || undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The test page: the latest run (or `?run=`), live while it runs, then its results and the per-person table. */
export function testRoutes(deps: ConsoleDeps): Router {
  const router = Router();

  const testPage = async (req: Request, res: Response, problem?: string) => {
    const organizationId = organizationOf(res);
    const requested = typeof req.query.run === 'string' && isLowerCaseUuid(req.query.run) ? req.query.run : undefined;
    const runId = requested ?? (await listIntegrationTestRuns(deps, { organizationId, limit: 1 })).items[0]?.id;
    const [integration, found] = await Promise.all([
      getIntegration(deps, { organizationId }),
      runId ? getIntegrationTestRun(deps, { organizationId, runId }) : null,
    ]);
    const run = found ? presentTestRun(found.run, found.counts) : null;
    const perUser = integration.method === 'PER_USER';
    let results;
    if (run?.status === 'COMPLETED') {
      const filters = filtersOf(req.query);
      const page = await listIntegrationTestResults(deps, { organizationId, runId: run.id, ...filters, limit: PAGE_SIZE });
      const rows = page.items.map(presentPersonAccess);
      // Per-user: people connect (or lose their connection) between tests, so the table says how each is now too.
      const now = perUser ? await currentAccessOf(deps, { organizationId, personIds: rows.map((row) => row.personId) }) : undefined;
      results = { rows, total: page.total, filters, now };
    }
    const ctx = await pageContext(deps, deps.console, req, res);
    if (!problem && typeof req.query.sent === 'string') {
      const sentTo = await connectLinkRecipient(deps, { organizationId, personId: req.query.sent }).catch(() => null);
      if (sentTo)
        ctx.success = `Connect link sent to ${sentTo.displayName || sentTo.email} (${sentTo.email}). It works once, within 72 hours.`;
    }
    sendPage(
      res,
      <TestPage
        ctx={ctx}
        organizationId={organizationId}
        wizardStep={integration.wizardStep}
        run={run}
        results={results}
        problem={problem}
        connectLinks={perUser && !!deps.connections}
      />,
      problem ? 409 : 200,
    );
  };

  router.get('/test', (req, res) => testPage(req, res));
  router.post('/test', async (req, res) => {
    try {
      await startTestFromConsole(deps, res);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_wizard_transition') return testPage(req, res, problemWords(error));
      throw error;
    }
    res.redirect(303, '/admin/test');
  });
  router.post('/test/cancel', async (req, res) => {
    const { run } = formValues(req, ['run']);
    if (!isLowerCaseUuid(run)) throw new AppError('not_found', 'No such integration test run.');
    try {
      await cancelIntegrationTest(deps, { organizationId: organizationOf(res), runId: run, actor: actorOf(res) });
    } catch (error) {
      // Finished in the meantime: its results are what the admin wants to see now.
      if (!(error instanceof AppError && error.code === 'integration_test_finished')) throw error;
    }
    res.redirect(303, '/admin/test?done=cancelled');
  });
  // The per-user method: mail one person a connect link, then back to the same table page, saying so.
  router.post('/people/:personId/connect-link', async (req, res) => {
    const organizationId = organizationOf(res);
    const values = formValues(req, ['run', 'status', 'q', 'page']);
    try {
      await sendConnectLinkAs(deps, { organizationId, personId: String(req.params.personId), actor: actorOf(res) });
    } catch (error) {
      if (error instanceof AppError && ['not_per_user', 'token_keys_missing', 'person_inactive'].includes(error.code))
        return testPage(req, res, problemWords(error));
      throw error;
    }
    const base = isLowerCaseUuid(values.run) ? `/admin/test?run=${values.run}` : '/admin/test';
    const back = filtersHref(base, filtersOf(values));
    res.redirect(303, `${back}${back.includes('?') ? '&' : '?'}sent=${String(req.params.personId)}#people`);
  });
  router.post('/setup/finish', async (req, res) => {
    try {
      await finalizeIntegrationSetup(deps, { organizationId: organizationOf(res), actor: actorOf(res) });
    } catch (error) {
      if (error instanceof AppError && error.code !== 'not_ready' && error.code !== 'internal_error')
        return testPage(req, res, problemWords(error));
      throw error;
    }
    res.redirect(303, '/admin/setup/done');
  });
  return router;
}
