// Sandbox mode: with no Google credentials, an in-process emulator with a demo company stands in for
// Google, and a demo Together organization mirrors it. Only main.ts uses this; nothing else in the
// backend knows the emulator exists (it is reached through GoogleEndpoints like Google itself). Even
// here the emulator is started through its index and read through its control API, like any client.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { provisionSandboxOrganization } from './domain/admin/provision-sandbox-organization.js';
import { createConsoleSignInLink } from './domain/console/create-console-sign-in-link.js';
import type { DomainDeps } from './domain/deps.js';
import { DEMO_DOMAIN, DEMO_OAUTH_CLIENT, startEmulator, type RunningEmulator } from './emulator/index.js';
import type { OAuthWebClient } from './google/workspace-sign-in.js';
import { ServiceAccountKey } from './google/service-account-key.js';
import type { Logger } from './logger.js';
import { newTokenKeySpec, type TokenKey } from './domain/connections/token-keyring.js';
import { findCapturedMail, listCapturedMail } from './domain/outbox/captured-mail.js';

export interface Sandbox {
  emulator: RunningEmulator;
  key: ServiceAccountKey;
  /** Where the sandbox's install happens: the emulator's Marketplace listing of the service account's client id, for acme.test. */
  marketplaceListingUrl: string;
  organizationId: string;
  adminTokenFile: string;
  /** The emulator's OAuth web client that the sandbox backend's "Sign in with Google" uses. */
  oauthClient: OAuthWebClient;
  /** Registers redirect URIs with the emulator's client (a backend on another port than 8080, the connect callback). */
  allowRedirectUris(uris: string[]): Promise<void>;
  /** A fresh one-click console sign-in link as the demo organization's token (single-use, an hour, loopback only). */
  consoleSignInLink(baseUrl: string): Promise<string>;
}

export async function startSandbox(options: { emulatorPort: number; dataDir: string; deps: DomainDeps; logger: Logger }): Promise<Sandbox> {
  const emulator = await startEmulator({ port: options.emulatorPort, host: '127.0.0.1', seed: 'demo' });
  try {
    const keyJson = emulator.serviceAccounts[0];
    if (!keyJson) throw new Error('the demo seed has no service account');
    const key = ServiceAccountKey.parse(JSON.stringify(keyJson));
    const { users } = await control<{ users: DirectoryUser[] }>(emulator.url, '/users');
    const { domains } = await control<{ domains: { name: string; customerId: string }[] }>(emulator.url, '/domains');
    const demoUsers = users.filter((user) => user.email.endsWith(`@${DEMO_DOMAIN}`));
    const directory = demoUsers.map((user) => ({
      email: user.email,
      displayName: `${user.givenName} ${user.familyName}`.trim(),
      timeZone: user.timeZone,
    }));
    const admin = demoUsers.find((user) => user.isAdmin);
    const customerId = domains.find((domain) => domain.name === DEMO_DOMAIN)?.customerId;
    if (!admin || !customerId) throw new Error('the demo seed has no super administrator or customer for its domain');
    const adminTokenFile = path.resolve(options.dataDir, 'sandbox-admin-token');
    const previousToken = await readFile(adminTokenFile, 'utf8').then(
      (text) => text.trim(),
      () => undefined,
    );
    const { organizationId, token } = await provisionSandboxOrganization(options.deps, {
      domain: DEMO_DOMAIN,
      directory,
      superAdmin: { email: admin.email, customerId },
      previousToken,
    });
    await mkdir(path.dirname(adminTokenFile), { recursive: true });
    await writeFile(adminTokenFile, `${token}\n`, { mode: 0o600 });
    await chmod(adminTokenFile, 0o600);
    const sandbox: Sandbox = {
      emulator,
      key,
      marketplaceListingUrl: `${emulator.url}/marketplace/app/${encodeURIComponent(key.clientId)}?domain=${DEMO_DOMAIN}`,
      organizationId,
      adminTokenFile,
      oauthClient: { clientId: DEMO_OAUTH_CLIENT.clientId, clientSecret: DEMO_OAUTH_CLIENT.clientSecret },
      allowRedirectUris: (uris) => allowRedirectUris(emulator.url, uris),
      consoleSignInLink: async (baseUrl) => {
        const { code } = await createConsoleSignInLink(options.deps, { token });
        return `${baseUrl}/admin/sign-in/link?code=${code}`;
      },
    };
    logBanner(options.logger, sandbox);
    return sandbox;
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** A user as the emulator's control API lists them (`GET /emulator/v1/users`), as much as the sandbox reads. */
interface DirectoryUser {
  email: string;
  givenName: string;
  familyName: string;
  timeZone: string;
  isAdmin: boolean;
}

/** A read of the emulator's control API (`/emulator/v1…`). */
async function control<T>(emulatorUrl: string, path: string): Promise<T> {
  const response = await fetch(`${emulatorUrl}/emulator/v1${path}`);
  if (!response.ok) throw new Error(`the emulator's control API answered ${response.status} to GET ${path}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The emulator's control API (`POST /emulator/v1/oauthClients` with the same client id and secret
 * replaces the client): the default redirect URIs plus `uri`, when it is not one of them.
 */
async function allowRedirectUris(emulatorUrl: string, uris: string[]): Promise<void> {
  const extra = uris.filter((uri) => !DEMO_OAUTH_CLIENT.redirectUris.includes(uri));
  if (extra.length === 0) return;
  const response = await fetch(`${emulatorUrl}/emulator/v1/oauthClients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...DEMO_OAUTH_CLIENT, redirectUris: [...DEMO_OAUTH_CLIENT.redirectUris, ...extra] }),
  });
  if (!response.ok)
    throw new Error(`the emulator refused the redirect URIs ${extra.join(', ')}: ${response.status} ${await response.text()}`);
}

/**
 * The sandbox's own refresh-token key (when TOKEN_ENCRYPTION_KEYS is unset), kept in the data directory
 * (mode 0600) so connections survive a restart: `id:base64` as TOKEN_ENCRYPTION_KEYS spells it.
 */
export async function sandboxTokenKey(dataDir: string): Promise<TokenKey> {
  const file = path.resolve(dataDir, 'sandbox-token-key');
  let spec = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (!spec) {
    spec = newTokenKeySpec('sandbox');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${spec}\n`, { mode: 0o600 });
  }
  const separator = spec.indexOf(':');
  return { id: spec.slice(0, separator), secret: Buffer.from(spec.slice(separator + 1), 'base64') };
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

/**
 * The sandbox Calendar's Mail page reads the demo organization's captured mail (there is no SMTP server
 * in the sandbox); main.ts hands it to the Calendar as its Mailbox port.
 */
export function sandboxMailbox(deps: Pick<DomainDeps, 'prisma'>, organizationId: string | undefined) {
  if (!organizationId) throw new Error('the captured mailbox exists only in sandbox mode');
  return {
    mailTo: (recipient: string) => listCapturedMail(deps, { organizationId, recipient }),
    message: (recipient: string, id: string) => findCapturedMail(deps, { organizationId, recipient, id }),
  };
}
