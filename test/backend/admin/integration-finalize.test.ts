import { describe, expect, it } from '@jest/globals';
import type { SetupFinalized } from '../../../backend/domain/integration/finalize-integration-setup.js';
import { expectStatus } from '../../support/app.js';
import { WorldClock } from '../../support/clock.js';
import { createTestDatabase } from '../../support/database.js';
import { completeTestRun } from '../../support/integration-setup.js';
import { useWorld } from '../../support/use-world.js';
import { auditEntries, setUpOrganization, type AdminApi } from './support.js';

const db = useWorld(() => createTestDatabase());
const clock = new WorldClock();
const MINUTE = 60_000;
const deps = () => ({ prisma: db().prisma, clock: clock.now });

/** An organization whose wizard is at TEST (vendor, method, install confirmed), the hook's calls recorded. */
async function atTest() {
  const finalized: SetupFinalized[] = [];
  const { api } = await setUpOrganization(db(), { clock: clock.now, onSetupFinalized: (f) => void finalized.push(f) });
  expectStatus(await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' }), 200);
  expectStatus(await api.put('/integration/method', { method: 'DOMAIN_WIDE' }), 200);
  expectStatus(await api.post('/integration/install/confirm'), 200);
  return { api, finalized };
}

/** A completed test a minute after the previous one. */
async function tested(api: AdminApi, active: number, total = 4) {
  clock.advance(MINUTE);
  return (await completeTestRun(deps(), api.organizationId, { active, total })).run;
}

/** The answer is a 409 with `code`, and the wizard, the audit log and the hook are as they were. */
async function expectRefused(api: AdminApi, finalized: SetupFinalized[], code: string) {
  const auditBefore = (await auditEntries(db(), api.organizationId)).length;
  const response = await api.post('/integration/finalize');
  expectStatus(response, 409);
  expect(response.body.error.code).toBe(code);
  expect((await api.get('/integration')).body.integration).toMatchObject({ wizardStep: 'TEST', status: 'CONFIGURING' });
  expect(await auditEntries(db(), api.organizationId)).toHaveLength(auditBefore);
  expect(finalized).toEqual([]);
  return response.body.error as { message: string; details: Record<string, unknown> };
}

describe('POST …/integration/finalize', () => {
  it('moves TEST → DONE on the latest completed test that found someone, audited, once: again is a no-op', async () => {
    const { api, finalized } = await atTest();
    await tested(api, 0);
    const run = await tested(api, 3);

    const response = await api.post('/integration/finalize', {});
    expectStatus(response, 200);
    expect(response.body.integration).toMatchObject({
      wizardStep: 'DONE',
      status: 'ACTIVE',
      next: null,
      lastTest: { summary: { runId: run.id } },
    });
    expect(finalized).toEqual([{ organizationId: api.organizationId, runId: run.id }]);
    const entries = (await auditEntries(db(), api.organizationId)).filter((e) => e.action === 'integration.setup.finalized');
    expect(entries).toMatchObject([
      {
        actorType: 'ADMIN_TOKEN',
        actorId: api.tokenId,
        targetType: 'CalendarIntegration',
        details: {
          runId: run.id,
          active: 3,
          total: 4,
          wizardStep: { from: 'TEST', to: 'DONE' },
          status: { from: 'CONFIGURING', to: 'ACTIVE' },
        },
      },
    ]);

    // A double click, and a later one: the integration as it is, nothing written, no second evaluation.
    const again = await Promise.all([api.post('/integration/finalize'), api.post('/integration/finalize')]);
    for (const answer of again) {
      expectStatus(answer, 200);
      expect(answer.body.integration).toEqual(response.body.integration);
    }
    expect((await auditEntries(db(), api.organizationId)).filter((e) => e.action === 'integration.setup.finalized')).toHaveLength(1);
    expect(finalized).toHaveLength(1);
  });

  it('finalizes once when two requests race', async () => {
    const { api, finalized } = await atTest();
    await tested(api, 1);
    const answers = await Promise.all([api.post('/integration/finalize'), api.post('/integration/finalize')]);
    expect(answers.map((a) => [a.status, a.body.integration.wizardStep])).toEqual([
      [200, 'DONE'],
      [200, 'DONE'],
    ]);
    expect(finalized).toHaveLength(1);
  });

  it('refuses before the test step (invalid_wizard_transition)', async () => {
    const { api } = await setUpOrganization(db(), { clock: clock.now });
    expectStatus(await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' }), 200);
    const response = await api.post('/integration/finalize');
    expectStatus(response, 409);
    expect(response.body.error).toMatchObject({
      code: 'invalid_wizard_transition',
      details: { currentStep: 'METHOD', expectedStep: 'TEST' },
    });
    expect((await api.get('/integration')).body.integration).toMatchObject({ wizardStep: 'METHOD' });
  });

  it('refuses before any test completed (integration_not_tested), naming the latest run', async () => {
    const { api, finalized } = await atTest();
    expect((await expectRefused(api, finalized, 'integration_not_tested')).details).toEqual({ latestRun: null });
    const failed = await db().prisma.integrationTestRun.create({
      data: { organizationId: api.organizationId, trigger: 'MANUAL', status: 'FAILED', error: 'Key refused.', createdAt: clock.now() },
    });
    const error = await expectRefused(api, finalized, 'integration_not_tested');
    expect(error.details).toEqual({ latestRun: { id: failed.id, status: 'FAILED' } });
    expect(error.message).toContain(`POST /admin/v1/organizations/${api.organizationId}/integration/test-runs`);
  });

  it('refuses while a test runs (integration_test_running), even after one that found people', async () => {
    const { api, finalized } = await atTest();
    await tested(api, 2);
    const running = await db().prisma.integrationTestRun.create({
      data: { organizationId: api.organizationId, trigger: 'MANUAL', status: 'RUNNING', activeLock: api.organizationId },
    });
    expect((await expectRefused(api, finalized, 'integration_test_running')).details).toEqual({ runId: running.id, status: 'RUNNING' });
  });

  it('refuses when the latest completed test found nobody (no_active_users), saying what that means and what to fix', async () => {
    const { api, finalized } = await atTest();
    await tested(api, 2);
    const latest = await tested(api, 0, 5);
    const error = await expectRefused(api, finalized, 'no_active_users');
    expect(error.message).toMatch(/none of the 5 people .* Together would work for nobody/);
    expect(error.message).toContain(`GET /admin/v1/organizations/${api.organizationId}/integration/access`);
    expect(error.message).toMatch(/install the app from the Marketplace/);
    expect(error.details).toMatchObject({ runId: latest.id, total: 5, active: 0 });
  });

  it('refuses a body with any field (400) and a form (415), changing nothing', async () => {
    const { api, finalized } = await atTest();
    await tested(api, 1);
    const field = await api.post('/integration/finalize', { force: true });
    expectStatus(field, 400);
    expect(field.body.error).toMatchObject({ code: 'invalid_request', details: { location: 'body' } });
    expectStatus(await api.post('/integration/finalize').type('form').send('force=1'), 415);
    expect((await api.get('/integration')).body.integration).toMatchObject({ wizardStep: 'TEST' });
    expect(finalized).toEqual([]);
  });
});
