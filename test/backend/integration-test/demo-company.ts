/**
 * The sandbox's demo company as an integration-test world: the emulator with its demo seed and the
 * demo organization provisioned into a test database, both by `startSandbox` (backend/sandbox.ts) as
 * `npm start` does it, the wizard at TEST with Oliver Smith (the super administrator who verified
 * acme.test) as integration owner, and one set of Google clients shared by every run of the file, as
 * one backend process shares its DelegatedAuth and its token cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { confirmIntegrationInstall } from '../../../backend/domain/integration/confirm-integration-install.js';
import { setIntegrationMethod } from '../../../backend/domain/integration/set-integration-method.js';
import { setIntegrationVendor } from '../../../backend/domain/integration/set-integration-vendor.js';
import type { RunIntegrationTestDeps } from '../../../backend/domain/integration/run-integration-test.js';
import { startSandbox } from '../../../backend/sandbox.js';
import { captureLogs } from '../../support/app.js';
import { WorldClock } from '../../support/clock.js';
import { createTestDatabase } from '../../support/database.js';
import { emulatedGoogle } from '../../support/google.js';
import { control, runnerDeps, type TestWorkspace } from './support.js';

export const DEMO_OWNER = 'oliver.smith@acme.test';
/** The demo seed's suspended people, by org unit: /Engineering, /Sales, /Operations. */
export const SUSPENDED = ['diego.romero@acme.test', 'noah.thomas@acme.test', 'ren.watanabe@acme.test'] as const;

export type DemoGoogle = ReturnType<typeof emulatedGoogle>;

export interface DemoCompany extends TestWorkspace {
  organizationId: string;
  /** The Google clients every run of the file shares (one token cache, as in one backend process). */
  google: DemoGoogle;
  /** New Google clients with an empty token cache, as a restarted backend process has. */
  newClients(): DemoGoogle;
  /** Runner deps over the shared clients, or over `google`. */
  deps(overrides?: Partial<RunIntegrationTestDeps>, google?: DemoGoogle): ReturnType<typeof runnerDeps>;
  /** Replaces the demo install by one reaching only these org units (the Workspace admin narrowing it in the Admin console). */
  narrowInstall(orgUnits: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoCompany(): Promise<DemoCompany> {
  const db = await createTestDatabase();
  const clock = new WorldClock();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'together-demo-company-'));
  const deps = { prisma: db.prisma, clock: clock.now };
  const sandbox = await startSandbox({ emulatorPort: 0, dataDir, deps, logger: captureLogs('fatal').logger });
  const { organizationId } = sandbox;
  const actor = { type: 'SYSTEM' as const, id: 'test' };
  await setIntegrationVendor(deps, { organizationId, vendor: 'GOOGLE_CALENDAR', ownerEmail: DEMO_OWNER, actor });
  await setIntegrationMethod(deps, { organizationId, method: 'DOMAIN_WIDE', actor });
  await confirmIntegrationInstall(deps, { organizationId, actor });
  const newClients = () => emulatedGoogle(sandbox.emulator.url, sandbox.key, { maxCachedSubjects: 1000 });
  const shared = newClients();
  const world: DemoCompany = {
    db,
    emulator: sandbox.emulator,
    clock,
    organizationId,
    google: shared,
    newClients,
    deps: (overrides = {}, google = shared) => {
      const base = runnerDeps(world, overrides);
      return { ...base, google: { ...base.google, calendar: google.calendar, directory: google.directory }, ...overrides };
    },
    narrowInstall: async (orgUnits) => {
      const { grants } = await control(world).send<{ grants: Array<{ clientId: string; domain: string; scopes: string[] }> }>(
        'GET',
        '/grants',
      );
      const install = grants.find((grant) => grant.domain === 'acme.test');
      if (!install) throw new Error('the demo seed has no install in acme.test');
      await control(world).send('DELETE', `/grants?clientId=${install.clientId}&domain=acme.test`);
      await control(world).send('POST', '/grants', {
        clientId: install.clientId,
        domain: 'acme.test',
        scopes: install.scopes,
        reach: { orgUnits },
      });
    },
    close: async () => {
      await Promise.all([db.close(), sandbox.emulator.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}
