/**
 * The sandbox backend as `npm start` runs it without credentials, in its own process, on ports fixed
 * beforehand so that a restart keeps the origin an open page talks to.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backendNodeFlags, freePort, startBackendProcess, stopBackendProcess, type BackendProcess } from '../../support/backend-process.js';
import { emulatorControl } from '../../support/emulator-control.js';

/** The demo company's Marketplace install (backend/emulator/seeds/demo.ts): client id and domain. */
const DEMO_INSTALL = { clientId: '100000000000000000001', domain: 'acme.test' };

export interface ApiAnswer<T> {
  status: number;
  /** The parsed JSON body; `null` when the answer has none. */
  body: T;
}

/** `fetch`'s options, with headers as a plain record (added to the token and the JSON content type). */
export type ApiInit = Omit<RequestInit, 'headers'> & { headers?: Record<string, string> };

export interface ConsoleWorld {
  /** `http://localhost:<port>`: the origin the emulator's OAuth client knows, so sign-in comes back here. */
  readonly baseUrl: string;
  /** The sandbox Calendar with the add-on sidebar (loopback only), `http://localhost:<port>`. */
  readonly calendarUrl: string;
  /** The sandbox's in-process emulator, `http://127.0.0.1:<port>`. */
  readonly emulatorUrl: string;
  /** The demo organization, as the backend logs it. */
  readonly organizationId: string;
  /** The demo organization's admin token (`DATA_DIR/sandbox-admin-token`), kept across restarts while it stays valid. */
  readonly adminToken: string;
  readonly dataDir: string;
  /** `fetch` of `/admin/v1/organizations/<org>` + `route` with the admin token, JSON in and out. */
  api<T = unknown>(route: string, init?: ApiInit): Promise<ApiAnswer<T>>;
  /**
   * Replaces the demo install with one reaching these org units (`['/Engineering']` narrows it; the seed's
   * four plus `'/Contractors'` widen it), with the scopes it has. A restart brings back the seed's install.
   */
  setGrant(install: { orgUnits: string[] }): Promise<void>;
  /** SIGTERM, wait for the exit, start again on the same data directory and ports (the emulator's state starts afresh). */
  restartBackend(): Promise<void>;
  /** Everything the backend wrote to stdout, over every start. */
  stdout(): string;
  /** Stops the backend and removes the data directory. */
  stop(): Promise<void>;
}

export async function startConsoleWorld(): Promise<ConsoleWorld> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'together-console-'));
  const port = await freePort();
  let emulatorPort = await freePort();
  while (emulatorPort === port) emulatorPort = await freePort();
  let calendarPort = await freePort();
  while (calendarPort === port || calendarPort === emulatorPort) calendarPort = await freePort();
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    SANDBOX_EMULATOR_PORT: String(emulatorPort),
    SANDBOX_CALENDAR_PORT: String(calendarPort),
  };
  const baseUrl = `http://localhost:${port}`;
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const emulator = emulatorControl(emulatorUrl);
  let earlierOutput = '';
  let backend: BackendProcess | undefined;
  let adminToken = '';
  // A Jest worker that dies mid-file must not leave the backend (and its emulator) listening.
  const killOnExit = () => backend?.child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const start = async (): Promise<string> => {
    backend = startBackendProcess(env, { nodeFlags: backendNodeFlags() });
    try {
      await backend.listening;
    } catch (error) {
      await stopBackendProcess(backend);
      throw error;
    }
    adminToken = readFileSync(path.join(dataDir, 'sandbox-admin-token'), 'utf8').trim();
    const logged = /"organizationId":"([0-9a-f-]{36})"/.exec(backend.stdout())?.[1];
    if (!logged) throw new Error(`the sandbox backend did not log its demo organization:\n${backend.stdout()}`);
    return logged;
  };
  const stop = async () => {
    if (!backend) return;
    const code = await stopBackendProcess(backend);
    earlierOutput += backend.stdout();
    if (code !== 0) earlierOutput += `\n[backend exited with ${code}]\n${backend.stderr()}`;
    backend = undefined;
  };

  let organizationId: string;
  try {
    organizationId = await start();
  } catch (error) {
    await stop();
    process.removeListener('exit', killOnExit);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    baseUrl,
    calendarUrl: `http://localhost:${calendarPort}`,
    emulatorUrl,
    organizationId,
    get adminToken() {
      return adminToken;
    },
    dataDir,
    api: async <T>(route: string, init: ApiInit = {}): Promise<ApiAnswer<T>> => {
      const response = await fetch(`${baseUrl}/admin/v1/organizations/${organizationId}${route}`, {
        ...init,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...init.headers },
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    setGrant: async ({ orgUnits }) => {
      const { grants } = await emulator.send<{ grants: Array<{ clientId?: string; domain: string; scopes: string[] }> }>('GET', '/grants');
      const current = grants.find((grant) => grant.clientId === DEMO_INSTALL.clientId && grant.domain === DEMO_INSTALL.domain);
      if (!current) throw new Error(`the emulator has no install of ${DEMO_INSTALL.clientId} in ${DEMO_INSTALL.domain} to change`);
      const query = new URLSearchParams(DEMO_INSTALL).toString();
      await emulator.send('DELETE', `/grants?${query}`);
      await emulator.send('POST', '/grants', { ...DEMO_INSTALL, scopes: current.scopes, reach: { orgUnits }, source: 'marketplace' });
    },
    restartBackend: async () => {
      await stop();
      const again = await start();
      if (again !== organizationId) throw new Error(`the demo organization changed across a restart: ${organizationId} → ${again}`);
    },
    stdout: () => earlierOutput + (backend?.stdout() ?? ''),
    stop: async () => {
      await stop();
      process.removeListener('exit', killOnExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
