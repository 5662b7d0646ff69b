import type { Request, RequestHandler } from 'express';
import { AppError } from '../domain/errors.js';
import { siteOf } from '../web/site-of.js';

export { siteOf };

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
