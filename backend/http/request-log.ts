import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { Logger } from '../logger.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Query parameters whose value is a credential, wherever a client put it: well-known names (OAuth's
 * `code` and `state` among them: Google's redirect to /admin/oauth/callback carries both), and any
 * name containing token, secret or password. Matched case-insensitively on the decoded name.
 */
const SECRET_PARAMETER = /^(?:key|code|state|sig|signature|auth|authorization|api[_-]?key|client[_-]?secret)$|token|secret|passw/i;

/** The URL with the value of every credential-like query parameter replaced by `[redacted]`. */
export function redactQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const pairs = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const end = pair.indexOf('=');
      const rawName = end === -1 ? pair : pair.slice(0, end);
      return SECRET_PARAMETER.test(decodeName(rawName)) ? `${rawName}=[redacted]` : pair;
    });
  return `${url.slice(0, start)}?${pairs.join('&')}`;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

/** pino-http's options: request ids, one line per request without credentials, quiet health checks, metrics scrapes and webhooks. */
export function requestLogOptions(logger: Logger): Options<IncomingMessage, ServerResponse> {
  return {
    logger,
    // Keep a caller's id (a load balancer's) when it is sane, so one request is traceable end to end.
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactQuery(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    // Push notifications come in bursts of thousands; their outcome is in the sync status instead. Scrapes come every few seconds.
    autoLogging: {
      ignore: (req) => req.url === '/healthz' || /^\/metrics(?:\?|$)/.test(req.url ?? '') || (req.url?.startsWith('/webhooks/') ?? false),
    },
  };
}
