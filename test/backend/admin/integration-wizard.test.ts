import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { ConnectionsDeps } from '../../../backend/domain/connections/deps.js';
import { TokenKeyring } from '../../../backend/domain/connections/token-keyring.js';
import { useWorld } from '../../support/use-world.js';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { recordIntegrationTestOutcome } from '../../../backend/domain/integration/record-integration-test-outcome.js';
import { completeTestRun, finalizeSetup } from '../../support/integration-setup.js';
import { INSTALL_INFO, auditEntries, setUpOrganization, type AdminApi } from './support.js';

const db = useWorld(() => createTestDatabase());

/** A clock a minute further on each time it is read, so audit entries of one test keep their order. */
let minutes = 0;
const clock = () => new Date(Date.UTC(2031, 4, 1, 12, minutes++));
const deps = () => ({ prisma: db().prisma, clock });

/** A completed integration test of `active` of `total` people, its outcome recorded on the integration. */
const passTest = async (organizationId: string, active = 3, total = 4) =>
  (await completeTestRun(deps(), organizationId, { active, total })).integration;

/** Each step's request, and the GET that must show the same state afterwards (the wizard resumes from it). */
async function step(api: AdminApi, request: () => Promise<{ status: number; body: { integration: unknown } }>) {
  const response = await request();
  expectStatus(response, 200);
  const resumed = await api.get('/integration');
  expectStatus(resumed, 200);
  expect(resumed.body.integration).toEqual(response.body.integration);
  return resumed.body.integration as Record<string, unknown> & { next: Record<string, unknown> | null };
}

/** The per-user method's dependencies with a real key: this suite only switches methods, so Google is never asked. */
function connectionsWithKeys(): ConnectionsDeps {
  const unused = () => {
    throw new Error('the wizard tests never connect a calendar');
  };
  return {
    keyring: new TokenKeyring([{ id: 'wizard-1', secret: randomBytes(32) }]),
    gateway: { authorizationRequest: unused, complete: unused, revoke: unused, forget: unused },
    requestHealthEvaluation: unused,
    onConnected: unused,
    stopChannels: unused,
    publicUrl: () => 'http://127.0.0.1',
    outbox: { sender: { name: 'Together', address: 'together@together.test' }, queue: unused },
  };
}

describe('integration setup wizard', () => {
  it('starts at VENDOR, not configured, saying what the first step needs', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.get('/integration');
    expectStatus(response, 200);
    expect(response.body.integration).toEqual({
      status: 'NOT_CONFIGURED',
      wizardStep: 'VENDOR',
      vendor: null,
      ownerEmail: null,
      method: null,
      install: null,
      lastTest: null,
      next: {
        step: 'VENDOR',
        description: expect.any(String),
        request: { method: 'PUT', path: `/admin/v1/organizations/${api.organizationId}/integration/vendor` },
        needs: { vendor: ['GOOGLE_CALENDAR'], ownerEmail: 'email' },
      },
      updatedAt: null,
    });
    expect(await db().prisma.calendarIntegration.count({ where: { organizationId: api.organizationId } })).toBe(0);
  });

  it('walks vendor → method → install → test → finalize → done, persisting and resuming at each step', async () => {
    const { api } = await setUpOrganization(db(), { clock });
    const vendor = await step(api, () => api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'IT-Admin@Acme.com' }));
    expect(vendor).toMatchObject({
      wizardStep: 'METHOD',
      status: 'CONFIGURING',
      vendor: 'GOOGLE_CALENDAR',
      ownerEmail: 'it-admin@acme.com',
      install: null,
    });
    expect(vendor.next).toMatchObject({
      step: 'METHOD',
      needs: { method: ['DOMAIN_WIDE', 'PER_USER'] },
      recommended: { method: 'DOMAIN_WIDE' },
    });

    const method = await step(api, () => api.put('/integration/method', { method: 'DOMAIN_WIDE' }));
    expect(method).toMatchObject({ wizardStep: 'INSTALL', status: 'CONFIGURING', method: 'DOMAIN_WIDE' });
    expect(method.install).toEqual({
      configured: true,
      marketplaceListingUrl: INSTALL_INFO.marketplaceListingUrl,
      clientId: INSTALL_INFO.clientId,
      scopes: INSTALL_INFO.scopes,
      scopesCommaSeparated: INSTALL_INFO.scopes.join(','),
      instructions: expect.arrayContaining([
        expect.stringContaining('organizational unit'),
        expect.stringContaining('Verify your Workspace domain'),
      ]),
      verifyDomain: {
        request: { method: 'POST', path: `/admin/v1/organizations/${api.organizationId}/domains/verifications` },
        needs: { domain: expect.any(String) },
      },
    });
    expect((method.install as { instructions: string[] }).instructions.join(' ')).toContain(INSTALL_INFO.clientId);
    expect(method.next).toMatchObject({
      step: 'INSTALL',
      request: { method: 'POST', path: expect.stringMatching(/\/integration\/install\/confirm$/) },
    });

    const installed = await step(api, () => api.post('/integration/install/confirm'));
    const base = `/admin/v1/organizations/${api.organizationId}/integration`;
    expect(installed).toMatchObject({
      wizardStep: 'TEST',
      status: 'CONFIGURING',
      next: {
        step: 'TEST',
        description: expect.stringMatching(/Run the integration test .* then finalize the setup/),
        request: { method: 'POST', path: `${base}/finalize` },
        test: { request: { method: 'POST', path: `${base}/test-runs` } },
      },
    });

    // A completed test only records its outcome: the setup is finalized explicitly.
    await passTest(api.organizationId);
    const tested = await api.get('/integration');
    expect(tested.body.integration).toMatchObject({
      wizardStep: 'TEST',
      status: 'CONFIGURING',
      next: { step: 'TEST' },
      lastTest: {
        testedAt: expect.stringMatching(/^2031-05-01T/),
        summary: { total: 4, active: 3, byReason: { ACTIVE: 3, NOT_INSTALLED: 1 } },
      },
    });
    const done = await step(api, () => api.post('/integration/finalize'));
    expect(done).toMatchObject({ wizardStep: 'DONE', status: 'ACTIVE', next: null, lastTest: tested.body.integration.lastTest });

    const entries = await auditEntries(db(), api.organizationId);
    expect(entries.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ['integration.vendor.set', 'ADMIN_TOKEN', api.tokenId],
      ['integration.method.set', 'ADMIN_TOKEN', api.tokenId],
      ['integration.install.confirmed', 'ADMIN_TOKEN', api.tokenId],
      ['integration.test.recorded', 'SYSTEM', null],
      ['integration.setup.finalized', 'ADMIN_TOKEN', api.tokenId],
    ]);
    expect(entries[0]?.details).toMatchObject({ vendor: 'GOOGLE_CALENDAR', ownerEmail: 'it-admin@acme.com', previous: { vendor: null } });
  });

  it.each([
    [
      'setting the method before the vendor',
      (api: AdminApi) => api.put('/integration/method', { method: 'DOMAIN_WIDE' }),
      'VENDOR',
      'METHOD',
    ],
    ['confirming the install before anything', (api: AdminApi) => api.post('/integration/install/confirm', {}), 'VENDOR', 'INSTALL'],
  ])('refuses %s with 409 invalid_wizard_transition, changing nothing', async (_label, attempt, currentStep, expectedStep) => {
    const { api } = await setUpOrganization(db());
    const response = await attempt(api);
    expectStatus(response, 409);
    expect(response.body.error).toMatchObject({ code: 'invalid_wizard_transition', details: { currentStep, expectedStep } });
    expect(response.body.error.message).toContain(`step ${currentStep}`);
    expect((await api.get('/integration')).body.integration).toMatchObject({ wizardStep: 'VENDOR', status: 'NOT_CONFIGURED' });
    expect(await auditEntries(db(), api.organizationId)).toEqual([]);
  });

  it('refuses confirming the install before the method is chosen', async () => {
    const { api } = await setUpOrganization(db());
    expectStatus(await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' }), 200);
    const response = await api.post('/integration/install/confirm');
    expectStatus(response, 409);
    expect(response.body.error.details).toEqual({ currentStep: 'METHOD', expectedStep: 'INSTALL' });
  });

  it('refuses a test outcome before the install is confirmed', async () => {
    const { api } = await setUpOrganization(db());
    expectStatus(await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' }), 200);
    await expect(passTest(api.organizationId)).rejects.toMatchObject({
      code: 'invalid_wizard_transition',
      details: { currentStep: 'METHOD', expectedStep: 'TEST' },
    });
  });

  it.each([
    ['an unknown vendor', '/integration/vendor', { vendor: 'OUTLOOK', ownerEmail: 'o@acme.com' }, 'vendor'],
    ['a missing owner', '/integration/vendor', { vendor: 'GOOGLE_CALENDAR' }, 'ownerEmail'],
    ['an invalid owner email', '/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner' }, 'ownerEmail'],
    ['an unknown method', '/integration/method', { method: 'MAGIC' }, 'method'],
  ])('refuses %s with 400 invalid_request naming the field, changing nothing', async (_label, path, body, field) => {
    const { api } = await setUpOrganization(db());
    const response = await api.put(path, body);
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request', details: { issues: [expect.objectContaining({ field })] } });
    expect(await db().prisma.calendarIntegration.count({ where: { organizationId: api.organizationId } })).toBe(0);
  });

  it('refuses the per-user method while the server has no token keys, changing nothing', async () => {
    const { api } = await setUpOrganization(db());
    await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' });
    const before = await api.get('/integration');
    const refused = await api.put('/integration/method', { method: 'PER_USER' });
    expectStatus(refused, 409);
    expect(refused.body.error.code).toBe('token_keys_missing');
    expect((await api.get('/integration')).body).toEqual(before.body);
  });

  it('keeps step, status and later data when the owner or method is edited after setup; repeats change nothing', async () => {
    const { api } = await setUpOrganization(db(), { connections: connectionsWithKeys() });
    await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' });
    await api.put('/integration/method', { method: 'DOMAIN_WIDE' });
    await api.post('/integration/install/confirm');
    await passTest(api.organizationId);
    await finalizeSetup(deps(), api.organizationId);
    const auditBefore = (await auditEntries(db(), api.organizationId)).length;

    const owner = await step(api, () => api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'new-owner@acme.com' }));
    expect(owner).toMatchObject({
      wizardStep: 'DONE',
      status: 'ACTIVE',
      ownerEmail: 'new-owner@acme.com',
      method: 'DOMAIN_WIDE',
      lastTest: expect.anything(),
    });
    const method = await step(api, () => api.put('/integration/method', { method: 'PER_USER' }));
    expect(method).toMatchObject({
      wizardStep: 'DONE',
      status: 'ACTIVE',
      method: 'PER_USER',
      install: expect.objectContaining({ configured: true }),
    });
    expect((method.install as { instructions: string[] }).instructions.join(' ')).toContain('Connect your Google Calendar');
    // People consent to the OAuth web client, and only to their calendar (no Directory scope).
    expect((method.install as { instructions: string[] }).instructions.join(' ')).toContain(
      'client ID 123456789012-together.apps.googleusercontent.com',
    );
    expect((method.install as { instructions: string[] }).instructions.join(' ')).not.toContain('admin.directory');

    // Same values again, and confirming an install already confirmed: no change, no audit entry.
    expectStatus(await api.put('/integration/method', { method: 'PER_USER' }), 200);
    expectStatus(await api.post('/integration/install/confirm'), 200);
    expect((await auditEntries(db(), api.organizationId)).length).toBe(auditBefore + 2);
  });

  it('keeps the method and install data when going back to change the owner mid-wizard', async () => {
    const { api } = await setUpOrganization(db());
    await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' });
    await api.put('/integration/method', { method: 'DOMAIN_WIDE' });
    const back = await step(api, () => api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'other@acme.com' }));
    expect(back).toMatchObject({ wizardStep: 'INSTALL', status: 'CONFIGURING', method: 'DOMAIN_WIDE', ownerEmail: 'other@acme.com' });
  });

  it('says so when the server has no install details configured', async () => {
    const { api } = await setUpOrganization(db(), { installInfo: undefined });
    await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' });
    const response = await api.put('/integration/method', { method: 'DOMAIN_WIDE' });
    expect(response.body.integration.install).toEqual({ configured: false, message: expect.any(String) });
  });
});

describe('recordIntegrationTestOutcome', () => {
  async function atTest() {
    const { api } = await setUpOrganization(db());
    await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' });
    await api.put('/integration/method', { method: 'DOMAIN_WIDE' });
    await api.post('/integration/install/confirm');
    return api.organizationId;
  }

  it('stays at TEST, configuring, when nobody is active', async () => {
    const organizationId = await atTest();
    const state = await passTest(organizationId, 0, 5);
    expect(state).toMatchObject({ wizardStep: 'TEST', status: 'CONFIGURING', lastTestSummary: { total: 5, active: 0 } });
  });

  it('records the outcome only, even when people are active: the setup stays at TEST until it is finalized', async () => {
    const organizationId = await atTest();
    expect(await passTest(organizationId, 1, 5)).toMatchObject({
      wizardStep: 'TEST',
      status: 'CONFIGURING',
      lastTestSummary: { total: 5, active: 1 },
    });
  });

  it('on a re-test after setup, marks the integration failing when nobody is active, and active again on recovery', async () => {
    const organizationId = await atTest();
    await passTest(organizationId, 2, 2);
    await finalizeSetup(deps(), organizationId);
    expect(await passTest(organizationId, 0, 2)).toMatchObject({ wizardStep: 'DONE', status: 'FAILING' });
    expect(await passTest(organizationId, 2, 2)).toMatchObject({ wizardStep: 'DONE', status: 'ACTIVE' });
    const recorded = (await auditEntries(db(), organizationId)).filter((e) => e.action === 'integration.test.recorded');
    expect(recorded.map((e) => (e.details as { status: { to: string } }).status.to)).toEqual(['CONFIGURING', 'FAILING', 'ACTIVE']);
  });

  it('records the acting token when given', async () => {
    const organizationId = await atTest();
    const run = await db().prisma.integrationTestRun.create({ data: { organizationId, trigger: 'MANUAL' } });
    const actor = { type: 'ADMIN_TOKEN' as const, id: 'token-id' };
    await recordIntegrationTestOutcome(deps(), { organizationId, runId: run.id, active: 1, total: 1, actor });
    const [entry] = (await auditEntries(db(), organizationId)).filter((e) => e.action === 'integration.test.recorded');
    expect(entry).toMatchObject({ actorType: 'ADMIN_TOKEN', actorId: 'token-id', targetType: 'IntegrationTestRun', targetId: run.id });
  });

  it('refuses counts that make no sense, and a run of another organization', async () => {
    const organizationId = await atTest();
    const other = await atTest();
    const run = await db().prisma.integrationTestRun.create({ data: { organizationId: other, trigger: 'MANUAL' } });
    await expect(recordIntegrationTestOutcome(deps(), { organizationId, runId: run.id, active: 3, total: 2 })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(recordIntegrationTestOutcome(deps(), { organizationId, runId: run.id, active: 1, total: 2 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(recordIntegrationTestOutcome(deps(), { organizationId, runId: 'nope', active: 1, total: 2 })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await db().prisma.calendarIntegration.findUniqueOrThrow({ where: { organizationId } })).toMatchObject({
      wizardStep: 'TEST',
      lastTestSummary: null,
    });
  });
});
