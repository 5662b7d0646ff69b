import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A listening HTTP server that can be shut down gracefully. */
export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish (then closes their connections
   * instead of keeping them alive), and cuts whatever is still open after `timeoutMs`.
   */
  close(timeoutMs: number): Promise<void>;
}

export async function listen(app: Express, options: { host: string; port: number }): Promise<RunningServer> {
  const server = createServer(app);
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  // Google delivers push notifications in bursts of hundreds of connections at once: a short accept
  // queue would drop connections it then retries, so ask for the kernel's maximum (somaxconn caps it).
  server.listen(options.port, options.host, 4096);
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: (timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        // A kept-alive connection would otherwise hold the close open until the client drops it.
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        server.closeIdleConnections();
      }),
  };
}
