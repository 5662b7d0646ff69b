/**
 * The scale scenario's load balancer: a tiny round-robin proxy on loopback in front of the replicas.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Proxy {
  servers: Server[];
  /** Plain HTTP, for the harness's own calls. */
  port: number;
  /** HTTPS with a self-signed certificate, for Google's push notifications. */
  httpsPort: number;
  /** The live replicas' ports; the harness adds and removes them. */
  targets: number[];
}

/**
 * A tiny round-robin proxy on loopback: each request goes to the next live replica; a dead one is
 * skipped. Plain HTTP for the harness's own calls, and HTTPS (a self-signed certificate made with
 * openssl, which the emulator's process is told to accept) for Google's push notifications: with
 * credentials the backend takes only an https:// GOOGLE_WEBHOOK_URL.
 */
export async function startProxy(dir: string, retries: number): Promise<Proxy> {
  const targets: number[] = [];
  let next = 0;
  const keyFile = path.join(dir, 'proxy-key.pem');
  const certFile = path.join(dir, 'proxy-cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
  ]);
  // RFC 9209: an answer the proxy makes itself says so (the contract hook leaves such answers alone).
  const proxyStatus = (error: string) => ({ 'proxy-status': `replicas-proxy; error=${error}` });
  const handler: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number): void => {
        if (targets.length === 0) {
          res.writeHead(503, proxyStatus('destination_unavailable')).end();
          return;
        }
        const port = targets[next++ % targets.length]!;
        const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        // Only a request no replica received is sent to the next one (as a load balancer does): one cut
        // off inside a replica that died may have done its work, and its client is told 502.
        upstream.on('error', (error: NodeJS.ErrnoException) =>
          tries > 0 && error.code === 'ECONNREFUSED'
            ? attempt(tries - 1)
            : res.headersSent
              ? res.destroy()
              : res.writeHead(502, proxyStatus('connection_terminated')).end(),
        );
        upstream.end(body);
      };
      attempt(retries);
    });
  };
  const listen = (server: Server) =>
    new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const plain = createServer(handler);
  const secure = createHttpsServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, handler);
  return { servers: [plain, secure], port: await listen(plain), httpsPort: await listen(secure), targets };
}
