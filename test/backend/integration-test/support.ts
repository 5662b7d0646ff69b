import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { startEmulator, type RunningEmulator, type Seed } from '../../../backend/emulator/index.js';
import type { BackoffOptions } from '../../../backend/google/backoff.js';
import { DELEGATED_SCOPES } from '../../../backend/google/delegated-auth.js';
import { ServiceAccountKey } from '../../../backend/google/service-account-key.js';
import { runIntegrationTest, type RunIntegrationTestDeps } from '../../../backend/domain/integration/run-integration-test.js';
import type { PrismaClient } from '../../../backend/store/database.js';
import { captureLogs } from '../../support/app.js';
import { WorldClock } from '../../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createAdminToken, OFFICE_HOURS } from '../../support/factories.js';
import { emulatedGoogle } from '../../support/google.js';
import { emulatorControl } from '../../support/emulator-control.js';

export const SERVICE_ACCOUNT = 'together@together-test.iam.gserviceaccount.com';
export const CLIENT_ID = '111111111111111111111';
export const LISTING = 'https://workspace.google.com/marketplace/app/together/111';
const CALENDAR_ONLY = ['https://www.googleapis.com/auth/calendar'];

/** One RSA key for the whole file, so a restarted emulator accepts the same service account. */
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const privateKeyId = randomBytes(20).toString('hex');

/**
 * The small Workspace the tests run against: acme.test installed for the /Staff org unit, beta.test
 * granted the calendar scope only, gamma.test installed for one group.
 */
export function workspaceSeed(): Seed {
  return {
    domains: [{ name: 'acme.test' }, { name: 'beta.test' }, { name: 'gamma.test' }],
    users: [
      { email: 'owner@acme.test', orgUnitPath: '/Staff', isAdmin: true },
      { email: 'ana@acme.test', orgUnitPath: '/Staff', timeZone: 'Europe/Madrid' },
      { email: 'ben@acme.test', orgUnitPath: '/Staff/Sales', timeZone: 'America/New_York' },
      { email: 'carl@acme.test', orgUnitPath: '/Contractors' },
      { email: 'dee@acme.test', orgUnitPath: '/Staff', suspended: true },
      { email: 'eve@acme.test', orgUnitPath: '/Staff' },
      { email: 'fay@beta.test' },
      { email: 'gil@gamma.test', groups: ['mentoring@gamma.test'], timeZone: 'Asia/Tokyo' },
      { email: 'hal@gamma.test' },
    ],
    serviceAccounts: [{ clientEmail: SERVICE_ACCOUNT, clientId: CLIENT_ID, privateKey, privateKeyId }],
    grants: [
      { serviceAccount: SERVICE_ACCOUNT, domain: 'acme.test', scopes: [...DELEGATED_SCOPES], reach: { orgUnits: ['/Staff'] } },
      { serviceAccount: SERVICE_ACCOUNT, domain: 'beta.test', scopes: CALENDAR_ONLY, reach: 'domain' },
      { serviceAccount: SERVICE_ACCOUNT, domain: 'gamma.test', scopes: [...DELEGATED_SCOPES], reach: { groups: ['mentoring@gamma.test'] } },
    ],
  };
}

/** Starts the emulator with the workspace; eve is deleted after seeding (Google then says "deleted"). */
export async function startWorkspace(port = 0): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port, seed: workspaceSeed() });
  await emulatorControl(emulator.url).deleteUser('eve@acme.test');
  return emulator;
}

/**
 * A test file's world: a database, the emulated workspace, and the one clock the backend's `clock`
 * dependency reads (it starts at the process's instant, where the emulator's clock stands: the
 * emulator stays on the process clock, since google-auth-library checks token times against it).
 */
export interface TestWorkspace {
  db: TestDatabase;
  emulator: RunningEmulator;
  clock: WorldClock;
}

/**
 * The world of a test file, fresh request log and no faults before each test. A test may replace
 * `emulator` (a restart); the one in place at the end is closed.
 */
export function useTestWorkspace(): TestWorkspace {
  const world = {} as TestWorkspace;
  beforeAll(async () => {
    [world.db, world.emulator] = await Promise.all([createTestDatabase(), startWorkspace()]);
    world.clock = new WorldClock();
  });
  afterAll(async () => {
    await Promise.all([world.db.close(), world.emulator.close()]);
  });
  beforeEach(async () => {
    await control(world).resetRequests();
    await control(world).clearFaults();
  });
  return world;
}

/** The control API of the world's emulator (the one in place now: a test may restart it). */
export const control = (world: TestWorkspace) => emulatorControl(world.emulator.url);

/** Fast backoff for tests: the same policy, shorter waits (Retry-After still wins). */
export const TEST_BACKOFF: BackoffOptions = { attempts: 8, baseDelayMs: 10, maxDelayMs: 200 };

/** The real Google clients pointed at the emulator. */
export function googleClients(emulatorUrl: string) {
  const key = ServiceAccountKey.parse(
    JSON.stringify({
      type: 'service_account',
      client_email: SERVICE_ACCOUNT,
      client_id: CLIENT_ID,
      private_key_id: privateKeyId,
      private_key: privateKey,
    }),
  );
  return emulatedGoogle(emulatorUrl, key, { maxCachedSubjects: 1000, clientId: CLIENT_ID, marketplaceListingUrl: LISTING });
}

/** Runner deps over the world's emulator and clock: real clients, test backoff. */
export function runnerDeps(
  world: TestWorkspace,
  overrides: Partial<RunIntegrationTestDeps> = {},
): RunIntegrationTestDeps & { logs: ReturnType<typeof captureLogs>['logs'] } {
  const { calendar, directory } = googleClients(world.emulator.url);
  const { logger, logs } = captureLogs('debug');
  return {
    prisma: world.db.prisma,
    clock: world.clock.now,
    google: { calendar, directory, backoff: TEST_BACKOFF },
    concurrency: 4,
    logger,
    logs,
    ...overrides,
  };
}

/** The people of the test organization, by email. */
export const PEOPLE = [
  'owner@acme.test',
  'ana@acme.test',
  'ben@acme.test',
  'carl@acme.test',
  'dee@acme.test',
  'eve@acme.test',
  'nobody@acme.test',
  'fay@beta.test',
  'gil@gamma.test',
  'hal@gamma.test',
  'out@elsewhere.test',
] as const;

/**
 * An organization owning the three domains (verified, unless named in `unverified`: acme.test by its
 * super administrator owner@acme.test, or whom `verifiedBy` names), its people, the wizard at TEST
 * with owner@acme.test as integration owner, and an admin token. Removes any earlier one first.
 */
export async function createTestOrganization(
  world: TestWorkspace,
  options: { ownerEmail?: string; people?: readonly string[]; unverified?: readonly string[]; verifiedBy?: string | null } = {},
) {
  const { prisma } = world.db;
  await prisma.organization.deleteMany({ where: { domains: { some: { domain: { in: ['acme.test', 'beta.test', 'gamma.test'] } } } } });
  const organization = await prisma.organization.create({
    data: {
      name: 'Acme',
      domains: {
        create: ['acme.test', 'beta.test', 'gamma.test'].map((domain) => ({
          domain,
          verifiedAt: options.unverified?.includes(domain) ? null : world.clock.now(),
          verifiedBy:
            domain === 'acme.test' && !options.unverified?.includes(domain)
              ? options.verifiedBy === undefined
                ? 'owner@acme.test'
                : options.verifiedBy
              : null,
        })),
      },
      integration: {
        create: {
          vendor: 'GOOGLE_CALENDAR',
          method: 'DOMAIN_WIDE',
          ownerEmail: options.ownerEmail ?? 'owner@acme.test',
          wizardStep: 'TEST',
          status: 'CONFIGURING',
        },
      },
    },
  });
  await prisma.person.createMany({
    data: (options.people ?? PEOPLE).map((email) => ({
      organizationId: organization.id,
      email,
      displayName: email.split('@')[0]!,
      workingHours: OFFICE_HOURS,
    })),
  });
  await prisma.person.create({
    data: { organizationId: organization.id, email: 'gone@acme.test', displayName: 'Gone', workingHours: OFFICE_HOURS, status: 'INACTIVE' },
  });
  const { record, token } = await createAdminToken(prisma, organization.id);
  return { organization, token, tokenId: record.id };
}

/** Creates a QUEUED run directly (as startIntegrationTest would, now on the world's clock) for tests that drive the runner themselves. */
export async function queuedRun(world: TestWorkspace, organizationId: string) {
  return world.db.prisma.integrationTestRun.create({
    data: { organizationId, trigger: 'MANUAL', activeLock: organizationId, requestedBy: 'test', createdAt: world.clock.now() },
  });
}

/** Runs the test to the end, retrying like the job queue would when an attempt is interrupted. */
export async function runToEnd(deps: RunIntegrationTestDeps, runId: string, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runIntegrationTest(deps, { runId });
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Each person's result in a run, by email. */
export async function resultsByEmail(prisma: PrismaClient, runId: string) {
  const rows = await prisma.integrationTestResult.findMany({ where: { runId }, include: { person: { select: { email: true } } } });
  return Object.fromEntries(rows.map((row) => [row.person.email, row]));
}

export { eventually } from '../../support/eventually.js';

/** The expected status of every person in the standard workspace. */
export const EXPECTED_STATUS: Record<(typeof PEOPLE)[number], string> = {
  'owner@acme.test': 'ACTIVE',
  'ana@acme.test': 'ACTIVE',
  'ben@acme.test': 'ACTIVE',
  'carl@acme.test': 'NOT_INSTALLED',
  'dee@acme.test': 'SUSPENDED_OR_DELETED',
  'eve@acme.test': 'SUSPENDED_OR_DELETED',
  'nobody@acme.test': 'NOT_IN_WORKSPACE',
  'fay@beta.test': 'NOT_INSTALLED',
  'gil@gamma.test': 'ACTIVE',
  'hal@gamma.test': 'NOT_INSTALLED',
  'out@elsewhere.test': 'NOT_IN_WORKSPACE',
};
