/** Starts the Google emulator in-process: for tests, benchmarks, the CLI and the backend's sandbox mode. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { GoogleApiError } from './errors.js';
import type { ServiceAccountKeyJson } from './directory/accounts.js';
import { demoSeed } from './seeds/demo.js';
import type { Seed } from './seed.js';
import { createEmulatorApp } from './server.js';
import { EmulatorState, type EmulatorSettings } from './state.js';

export type { Seed } from './seed.js';
export type { ServiceAccountKeyJson } from './directory/accounts.js';
export { EmulatorState, type EmulatorSettings } from './state.js';
export { demoSeed, DEMO_DOMAIN, DEMO_OAUTH_CLIENT } from './seeds/demo.js';
export type { OAuthClient, NewOAuthClient } from './auth/oauth-clients.js';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to loopback. */
  host?: string;
  /** A seed document, or `'demo'` for the demo company relative to the emulator clock. */
  seed?: Seed | 'demo';
  settings?: Partial<EmulatorSettings>;
}

export interface RunningEmulator {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:8085`. */
  url: string;
  port: number;
  /** The emulator's state: direct access to every control the HTTP control API offers. */
  state: EmulatorState;
  /** Key files of the seeded service accounts (Google's JSON format). */
  serviceAccounts: ServiceAccountKeyJson[];
  close(): Promise<void>;
}

/** Requests Node cannot parse (bad request line, oversized headers) still get Google's JSON error. */
function answerUnparsableRequest(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const body = JSON.stringify(new GoogleApiError(status, reason, [{ domain: 'global', reason: 'badRequest', message: reason }]).toBody());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = new EmulatorState(options.settings);
  const seed = options.seed === 'demo' ? demoSeed(state.clock.now()) : options.seed;
  const { serviceAccounts } = state.applySeed(seed ?? {});
  const server = createServer({ keepAliveTimeout: 65_000 }, createEmulatorApp(state));
  server.on('clientError', answerUnparsableRequest);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    state,
    serviceAccounts,
    close: async () => {
      state.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
