/**
 * The Apps Script runtime's thread (started by runtime.ts): the backend runs in the main thread of
 * the same process, so a blocking UrlFetchApp there would wait for itself. Each invocation is a
 * fresh script scope, as each Apps Script execution is: the bundle is loaded again, the function
 * called with Google's event object, its result sent back as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inspect } from 'node:util';
import { callGlobal, loadBundle, urlFetchAppOver } from './bundle.js';
import { SyncHttp } from './sync-http.js';

/** What runtime.ts hands the thread once. */
export interface WorkerSetup {
  readonly code: string;
  readonly urlFetchWhitelist: readonly string[];
  readonly fetchTimeoutMs: number;
}

/** One execution: a trigger or an action, as the given user. */
export interface Invocation {
  readonly id: number;
  readonly functionName: string;
  readonly event: unknown;
  /** What ScriptApp.getIdentityToken() returns in this execution. */
  readonly idToken: string;
}

export type InvocationReply =
  | { readonly id: number; readonly result: unknown; readonly logs: readonly string[] }
  | { readonly id: number; readonly error: string; readonly logs: readonly string[] };

const setup = workerData as WorkerSetup;
const http = new SyncHttp(setup.fetchTimeoutMs);

parentPort?.on('message', (invocation: Invocation) => {
  const logs: string[] = [];
  const log = (...args: unknown[]) => logs.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '));
  try {
    const context = loadBundle(setup.code, {
      UrlFetchApp: urlFetchAppOver((request) => http.send(request), setup.urlFetchWhitelist),
      ScriptApp: { getIdentityToken: () => invocation.idToken },
      console: { log, info: log, warn: log, error: log },
    });
    const result: unknown = callGlobal(context, invocation.functionName, invocation.event);
    // A builder returned without build() serializes as its record too (toJSON).
    parentPort?.postMessage({ id: invocation.id, result: JSON.parse(JSON.stringify(result ?? null)) as unknown, logs });
  } catch (error) {
    parentPort?.postMessage({ id: invocation.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error), logs });
  }
});
