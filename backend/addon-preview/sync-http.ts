import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** One exchange, the shape of addon/src/backend-api.ts's (whose file needs Apps Script's types). */
export interface HttpRequest {
  readonly method: 'get' | 'post' | 'delete';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: string;
}
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** The helper thread: real HTTP with fetch, the answer posted back, then the waiting thread woken. */
const FETCH_THREAD = `
const { workerData } = require('node:worker_threads');
workerData.port.on('message', async ({ request, signal }) => {
  let reply;
  try {
    const response = await fetch(request.url, { method: request.method.toUpperCase(), headers: request.headers, body: request.payload, redirect: 'manual' });
    reply = { status: response.status, body: await response.text() };
  } catch (error) {
    reply = { error: String((error && error.cause && error.cause.code) || error) };
  }
  workerData.port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/**
 * Synchronous HTTP, as Apps Script's UrlFetchApp is: the request goes to a helper thread and this
 * thread sleeps (Atomics.wait) until the answer is there. The server must live in another thread or
 * process — this one is blocked.
 */
export class SyncHttp {
  private readonly port: MessagePort;
  private readonly thread: Worker;

  constructor(private readonly timeoutMs = 30_000) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.thread = new Worker(FETCH_THREAD, { eval: true, workerData: { port: port2 }, transferList: [port2] });
  }

  send(request: HttpRequest): HttpResponse {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    this.port.postMessage({ request, signal });
    if (Atomics.wait(signal, 0, 0, this.timeoutMs) === 'timed-out') throw new Error(`Exception: Timeout: ${request.url}`);
    const reply = receiveMessageOnPort(this.port)?.message as (HttpResponse & { error?: undefined }) | { error: string } | undefined;
    if (!reply) throw new Error(`no reply for ${request.url}`);
    // UrlFetchApp throws like this when it cannot connect.
    if (reply.error !== undefined) throw new Error(`Exception: Address unavailable: ${request.url} (${reply.error})`);
    return reply;
  }

  async close(): Promise<void> {
    this.port.close();
    await this.thread.terminate();
  }
}
