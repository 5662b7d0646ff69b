import { describe, expect, it } from '@jest/globals';
import { runIntegrationTest } from '../../../backend/domain/integration/run-integration-test.js';
import {
  control,
  CLIENT_ID,
  createTestOrganization,
  EXPECTED_STATUS,
  googleClients,
  LISTING,
  PEOPLE,
  queuedRun,
  resultsByEmail,
  runnerDeps,
  useTestWorkspace,
} from './support.js';
import { emulatedGoogle } from '../../support/google.js';

const world = useTestWorkspace();

describe('classifying every person of the organization', () => {
  it('finds who has calendar access and why the others do not, with one token and one calendar read per person', async () => {
    const { organization } = await createTestOrganization(world);
    const run = await queuedRun(world, organization.id);
    const completed: unknown[] = [];
    const finished = await runIntegrationTest(runnerDeps(world, { onRunCompleted: (outcome) => void completed.push(outcome) }), {
      runId: run.id,
    });

    expect(finished).toMatchObject({ status: 'COMPLETED', activeLock: null, total: 11, checked: 11, active: 4 });
    expect(finished?.countsByReason).toEqual({ ACTIVE: 4, NOT_INSTALLED: 3, SUSPENDED_OR_DELETED: 2, NOT_IN_WORKSPACE: 2 });
    const results = await resultsByEmail(world.db.prisma, run.id);
    expect(Object.fromEntries(Object.entries(results).map(([email, row]) => [email, row.status]))).toEqual(EXPECTED_STATUS);
    expect(results['gone@acme.test']).toBeUndefined();

    // Time zones as Google has them; reasons and fixes an admin can act on.
    expect(results['ana@acme.test']).toMatchObject({ googleTimeZone: 'Europe/Madrid', reason: null, fix: null });
    expect(results['gil@gamma.test']?.googleTimeZone).toBe('Asia/Tokyo');
    expect(results['carl@acme.test']?.fix).toContain(LISTING);
    expect(results['carl@acme.test']?.fix).toContain(`client ID ${CLIENT_ID}`);
    expect(results['fay@beta.test']?.reason).toMatch(/not installed .* or a scope is not granted/);
    expect(results['dee@acme.test']).toMatchObject({ reason: 'The user is suspended in Google Workspace.' });
    expect(results['eve@acme.test']?.reason).toMatch(/deleted/);
    expect(results['nobody@acme.test']).toMatchObject({ reason: 'Google Workspace has no user with this address.' });
    expect(results['out@elsewhere.test']?.reason).toMatch(/elsewhere.test is not a Workspace domain of this organization/);

    const log = await control(world).requests();
    // Never a call for a user outside the organization's domains; exactly one token request for the others.
    expect(log.tokenRequests['out@elsewhere.test']).toBeUndefined();
    for (const email of Object.keys(EXPECTED_STATUS).filter((e) => e !== 'out@elsewhere.test')) {
      expect([email, log.tokenRequests[email]]).toEqual([email, 1]);
    }
    expect(log.perMethod['calendar.settings.get']).toBe(4);
    // Unknown and suspended users were told apart by the Directory, read as acme.test's verifying super administrator.
    expect(log.perSubject['owner@acme.test']).toEqual({ 'calendar.settings.get': 1, 'directory.users.get': 2 });

    // Current access per person, and the outcome on the integration (the setup is finalized by the admin).
    const access = await world.db.prisma.personCalendarAccess.findMany({
      where: { organizationId: organization.id },
      include: { person: true },
    });
    expect(access).toHaveLength(11);
    expect(access.find((a) => a.person.email === 'ben@acme.test')).toMatchObject({ status: 'ACTIVE', googleTimeZone: 'America/New_York' });
    const integration = await world.db.prisma.calendarIntegration.findUniqueOrThrow({ where: { organizationId: organization.id } });
    expect(integration).toMatchObject({
      wizardStep: 'TEST',
      status: 'CONFIGURING',
      lastTestSummary: { runId: run.id, total: 11, active: 4 },
    });
    expect(completed).toEqual([expect.objectContaining({ organizationId: organization.id, runId: run.id, active: 4, total: 11 })]);
  });

  it('reports the people of a domain no Workspace admin has verified, asking Google nothing as them, and verifies nothing', async () => {
    const { organization } = await createTestOrganization(world, { unverified: ['gamma.test'] });
    await control(world).resetRequests();
    const run = await runIntegrationTest(runnerDeps(world), { runId: (await queuedRun(world, organization.id)).id });
    const results = await resultsByEmail(world.db.prisma, run!.id);
    for (const email of ['gil@gamma.test', 'hal@gamma.test']) {
      expect(results[email]).toMatchObject({
        status: 'DOMAIN_NOT_VERIFIED',
        reason: expect.stringContaining('gamma.test is not verified'),
        fix: expect.stringContaining('super administrator'),
      });
      expect((await control(world).requests()).tokenRequests[email]).toBeUndefined();
    }
    // Everyone else is classified as before.
    expect(results['ana@acme.test']?.status).toBe('ACTIVE');
    const gamma = await world.db.prisma.workspaceDomain.findFirstOrThrow({
      where: { organizationId: organization.id, domain: 'gamma.test' },
    });
    expect(gamma.verifiedAt).toBeNull();
  });

  it('keeps the last known Google time zone when a later check fails', async () => {
    const { organization } = await createTestOrganization(world, { people: ['ana@acme.test'] });
    await runIntegrationTest(runnerDeps(world), { runId: (await queuedRun(world, organization.id)).id });
    await control(world).setSuspended('ana@acme.test', true);
    try {
      await runIntegrationTest(runnerDeps(world), { runId: (await queuedRun(world, organization.id)).id });
    } finally {
      await control(world).setSuspended('ana@acme.test', false);
    }
    const access = await world.db.prisma.personCalendarAccess.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(access).toMatchObject({ status: 'SUSPENDED_OR_DELETED', googleTimeZone: 'Europe/Madrid' });
  });

  it('says "not in Workspace or suspended" honestly, the same for everyone, when the verifying administrator cannot be asked', async () => {
    // carl@acme.test "verified" acme.test but is in /Contractors, outside the install: his token is refused.
    const { organization } = await createTestOrganization(world, {
      verifiedBy: 'carl@acme.test',
      people: ['dee@acme.test', 'nobody@acme.test', 'ana@acme.test', 'carl@acme.test'],
    });
    const run = await queuedRun(world, organization.id);
    await runIntegrationTest(runnerDeps(world), { runId: run.id });
    const results = await resultsByEmail(world.db.prisma, run.id);
    const undecided = {
      status: results['dee@acme.test']?.status,
      reason: results['dee@acme.test']?.reason,
      fix: results['dee@acme.test']?.fix,
    };
    expect(undecided).toEqual({
      status: 'NOT_IN_WORKSPACE',
      reason:
        'Not in Google Workspace, or suspended: Google does not say which, and the Directory could not be asked (as carl@acme.test, ' +
        'the super administrator who verified acme.test: The Together app is not installed for this user, or a scope is not granted.).',
      fix: expect.stringMatching(/active \(not suspended\)\. For Together to tell which: Install Together for the user's domain/),
    });
    expect(results['nobody@acme.test']).toMatchObject(undecided);
    expect(results['ana@acme.test']?.status).toBe('ACTIVE');
    // Not asked as anyone else (ana is active but no administrator), and carl asked for one token in the whole run.
    const log = await control(world).requests();
    expect(log.perMethod['directory.users.get']).toBeUndefined();
    expect(log.tokenRequests['carl@acme.test']).toBe(1);

    const { organization: unrecorded } = await createTestOrganization(world, { verifiedBy: null, people: ['dee@acme.test'] });
    const again = await queuedRun(world, unrecorded.id);
    await runIntegrationTest(runnerDeps(world), { runId: again.id });
    expect((await resultsByEmail(world.db.prisma, again.id))['dee@acme.test']).toMatchObject({
      status: 'NOT_IN_WORKSPACE',
      reason: expect.stringContaining('(no super administrator is recorded for acme.test)'),
      fix: expect.stringContaining('verifies acme.test again'),
    });
    // No one is active: the wizard stays at TEST.
    expect(await world.db.prisma.calendarIntegration.findUnique({ where: { organizationId: unrecorded.id } })).toMatchObject({
      wizardStep: 'TEST',
      status: 'CONFIGURING',
    });
  });

  it('fails the run clearly, once, when Google refuses the service-account key', async () => {
    // Only people of the organization's domains: out@elsewhere.test needs no Google call, so were it
    // first in id order (random) it would be recorded before the key is refused.
    const { organization } = await createTestOrganization(world, { people: PEOPLE.filter((email) => !email.endsWith('@elsewhere.test')) });
    const run = await queuedRun(world, organization.id);
    const failures: unknown[] = [];
    // The same client id signed with a key the emulator never issued.
    const other = await import('node:crypto').then((c) =>
      c.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    const real = googleClients(world.emulator.url);
    const foreignKey = {
      type: 'service_account',
      client_email: 'together@together-test.iam.gserviceaccount.com',
      client_id: CLIENT_ID,
      private_key_id: 'x',
      private_key: other,
    };
    const { calendar } = emulatedGoogle(world.emulator.url, foreignKey, {
      maxCachedSubjects: 10,
      clientId: CLIENT_ID,
      marketplaceListingUrl: LISTING,
    });
    const deps = runnerDeps(world, { concurrency: 1, onRunFailed: (failure) => void failures.push(failure) });
    const finished = await runIntegrationTest(
      { ...deps, google: { ...deps.google, calendar, directory: real.directory } },
      { runId: run.id },
    );
    expect(finished).toMatchObject({ status: 'FAILED', activeLock: null, checked: 0 });
    expect(finished?.error).toMatch(/refused the service account's credentials.*service-account key/);
    expect(finished?.error).not.toContain('PRIVATE KEY');
    expect(failures).toHaveLength(1);
    // It stopped at the first person instead of trying everyone: no calendar call was ever made.
    expect((await control(world).requests()).total).toBe(0);
    expect(await world.db.prisma.integrationTestResult.count({ where: { runId: run.id } })).toBe(0);
    expect(deps.logs.text()).not.toContain('PRIVATE KEY');
  });
});
