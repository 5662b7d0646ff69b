/** A real local HTTP receiver for push notifications, answering with a configurable status. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Notification {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface PushReceiver {
  url: string;
  received: Notification[];
  /** Status for the next answers; a function can vary it per call. */
  respondWith(status: number | ((n: number) => number)): void;
  waitFor(count: number, timeoutMs?: number): Promise<Notification[]>;
  close(): Promise<void>;
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const received: Notification[] = [];
  let respond: (n: number) => number = () => 200;
  let calls = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const status = respond(++calls);
      received.push({ headers: req.headers, body, status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/push`,
    received,
    respondWith: (status) => {
      respond = typeof status === 'number' ? () => status : status;
    },
    waitFor: async (count, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} notifications, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received.slice(0, count);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
