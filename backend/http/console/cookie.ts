import type { CookieOptions, Request, Response } from 'express';
import { authenticateConsoleSession } from '../../domain/console/authenticate-console-session.js';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { isLoopbackHost } from './loopback.js';

/** The console's session cookie: its value is the session's secret. */
export const CONSOLE_COOKIE = 'together_console';

const COOKIE = /(?:^|;)\s*together_console=([^;]*)/;

/** The console cookie's value, or undefined when the request has none. */
export function consoleCookieOf(req: Request): string | undefined {
  return COOKIE.exec(req.headers.cookie ?? '')?.[1]?.trim();
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), only under /admin,
 * and Secure unless the browser talks plain http to this machine (a proxy's https counts: trust proxy).
 */
function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/admin', secure: req.secure || !isLoopbackHost(req.hostname) };
}

/** Signs the browser in: a session cookie (no Max-Age: the server ends it), the secret as its value. */
export function setConsoleCookie(req: Request, res: Response, secret: string): void {
  res.cookie(CONSOLE_COOKIE, secret, cookieOptions(req));
}

/** Removes the cookie (Max-Age=0, the same attributes, so the browser replaces the one it holds). */
export function clearConsoleCookie(req: Request, res: Response): void {
  res.cookie(CONSOLE_COOKIE, '', { ...cookieOptions(req), maxAge: 0 });
}

/**
 * Resolves the request's console cookie: when its session is valid, `res.locals.admin` is the admin
 * principal (as the admin API's `principalOf` reads it) and `res.locals.consoleSessionId` the session.
 */
export async function readConsoleSession(deps: DomainDeps, req: Request, res: Response): Promise<boolean> {
  const secret = consoleCookieOf(req);
  if (secret === undefined) return false;
  try {
    const { tokenId, organizationId, sessionId } = await authenticateConsoleSession(deps, { secret });
    res.locals.admin = { tokenId, organizationId };
    res.locals.consoleSessionId = sessionId;
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthenticated') return false;
    throw error;
  }
}
