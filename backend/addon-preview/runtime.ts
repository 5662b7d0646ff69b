/**
 * The add-on's Apps Script runtime for the preview: the real bundle, built once at start with the
 * local backend as ADDON_BACKEND_URL, runs in a worker thread (worker.ts) with Apps Script's
 * services. One call is one execution; a thrown error or a timeout is a failed execution, which
 * the sidebar shows like Google's "could not load" message.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { buildBundle, type Built, type Manifest } from './bundle.js';
import type { Invocation, InvocationReply, WorkerSetup } from './worker.js';

export interface RuntimeOptions {
  /** The backend the bundle's UrlFetchApp calls (loopback http is allowed in a build for tests and the sandbox). */
  readonly backendUrl: string;
  /** The Google emulator: it mints the user's ID tokens and knows their Calendar time zone. */
  readonly emulatorUrl: string;
  /** The `aud` of the ID tokens: the backend's accepted add-on client id. */
  readonly audience: string;
  readonly logger: Logger;
  /** Where Help and the error cards link (an https URL; the build refuses others). */
  readonly helpUrl?: string;
  /** Build into this folder (default: a temporary one, removed on close). */
  readonly buildDir?: string;
  /** Apps Script stops an add-on callback after 30 s; tests make it shorter. */
  readonly timeoutMs?: number;
}

export type Execution = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: string };

const APPS_SCRIPT_TIMEOUT_MS = 30_000;
const DEFAULT_HELP_URL = 'https://together.example.com/help/calendar-add-on';

/** The worker: a .ts file when the backend runs from source (tsx, Jest), the compiled .js in dist/. */
function startWorker(setup: WorkerSetup): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Worker(new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url), {
    workerData: setup,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  });
}

export class AddonRuntime {
  private worker: Worker;
  /** Set when the worker thread died (an uncaught error in it): the next execution starts a new one. */
  private crashed = false;
  private nextId = 1;
  /** Executions run one after another, as the worker's one thread does. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: RuntimeOptions,
    private readonly built: Built,
    private readonly setup: WorkerSetup,
  ) {
    this.worker = this.spawn();
  }

  /** A worker whose crash is logged and noted, never an unhandled 'error' that would end the backend. */
  private spawn(): Worker {
    const worker = startWorker(this.setup);
    worker.on('error', (error) => {
      this.options.logger.error({ err: error }, 'add-on preview: the Apps Script thread died');
      this.crashed = true;
    });
    return worker;
  }

  static async start(options: RuntimeOptions): Promise<AddonRuntime> {
    const built = await buildBundle({ backendUrl: options.backendUrl, helpUrl: options.helpUrl ?? DEFAULT_HELP_URL }, options.buildDir);
    const timeoutMs = options.timeoutMs ?? APPS_SCRIPT_TIMEOUT_MS;
    options.logger.info({ dir: built.dir, backendUrl: options.backendUrl }, 'add-on preview: bundle built');
    return new AddonRuntime(options, built, {
      code: built.code,
      urlFetchWhitelist: built.manifest.urlFetchWhitelist,
      fetchTimeoutMs: timeoutMs,
    });
  }

  get manifest(): Manifest {
    return this.built.manifest;
  }

  /** The user's Calendar time zone, as the emulator's directory has it. */
  async timeZoneOf(email: string): Promise<string> {
    const user = (await this.emulator('GET', `/users/${encodeURIComponent(email)}`)) as { timeZone?: string };
    return user.timeZone ?? 'UTC';
  }

  /** Runs a global of the bundle (a trigger or an action) as `email`, with Google's event object. */
  execute(email: string, functionName: string, event: unknown): Promise<Execution> {
    const run = this.queue.then(() => this.executeNow(email, functionName, event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async executeNow(email: string, functionName: string, event: unknown): Promise<Execution> {
    let idToken: string;
    try {
      ({ idToken } = (await this.emulator('POST', '/idTokens', { email, audience: this.options.audience })) as { idToken: string });
    } catch (error) {
      return { ok: false, error: `No ID token for ${email}: ${String(error)}` };
    }
    if (this.crashed) {
      this.crashed = false;
      this.worker = this.spawn();
    }
    const invocation: Invocation = { id: this.nextId++, functionName, event, idToken };
    const timeoutMs = this.setup.fetchTimeoutMs;
    return new Promise<Execution>((resolve) => {
      const onMessage = (reply: InvocationReply) => {
        if (reply.id !== invocation.id) return;
        clearTimeout(timer);
        this.worker.off('message', onMessage);
        for (const line of reply.logs) this.options.logger.info({ functionName }, `add-on: ${line}`);
        resolve('error' in reply ? { ok: false, error: reply.error } : { ok: true, result: reply.result });
      };
      const timer = setTimeout(() => {
        this.worker.off('message', onMessage);
        // A stuck execution is ended with its thread, as Apps Script ends it; the next one gets a new thread.
        void this.worker.terminate();
        this.worker = this.spawn();
        resolve({ ok: false, error: `Exceeded maximum execution time (${timeoutMs} ms): ${functionName}` });
      }, timeoutMs + 1_000);
      this.worker.on('message', onMessage);
      this.worker.postMessage(invocation);
    });
  }

  private async emulator(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.options.emulatorUrl}/emulator/v1${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status}`);
    return response.json();
  }

  async close(): Promise<void> {
    await this.worker.terminate();
    await this.built.remove();
  }
}
