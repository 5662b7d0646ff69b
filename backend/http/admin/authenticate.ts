import type { RequestHandler, Response } from 'express';
import { authenticateAdminToken, type AdminPrincipal } from '../../domain/admin/authenticate-admin-token.js';
import type { Actor, DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { consoleCookieOf, readConsoleSession } from '../console/cookie.js';
import { refuseCrossSiteWrite } from '../same-origin.js';

const BEARER = /^Bearer +(\S+) *$/i;
const CHALLENGE = 'Bearer realm="together-admin"';

/**
 * Requires `Authorization: Bearer <admin token>`, or, with no Authorization header, the console's
 * session cookie (the console's scripts call the API as the signed-in admin; a write must then be
 * same-origin, 403 `cross_site_request`). Anything else is a 401 `unauthenticated`.
 */
export function authenticate(deps: DomainDeps): RequestHandler {
  return async (req, res, next) => {
    if (req.headers.authorization === undefined && consoleCookieOf(req) !== undefined) {
      // No browser sends a Bearer token by itself, so only the cookie needs the CSRF check.
      refuseCrossSiteWrite(req);
      if (await readConsoleSession(deps, req, res)) return next();
    }
    const match = BEARER.exec(req.headers.authorization ?? '');
    try {
      if (!match?.[1]) throw new AppError('unauthenticated', 'Send an admin API token: "Authorization: Bearer tgc_…".');
      res.locals.admin = await authenticateAdminToken(deps, { token: match[1] });
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') {
        res.setHeader('WWW-Authenticate', match ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE);
      }
      throw error;
    }
    next();
  };
}

/**
 * Lets a request through only for the token's own organization. Any other id, existing or not, is a
 * 404 like an unknown one, so a token learns nothing about other organizations.
 */
export const requireOwnOrganization: RequestHandler = (req, res, next) => {
  if (req.params.organizationId !== principalOf(res).organizationId) {
    throw new AppError('not_found', 'No such organization.');
  }
  next();
};

/** The authenticated caller; only valid behind `authenticate`. */
export function principalOf(res: Response): AdminPrincipal {
  const admin = res.locals.admin as AdminPrincipal | undefined;
  if (!admin) throw new Error('principalOf() used on a route without authenticate()');
  return admin;
}

/** The organization of the request (its token's, which requireOwnOrganization checked against the path). */
export const organizationOf = (res: Response): string => principalOf(res).organizationId;

/** The caller as the audit log records it. */
export const actorOf = (res: Response): Actor => ({ type: 'ADMIN_TOKEN', id: principalOf(res).tokenId });
