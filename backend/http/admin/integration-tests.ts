import { Router } from 'express';
import { z } from 'zod';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { cancelIntegrationTest } from '../../domain/integration/cancel-integration-test.js';
import { getIntegrationTestRun } from '../../domain/integration/get-integration-test-run.js';
import { listCalendarAccess } from '../../domain/integration/list-calendar-access.js';
import { listIntegrationTestResults } from '../../domain/integration/list-integration-test-results.js';
import { listIntegrationTestRuns } from '../../domain/integration/list-integration-test-runs.js';
import { startIntegrationTest } from '../../domain/integration/start-integration-test.js';
import { route, serve } from '../openapi/route.js';
import { personAccessSchema, presentPersonAccess, presentTestRun, testRunSchema } from '../presenters/integration-test.js';
import { nextCursor } from '../presenters/wire.js';
import { actorOf, organizationOf } from './authenticate.js';
import { accessQuery, cancelTestRunBody, startTestRunBody, testResultsQuery } from './integration-tests.schema.js';
import { pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

const TAG = 'Integration test';
const oneRun = (description: string) => ({ description, body: z.strictObject({ testRun: testRunSchema }) });
/** A per-person table: a page of rows, the cursor of the next, and how many rows match the filters. */
const personTable = (key: 'results' | 'access') => z.strictObject({ [key]: z.array(personAccessSchema), nextCursor, total: z.int() });

/** Runs of the integration test and everyone's calendar access (README.md › Integration test). */
export const integrationTestRoutes = {
  start: route({
    method: 'post',
    path: '/integration/test-runs',
    tag: TAG,
    summary: 'Start an integration test: every active person checked once, in a background job',
    body: startTestRunBody,
    responses: { 202: { ...oneRun('Queued'), headers: { Location: 'The run: `test-runs/:runId`.' } } },
    errors: ['integration_test_running', 'invalid_wizard_transition', 'not_ready'],
  }),
  list: route({
    method: 'get',
    path: '/integration/test-runs',
    tag: TAG,
    summary: 'Test runs, newest first',
    query: pageQuery,
    responses: { 200: { description: 'A page of runs', body: z.strictObject({ testRuns: z.array(testRunSchema), nextCursor }) } },
    errors: [],
  }),
  get: route({
    method: 'get',
    path: '/integration/test-runs/:runId',
    tag: TAG,
    summary: "A run's progress and its counts per access status (so far, while it runs)",
    responses: { 200: oneRun('The run') },
    errors: ['not_found'],
  }),
  cancel: route({
    method: 'post',
    path: '/integration/test-runs/:runId/cancel',
    tag: TAG,
    summary: 'Cancel a queued or running test (again: no change)',
    body: cancelTestRunBody,
    responses: { 200: oneRun('The cancelled run') },
    errors: ['not_found', 'integration_test_finished'],
  }),
  results: route({
    method: 'get',
    path: '/integration/test-runs/:runId/results',
    tag: TAG,
    summary: 'What a run found for each person: searchable, by cursor or numbered page',
    query: testResultsQuery,
    responses: { 200: { description: 'A page of people', body: personTable('results') } },
    errors: ['not_found'],
  }),
  access: route({
    method: 'get',
    path: '/integration/access',
    tag: TAG,
    summary: "Each person's current calendar access: searchable, by cursor or numbered page",
    query: accessQuery,
    responses: { 200: { description: 'A page of people', body: personTable('access') } },
    errors: [],
  }),
};

/** Integration test runs (start, progress, cancel, per-person results) and each person's current calendar access. */
export function integrationTestsRouter(
  deps: DomainDeps,
  enqueue: ((runId: string, options?: { requestId?: string | undefined }) => Promise<void>) | undefined,
): Router {
  const router = Router({ mergeParams: true });
  const runId = (params: unknown) => String((params as { runId: string }).runId);

  serve(router, integrationTestRoutes.start, async (req, res) => {
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
  serve(router, integrationTestRoutes.list, async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await listIntegrationTestRuns(deps, { organizationId: organizationOf(res), ...page });
    res.json({ testRuns: result.items.map((run) => presentTestRun(run)), nextCursor: result.nextCursor });
  });
  serve(router, integrationTestRoutes.get, async (req, res) => {
    const { run, counts } = await getIntegrationTestRun(deps, { organizationId: organizationOf(res), runId: runId(req.params) });
    res.json({ testRun: presentTestRun(run, counts) });
  });
  serve(router, integrationTestRoutes.cancel, async (req, res) => {
    parseInput(cancelTestRunBody, req.body, 'body');
    const run = await cancelIntegrationTest(deps, { organizationId: organizationOf(res), runId: runId(req.params), actor: actorOf(res) });
    res.json({ testRun: presentTestRun(run) });
  });
  serve(router, integrationTestRoutes.results, async (req, res) => {
    const query = parseInput(testResultsQuery, req.query, 'query');
    const page = await listIntegrationTestResults(deps, { organizationId: organizationOf(res), runId: runId(req.params), ...query });
    res.json({ results: page.items.map(presentPersonAccess), nextCursor: page.nextCursor, total: page.total });
  });
  serve(router, integrationTestRoutes.access, async (req, res) => {
    const query = parseInput(accessQuery, req.query, 'query');
    const page = await listCalendarAccess(deps, { organizationId: organizationOf(res), ...query });
    res.json({ access: page.items.map(presentPersonAccess), nextCursor: page.nextCursor, total: page.total });
  });
  return router;
}
