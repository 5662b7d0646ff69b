import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { E2eOperations, E2eReady } from './e2e-backend.js';

/** The backend process of the end-to-end test, and a way to ask it things. */
export interface E2eWorld extends E2eReady {
  ask<K extends keyof E2eOperations>(operation: K, ...args: Parameters<E2eOperations[K]>): Promise<Awaited<ReturnType<E2eOperations[K]>>>;
  close(): Promise<void>;
}

/** Forks e2e-backend.ts and waits until its backend listens (rejects with its output if it dies first). */
export async function startE2eWorld(): Promise<E2eWorld> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the child
  const child: ChildProcess = fork(path.resolve('test/addon/support/e2e-backend.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = once(child, 'exit');

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<E2eReady>((resolve, reject) => {
    child.on('message', (message: { ready?: E2eReady; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) return resolve(message.ready);
      const waiting = pending.get(message.id ?? 0);
      pending.delete(message.id ?? 0);
      if (message.error !== undefined) waiting?.reject(new Error(`backend process: ${message.error}`));
      else waiting?.resolve(message.result);
    });
    void exited.then(([code]) => reject(new Error(`the e2e backend exited with ${String(code)}:\n${stderr}`)));
  });

  return {
    ...(await ready),
    ask: (operation, ...args) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, operation, args });
      }),
    close: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
