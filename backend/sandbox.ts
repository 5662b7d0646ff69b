// Sandbox mode: with no Google credentials, an in-process emulator with a demo company stands in for
// Google, and a demo Together organization mirrors it. Only main.ts uses this; nothing else in the
// backend knows the emulator exists (it is reached through GoogleEndpoints like Google itself).
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { provisionSandboxOrganization } from './domain/admin/provision-sandbox-organization.js';
import type { DomainDeps } from './domain/deps.js';
import { startEmulator, type RunningEmulator } from './emulator/index.js';
import { DEMO_DOMAIN } from './emulator/seeds/demo.js';
import { ServiceAccountKey } from './google/service-account-key.js';
import type { Logger } from './logger.js';

export interface Sandbox {
  emulator: RunningEmulator;
  key: ServiceAccountKey;
  /** Where the sandbox's "install" happens: the emulator's grants control. */
  marketplaceListingUrl: string;
  organizationId: string;
  adminTokenFile: string;
}

export async function startSandbox(options: { emulatorPort: number; dataDir: string; deps: DomainDeps; logger: Logger }): Promise<Sandbox> {
  const emulator = await startEmulator({ port: options.emulatorPort, host: '127.0.0.1', seed: 'demo' });
  try {
    const keyJson = emulator.serviceAccounts[0];
    if (!keyJson) throw new Error('the demo seed has no service account');
    const key = ServiceAccountKey.parse(JSON.stringify(keyJson));
    const directory = [...emulator.state.accounts.users.values()]
      .filter((user) => user.email.endsWith(`@${DEMO_DOMAIN}`))
      .map((user) => ({ email: user.email, displayName: `${user.givenName} ${user.familyName}`.trim(), timeZone: user.timeZone }));
    const { organizationId, token } = await provisionSandboxOrganization(options.deps, { domain: DEMO_DOMAIN, directory });
    const adminTokenFile = path.resolve(options.dataDir, 'sandbox-admin-token');
    await mkdir(path.dirname(adminTokenFile), { recursive: true });
    await writeFile(adminTokenFile, `${token}\n`, { mode: 0o600 });
    await chmod(adminTokenFile, 0o600);
    const sandbox = { emulator, key, marketplaceListingUrl: `${emulator.url}/emulator/v1/grants`, organizationId, adminTokenFile };
    logBanner(options.logger, sandbox);
    return sandbox;
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

function logBanner(logger: Logger, sandbox: Sandbox): void {
  const line = '='.repeat(78);
  logger.warn(
    { sandbox: true, emulator: sandbox.emulator.url, organizationId: sandbox.organizationId, adminTokenFile: sandbox.adminTokenFile },
    [
      line,
      'SANDBOX MODE: no Google credentials are configured, so this backend talks to a local',
      `Google emulator at ${sandbox.emulator.url} with a demo company (${DEMO_DOMAIN}).`,
      'Nothing here reaches Google. Production needs GOOGLE_SERVICE_ACCOUNT_KEY_FILE (see README).',
      `Demo organization ${sandbox.organizationId}; admin API token in ${sandbox.adminTokenFile}`,
      line,
    ].join('\n'),
  );
}
