import type { Request, RequestHandler } from 'express';
import { AppError } from '../domain/errors.js';

/**
 * Where a request comes from, as the browser says: `same-origin` when `Origin` is this request's
 * own origin (host and port, and the scheme: https for a request seen as https, through a proxy on
 * loopback; a page on http never passes for an https request), or there is no
 * `Origin` and `Sec-Fetch-Site: same-origin`; `cross-site` when either names anything else (another
 * site, a sibling subdomain, `null`); `unknown` when neither says (no browser does that for a form
 * post or a script's write).
 */
export function siteOf(req: Request): 'same-origin' | 'cross-site' | 'unknown' {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site';
  const origin = req.headers.origin;
  if (origin === undefined) return site === 'same-origin' ? 'same-origin' : 'unknown';
  try {
    const from = new URL(origin);
    const own = new URL(`${req.protocol}://${req.host}`);
    // An https page for a request seen as http is a TLS proxy this app does not trust to say so; never the reverse.
    const scheme = from.protocol === own.protocol || from.protocol === 'https:';
    return from.host === own.host && scheme && origin === from.origin ? 'same-origin' : 'cross-site';
  } catch {
    return 'cross-site';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state-changing request (any method but GET, HEAD, OPTIONS) passes only when it is
 * same-origin; anything else is 403 `cross_site_request`. For requests a cookie alone authenticates
 * (the console), where a request that says nothing of its site cannot be told from a forgery.
 */
export function refuseCrossSiteWrite(req: Request): void {
  if (!SAFE_METHODS.has(req.method) && siteOf(req) !== 'same-origin') {
    throw new AppError(
      'cross_site_request',
      'This request did not come from a page of this site, so nothing was done. Reload the page and try again.',
    );
  }
}

/** `refuseCrossSiteWrite` as middleware, before the route reads anything. */
export const sameOriginOnly: RequestHandler = (req, _res, next) => {
  refuseCrossSiteWrite(req);
  next();
};
