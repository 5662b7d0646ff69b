/**
 * The floor under the sync benchmark's webhook figures: the emulator's own sender (`PushDelivery`, in
 * a process of its own, as the emulator is) firing one notification for each of `count` channels at
 * once at a bare Node HTTP server in this process that answers 202 at once, storing nothing. Whatever
 * the webhook adds to these times is its own; below them no Node receiver on this machine can go.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PushDelivery, type PushTarget } from '../../../backend/emulator/push/delivery.js';

export interface PushFloor {
  /** Request parsed → answer's last byte, at the bare server. */
  serverMs: number[];
  /** The sender's POST → answer read, as the emulator measures each delivery. */
  senderMs: number[];
}

/** Runs the floor: a bare receiver here, the sender in a child process. */
export async function measurePushFloor(count: number): Promise<PushFloor> {
  const serverMs: number[] = [];
  const server = http.createServer((req, res) => {
    const at = performance.now();
    res.once('finish', () => serverMs.push(performance.now() - at));
    res.statusCode = 202;
    res.end();
  });
  // The backlog the backend's own server asks for (backend/http/server.ts).
  server.listen(0, '127.0.0.1', 4_096);
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/google-calendar`;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, url, String(count)], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  server.close();
  if (code !== 0) throw new Error(`the floor's sender exited with ${String(code)}`);
  return { serverMs, senderMs: JSON.parse(out) as number[] };
}

/** The sender's side: `node --import tsx push-floor.ts <url> <count>` prints each delivery's time as JSON. */
async function send(address: string, count: number): Promise<void> {
  // The channels' clock: nothing expires during the floor, whatever the date.
  const delivery = new PushDelivery(
    () => ({ maxAttempts: 1, retryBaseMs: 0 }),
    () => 0,
  );
  const targets: PushTarget[] = Array.from({ length: count }, (_, i) => ({
    id: `floor-${i}`,
    address,
    token: `token-${i}`,
    resourceId: `resource-${i}`,
    resourceUri: `https://www.googleapis.com/calendar/v3/calendars/floor${i}%40example.test/events`,
    expirationMs: 3_600_000,
    stopped: false,
    stats: { delivered: 0, failedAttempts: 0 },
  }));
  for (const target of targets) delivery.send(target, 'exists', 1);
  while (targets.some((target) => target.stats.lastStatus === undefined)) await new Promise((resolve) => setTimeout(resolve, 10));
  delivery.close();
  process.stdout.write(JSON.stringify(targets.map((target) => target.stats.lastAttemptMs ?? Number.POSITIVE_INFINITY)));
}

if (process.argv[1] === new URL(import.meta.url).pathname) await send(process.argv[2]!, Number(process.argv[3]));
