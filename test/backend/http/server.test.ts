import { describe, expect, it } from '@jest/globals';
import express from 'express';
import { listen } from '../../../backend/http/server.js';

/** An app whose /slow answers after `ms`, to have requests in flight during shutdown. */
function slowApp(ms: number) {
  const app = express();
  app.get('/slow', (_req, res) => {
    const timer = setTimeout(() => res.json({ done: true }), ms);
    res.once('close', () => clearTimeout(timer)); // a cut request must not keep Jest alive
  });
  app.get('/fast', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

describe('graceful shutdown', () => {
  it('lets in-flight requests finish while refusing new connections', async () => {
    const server = await listen(slowApp(500), { host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/fast`)).status).toBe(200); // leaves an idle keep-alive connection behind
    const inFlight = fetch(`${base}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = server.close(5_000);
    await expect(fetch(`${base}/fast`)).rejects.toThrow();
    const response = await inFlight;
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({ done: true });
    const began = Date.now();
    await closed;
    expect(Date.now() - began).toBeLessThan(1_000); // no wait for the client to drop its keep-alive
  });

  it('cuts requests still running when the drain timeout passes', async () => {
    const server = await listen(slowApp(60_000), { host: '127.0.0.1', port: 0 });
    const hanging = fetch(`http://127.0.0.1:${server.port}/slow`).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const began = Date.now();
    await server.close(300);
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(await hanging).toMatchObject({ message: expect.any(String) }); // fetch failed: the connection was cut
  });
});
