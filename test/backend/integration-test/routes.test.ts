import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { runIntegrationTest } from '../../../backend/domain/integration/run-integration-test.js';
import { createTestApp, expectStatus } from '../../support/app.js';
import { createAdminToken, createOrganization } from '../../support/factories.js';
import { adminApi } from '../admin/support.js';
import { control, createTestOrganization, eventually, runnerDeps, useTestWorkspace } from './support.js';

const world = useTestWorkspace();

/** The app on the world's clock with an enqueue that runs the test in the background (as the job would), and the API of a fresh organization. */
async function setUp(options: { concurrency?: number } = {}) {
  const { organization, token, tokenId } = await createTestOrganization(world);
  const runs: Promise<unknown>[] = [];
  const deps = runnerDeps(world, { concurrency: options.concurrency ?? 4 });
  const { app } = createTestApp(world.db, {
    clock: world.clock.now,
    enqueueIntegrationTest: async (runId) => void runs.push(runIntegrationTest(deps, { runId })),
  });
  return { organization, app, api: adminApi(app, organization.id, { token, tokenId }), settled: () => Promise.all(runs) };
}

describe('integration test routes', () => {
  it('starts a run (202), reports progress while it runs, and then the results and current access', async () => {
    await control(world).setFaults({ latency: { kind: 'fixed', ms: 60 } });
    const { api, settled } = await setUp({ concurrency: 1 });
    const started = await api.post('/integration/test-runs');
    expectStatus(started, 202);
    const runId = started.body.testRun.id as string;
    expect(started.body.testRun).toMatchObject({ status: 'QUEUED', trigger: 'MANUAL' });
    expect(started.headers.location).toBe(`test-runs/${runId}`);

    let midway: Record<string, unknown> | undefined;
    await eventually(async () => {
      const body = (await api.get(`/integration/test-runs/${runId}`)).body.testRun;
      if (body.status === 'RUNNING' && body.progress.checked > 0 && body.progress.checked < body.progress.total) midway = body;
      return midway !== undefined;
    });
    expect(midway).toMatchObject({ progress: { total: 11 }, status: 'RUNNING' });
    const counted = Object.values(midway!.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThan(0);

    await settled();
    const done = await api.get(`/integration/test-runs/${runId}`);
    expectStatus(done, 200);
    expect(done.body.testRun).toMatchObject({ status: 'COMPLETED', progress: { checked: 11, total: 11, percent: 100 }, active: 4 });
    expect(done.body.testRun.counts).toEqual({ ACTIVE: 4, NOT_INSTALLED: 3, SUSPENDED_OR_DELETED: 2, NOT_IN_WORKSPACE: 2 });

    const notInstalled = await api.get(`/integration/test-runs/${runId}/results?status=NOT_INSTALLED&limit=2`);
    expectStatus(notInstalled, 200);
    expect(notInstalled.body.results).toHaveLength(2);
    expect(notInstalled.body.results[0]).toMatchObject({ status: 'NOT_INSTALLED', fix: expect.stringContaining('Domain-wide delegation') });
    const rest = await api.get(`/integration/test-runs/${runId}/results?status=NOT_INSTALLED&cursor=${notInstalled.body.nextCursor}`);
    expect(rest.body).toMatchObject({ nextCursor: null });
    expect(rest.body.results).toHaveLength(1);

    const suspended = await api.get('/integration/access?status=SUSPENDED_OR_DELETED');
    expect(suspended.body.access.map((a: { email: string }) => a.email).sort()).toEqual(['dee@acme.test', 'eve@acme.test']);
    const byReason = await api.get('/integration/access?reason=ALIAS');
    expect(byReason.body.access).toEqual([]);
    const active = await api.get('/integration/access?status=ACTIVE');
    expect(active.body.access.find((a: { email: string }) => a.email === 'ana@acme.test')).toMatchObject({
      googleTimeZone: 'Europe/Madrid',
    });

    const list = await api.get('/integration/test-runs');
    expect(list.body.testRuns.map((r: { id: string }) => r.id)).toEqual([runId]);
    // The run recorded its outcome; the admin finalizes the setup on it.
    const integration = await api.get('/integration');
    expect(integration.body.integration).toMatchObject({ wizardStep: 'TEST', status: 'CONFIGURING', lastTest: { summary: { runId } } });
    const finalized = await api.post('/integration/finalize');
    expectStatus(finalized, 200);
    expect(finalized.body.integration).toMatchObject({ wizardStep: 'DONE', status: 'ACTIVE' });
  });

  it('allows one run at a time (409 naming it), and another once it is cancelled', async () => {
    await control(world).setFaults({ latency: { kind: 'fixed', ms: 60 } });
    const { api, settled, organization } = await setUp({ concurrency: 1 });
    const first = await api.post('/integration/test-runs', {});
    expectStatus(first, 202);
    const runId = first.body.testRun.id as string;
    const second = await api.post('/integration/test-runs');
    expectStatus(second, 409);
    expect(second.body.error).toMatchObject({ code: 'integration_test_running', details: { runId } });

    await eventually(async () => (await api.get(`/integration/test-runs/${runId}`)).body.testRun.progress.checked >= 2);
    const cancelled = await api.post(`/integration/test-runs/${runId}/cancel`);
    expectStatus(cancelled, 200);
    expect(cancelled.body.testRun).toMatchObject({ status: 'CANCELLED' });
    expectStatus(await api.post(`/integration/test-runs/${runId}/cancel`), 200);
    await settled();
    const after = await world.db.prisma.integrationTestRun.findUniqueOrThrow({ where: { id: runId } });
    expect(after).toMatchObject({ status: 'CANCELLED', activeLock: null });
    // The worker stopped between people: not everyone was checked, and it recorded nothing after the cancel.
    const results = await world.db.prisma.integrationTestResult.count({ where: { runId } });
    expect(results).toBeLessThan(11);
    expect(results).toBe(after.checked);
    const audit = await world.db.prisma.auditLogEntry.findMany({
      where: { organizationId: organization.id, action: { startsWith: 'integration.test' } },
    });
    expect(audit.map((e) => e.action).sort()).toEqual(['integration.test.cancelled', 'integration.test.started']);

    await control(world).clearFaults();
    const again = await api.post('/integration/test-runs');
    expectStatus(again, 202);
    await settled();
    const finished = await api.post(`/integration/test-runs/${again.body.testRun.id}/cancel`);
    expectStatus(finished, 409);
    expect(finished.body.error.code).toBe('integration_test_finished');
  });

  it('needs the wizard at the test step', async () => {
    const organization = await createOrganization(world.db.prisma);
    const { record, token } = await createAdminToken(world.db.prisma, organization.id);
    const { app } = createTestApp(world.db, { clock: world.clock.now, enqueueIntegrationTest: async () => undefined });
    const response = await adminApi(app, organization.id, { token, tokenId: record.id }).post('/integration/test-runs');
    expectStatus(response, 409);
    expect(response.body.error).toMatchObject({
      code: 'invalid_wizard_transition',
      details: { currentStep: 'VENDOR', expectedStep: 'TEST' },
    });
    expect(await world.db.prisma.integrationTestRun.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  it("keeps each organization's runs and access to itself", async () => {
    const { api, settled } = await setUp();
    const runId = (await api.post('/integration/test-runs')).body.testRun.id as string;
    await settled();
    const other = await createOrganization(world.db.prisma);
    const { record, token } = await createAdminToken(world.db.prisma, other.id);
    const { app } = createTestApp(world.db, { clock: world.clock.now, enqueueIntegrationTest: async () => undefined });
    const stranger = adminApi(app, other.id, { token, tokenId: record.id });
    expectStatus(await stranger.get(`/integration/test-runs/${runId}`), 404);
    expectStatus(await stranger.get(`/integration/test-runs/${runId}/results`), 404);
    expectStatus(await stranger.post(`/integration/test-runs/${runId}/cancel`), 404);
    expect((await stranger.get('/integration/test-runs')).body.testRuns).toEqual([]);
    expect((await stranger.get('/integration/access')).body.access).toEqual([]);
    // And the other organization's token cannot reach this organization's paths at all.
    const crossed = await request(app)
      .get(`/admin/v1/organizations/${api.organizationId}/integration/access`)
      .set('Authorization', `Bearer ${token}`);
    expectStatus(crossed, 404);
  });

  it('answers bad input with a clear 4xx and changes nothing', async () => {
    const { api, app } = await setUp();
    expectStatus(await api.get('/integration/test-runs/00000000-0000-4000-8000-000000000000'), 404);
    expectStatus(await api.get('/integration/test-runs/not-a-uuid'), 404);
    const badStatus = await api.get('/integration/access?status=HAPPY');
    expectStatus(badStatus, 400);
    expect(badStatus.body.error).toMatchObject({ code: 'invalid_request', details: { location: 'query' } });
    expectStatus(await api.get('/integration/test-runs/00000000-0000-4000-8000-000000000000/results?status=nope'), 400);
    expectStatus(await api.get('/integration/access?cursor=bogus'), 400);
    expectStatus(await api.post('/integration/test-runs', { force: true }), 400);
    const malformed = await request(app)
      .post(`/admin/v1/organizations/${api.organizationId}/integration/test-runs`)
      .set('Authorization', `Bearer ${api.token}`)
      .set('Content-Type', 'application/json')
      .send('{"oops');
    expectStatus(malformed, 400);
    expect(malformed.body.error.code).toBe('malformed_json');
    expectStatus(await request(app).post(`/admin/v1/organizations/${api.organizationId}/integration/test-runs`), 401);
    expect(await world.db.prisma.integrationTestRun.count({ where: { organizationId: api.organizationId } })).toBe(0);
  });

  it('is 503 not_ready when the server has no job queue', async () => {
    const { organization, token, tokenId } = await createTestOrganization(world);
    const { app } = createTestApp(world.db, { clock: world.clock.now });
    const response = await adminApi(app, organization.id, { token, tokenId }).post('/integration/test-runs');
    expectStatus(response, 503);
    expect(await world.db.prisma.integrationTestRun.count({ where: { organizationId: organization.id } })).toBe(0);
  });
});
