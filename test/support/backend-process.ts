import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** The backend started as its own process (`node --import tsx backend/main.ts`), as `npm start` runs it. */
export interface BackendProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the port once the backend logs that it listens; rejects if it exits first. */
  readonly listening: Promise<number>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** The Node flags `npm start` runs the backend with (package.json's `config.backendNodeFlags`). */
export function backendNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { config: { backendNodeFlags: string } };
  return manifest.config.backendNodeFlags.split(/\s+/).filter(Boolean);
}

/** Starts the backend; `nodeFlags` go before the script (e.g. `backendNodeFlags()` to run it as `npm start` does). */
export function startBackendProcess(env: Record<string, string>, options: { nodeFlags?: string[] } = {}): BackendProcess {
  const baseEnv = { ...process.env };
  delete baseEnv.DATABASE_URL;
  delete baseEnv.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the child
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', 'backend/main.ts'], {
    env: { ...baseEnv, HOST: '127.0.0.1', PORT: '0', SANDBOX_EMULATOR_PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /"port":(\d+),"msg":"listening/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`backend exited with ${code}\n${out}\n${err}`)));
  });
  listening.catch(() => undefined);
  return { child, stdout: () => out, stderr: () => err, listening, exited };
}

/** A TCP port free on 127.0.0.1 now, for a process that must keep its port across restarts (PORT=0 would not). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with the exit code (null when killed). */
export async function stopBackendProcess(backend: BackendProcess, graceMs = 15_000): Promise<number | null> {
  if (backend.child.exitCode !== null || backend.child.signalCode !== null) return backend.exited;
  backend.child.kill('SIGTERM');
  const timer = setTimeout(() => backend.child.kill('SIGKILL'), graceMs);
  try {
    return await backend.exited;
  } finally {
    clearTimeout(timer);
  }
}
