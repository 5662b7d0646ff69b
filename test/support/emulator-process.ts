import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Seed, ServiceAccountKeyJson } from '../../backend/emulator/index.js';

/** The standalone emulator (`backend/emulator/cli.ts`, as `npm run emulator` runs it) in its own process. */
export interface EmulatorProcess {
  url: string;
  /** Key files of the seeded service accounts, as the emulator wrote them. */
  serviceAccounts: ServiceAccountKeyJson[];
  /** SIGTERM, and resolves once it has exited (SIGKILL after 5 s). */
  close(): Promise<void>;
}

/** Starts the emulator on a free loopback port with `seed`; resolves once it listens. */
export async function startEmulatorProcess(seed: Seed): Promise<EmulatorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'together-emulator-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const baseEnv = { ...process.env };
  delete baseEnv.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the child
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'backend/emulator/cli.ts', '--port', '0', '--seed', seedFile, '--key-dir', dir],
    {
      env: baseEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = once(child, 'exit');
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const ready = (): void => {
        // The key files are printed after the URL: wait for as many as the seed has service accounts.
        const listening = /listening on (http:\/\/\S+)/.exec(out);
        const keys = out.match(/key file: \S+\n/g)?.length ?? 0;
        if (listening && keys >= (seed.serviceAccounts?.length ?? 0)) resolve(listening[1]!);
      };
      child.stdout.on('data', ready);
      void exited.then(([code]) => reject(new Error(`the emulator exited with ${String(code)}\n${out}`)));
    });
    const serviceAccounts = [...out.matchAll(/key file: (\S+)\n/g)].map(
      ([, file]) => JSON.parse(readFileSync(file!, 'utf8')) as ServiceAccountKeyJson,
    );
    return { url, serviceAccounts, close };
  } catch (error) {
    await close();
    throw error;
  }
}
