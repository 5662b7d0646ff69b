import { Router } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { cancelIntegrationTest } from '../../domain/integration/cancel-integration-test.js';
import { getIntegrationTestRun } from '../../domain/integration/get-integration-test-run.js';
import { listCalendarAccess } from '../../domain/integration/list-calendar-access.js';
import { listIntegrationTestResults } from '../../domain/integration/list-integration-test-results.js';
import { listIntegrationTestRuns } from '../../domain/integration/list-integration-test-runs.js';
import { startIntegrationTest } from '../../domain/integration/start-integration-test.js';
import { presentPersonAccess, presentTestRun } from '../presenters/integration-test.js';
import { actorOf, organizationOf } from './authenticate.js';
import { accessQuery, cancelTestRunBody, startTestRunBody, testResultsQuery } from './integration-tests.schema.js';
import { pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

/** Integration test runs (start, progress, cancel, per-person results) and each person's current calendar access. */
export function integrationTestsRouter(
  deps: DomainDeps,
  enqueue: ((runId: string, options?: { requestId?: string | undefined }) => Promise<void>) | undefined,
): Router {
  const router = Router({ mergeParams: true });
  const runId = (params: unknown) => String((params as { runId: string }).runId);

  router.post('/integration/test-runs', async (req, res) => {
    parseInput(startTestRunBody, req.body, 'body');
    if (!enqueue) throw new AppError('not_ready', 'Integration tests are not available on this server (no job queue).');
    const run = await startIntegrationTest(
      { ...deps, enqueueIntegrationTest: enqueue },
      {
        organizationId: organizationOf(res),
        trigger: 'MANUAL',
        requestedBy: actorOf(res),
        // pino-http's id of this request: the run's job logs carry it as requestId.
        requestId: String(req.id),
      },
    );
    res
      .status(202)
      .location(`test-runs/${run.id}`)
      .json({ testRun: presentTestRun(run, {}) });
  });
  router.get('/integration/test-runs', async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await listIntegrationTestRuns(deps, { organizationId: organizationOf(res), ...page });
    res.json({ testRuns: result.items.map((run) => presentTestRun(run)), nextCursor: result.nextCursor });
  });
  router.get('/integration/test-runs/:runId', async (req, res) => {
    const { run, counts } = await getIntegrationTestRun(deps, { organizationId: organizationOf(res), runId: runId(req.params) });
    res.json({ testRun: presentTestRun(run, counts) });
  });
  router.post('/integration/test-runs/:runId/cancel', async (req, res) => {
    parseInput(cancelTestRunBody, req.body, 'body');
    const run = await cancelIntegrationTest(deps, { organizationId: organizationOf(res), runId: runId(req.params), actor: actorOf(res) });
    res.json({ testRun: presentTestRun(run) });
  });
  router.get('/integration/test-runs/:runId/results', async (req, res) => {
    const query = parseInput(testResultsQuery, req.query, 'query');
    const page = await listIntegrationTestResults(deps, { organizationId: organizationOf(res), runId: runId(req.params), ...query });
    res.json({ results: page.items.map(presentPersonAccess), nextCursor: page.nextCursor, total: page.total });
  });
  router.get('/integration/access', async (req, res) => {
    const query = parseInput(accessQuery, req.query, 'query');
    const page = await listCalendarAccess(deps, { organizationId: organizationOf(res), ...query });
    res.json({ access: page.items.map(presentPersonAccess), nextCursor: page.nextCursor, total: page.total });
  });
  return router;
}
