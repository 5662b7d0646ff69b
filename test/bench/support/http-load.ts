/**
 * Keep-alive HTTP/1.1 load generator, run as a child process so it does not share the emulator's CPU
 * core. It speaks HTTP over raw sockets (Node's http client would cost more CPU than the server under test).
 * Input: one JSON argument {url, targets:[{path, token}], warmupMs, durationMs, and either concurrency
 * (closed loop: max throughput) or ratePerSecond (open loop: latency at a fixed offered load, measured
 * from each request's scheduled time)}. Output: one JSON line {requests, errors, perSecond, p50Ms, p90Ms, p99Ms, maxMs}.
 */
import { connect, type Socket } from 'node:net';

interface LoadPlan {
  url: string;
  targets: Array<{ path: string; token: string }>;
  warmupMs: number;
  durationMs: number;
  concurrency?: number;
  ratePerSecond?: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
const target = new URL(plan.url);
const requests = plan.targets.map(({ path, token }) =>
  Buffer.from(
    `GET ${path} HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Bearer ${token}\r\nAccept: application/json\r\nConnection: keep-alive\r\n\r\n`,
  ),
);
const latencies: number[] = [];
let errors = 0;
let next = 0;
let measuring = false;
const now = (): number => performance.now();

/** A keep-alive connection that runs one request at a time and reports when its answer is complete. */
class Connection {
  busy = false;
  private buffer: Buffer = Buffer.alloc(0);
  private startedAt = 0;
  private readonly socket: Socket;
  private onIdle: (() => void) | null = null;

  constructor(ready: () => void) {
    this.socket = connect(Number(target.port), target.hostname, ready);
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => errors++);
  }

  send(scheduledAt: number, onIdle: () => void): void {
    this.busy = true;
    this.startedAt = scheduledAt;
    this.onIdle = onIdle;
    this.socket.write(requests[next++ % requests.length]!);
  }

  close(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.buffer.subarray(0, headerEnd).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < headerEnd + 4 + length) return;
    this.buffer = this.buffer.subarray(headerEnd + 4 + length);
    if (!head.startsWith('HTTP/1.1 200')) errors++;
    if (measuring) latencies.push(now() - this.startedAt);
    this.busy = false;
    this.onIdle?.();
  }
}

const open = (): Promise<Connection> =>
  new Promise((resolve) => {
    const connection: Connection = new Connection(() => resolve(connection));
  });

/** Closed loop: each connection sends its next request as soon as the answer arrives. */
async function closedLoop(connections: Connection[], ms: number): Promise<void> {
  const stopAt = now() + ms;
  await Promise.all(
    connections.map(
      (connection) =>
        new Promise<void>((resolve) => {
          const loop = (): void => (now() < stopAt ? connection.send(now(), loop) : resolve());
          loop();
        }),
    ),
  );
}

/** Open loop: requests are due at a fixed rate; a free connection takes each (new ones open if all are busy). */
async function openLoop(connections: Connection[], rate: number, ms: number): Promise<void> {
  const started = now();
  let sent = 0;
  const backlog: number[] = [];
  const dispatch = async (): Promise<void> => {
    const due = Math.min(Math.floor(((now() - started) * rate) / 1000), Math.floor((ms * rate) / 1000));
    while (sent < due) backlog.push(started + (sent++ * 1000) / rate);
    while (backlog.length > 0) {
      let free = connections.find((c) => !c.busy);
      if (!free) {
        if (connections.length >= 256) return;
        free = await open();
        connections.push(free);
      }
      free.send(backlog.shift()!, () => void dispatch());
    }
  };
  while (now() - started < ms) {
    await dispatch();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  while (connections.some((c) => c.busy)) await new Promise((resolve) => setTimeout(resolve, 1));
}

const connections = await Promise.all(Array.from({ length: plan.concurrency ?? 8 }, open));
const phase = (ms: number): Promise<void> =>
  plan.ratePerSecond ? openLoop(connections, plan.ratePerSecond, ms) : closedLoop(connections, ms);
await phase(plan.warmupMs);
errors = 0;
measuring = true;
const started = now();
await phase(plan.durationMs);
const seconds = (now() - started) / 1000;
for (const connection of connections) connection.close();
latencies.sort((a, b) => a - b);
const at = (q: number): number => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
console.log(
  JSON.stringify({
    requests: latencies.length,
    errors,
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: at(1),
  }),
);
