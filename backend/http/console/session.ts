import express, { Router, type RequestHandler, type Response } from 'express';
import { endConsoleSession } from '../../domain/console/end-console-session.js';
import { startConsoleSession } from '../../domain/console/start-console-session.js';
import { useConsoleSignInLink } from '../../domain/console/use-console-sign-in-link.js';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { sameOriginOnly } from '../same-origin.js';
import { clearConsoleCookie, consoleCookieOf, readConsoleSession, setConsoleCookie } from './cookie.js';
import { fromLoopbackClient } from './loopback.js';
import { CONSOLE_HOME, safeNextPath } from './next-path.js';
import { signInLinkPage, SIGN_IN_LINK_PAGE_CSP } from './sign-in-link-page.js';

export { sameOriginOnly } from '../same-origin.js';
export { CONSOLE_COOKIE } from './cookie.js';

/** Where the sign-in form is (its page is the console's); `?error=` names why the browser is back there. */
export const SIGN_IN_PATH = '/admin/sign-in';

/** Why a browser is sent to the sign-in page: the `error` parameter's values. */
export type SignInError = 'token_missing' | 'token_not_accepted' | 'signed_out' | 'session_expired' | 'link_used_or_expired';

/** The sign-in form is a token and a path: a few hundred bytes, a handful of fields. */
const readForm = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10, inflate: false });

/**
 * Reads the console cookie: with a valid session, `res.locals.admin` is the admin principal the admin
 * API's `principalOf(res)` reads (so `organizationOf`/`actorOf` work as they are) and
 * `res.locals.consoleSessionId` the session. Without one it sets nothing and lets the request on.
 */
export function consoleSession(deps: DomainDeps): RequestHandler {
  return async (req, res, next) => {
    await readConsoleSession(deps, req, res);
    next();
  };
}

/**
 * Behind `consoleSession`: without a valid session, a GET or HEAD is sent to the sign-in page (303,
 * `error=session_expired` when a cookie came and is cleared, `next` the page asked for), anything
 * else is 401 `unauthenticated`.
 */
export const requireConsoleSignIn: RequestHandler = (req, res, next) => {
  if (res.locals.consoleSessionId) return next();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new AppError('unauthenticated', 'Your console session has ended: sign in again with an admin API token.');
  }
  const hadCookie = consoleCookieOf(req) !== undefined;
  if (hadCookie) clearConsoleCookie(req, res);
  toSignIn(res, hadCookie ? 'session_expired' : undefined, req.originalUrl);
};

/**
 * `POST /sign-in` (the form: `token`, `next`), `POST /sign-out`, and `GET /sign-in/link?code=` (the
 * sandbox's one-click link), mounted at /admin. Every answer is a redirect or a tiny page; the token
 * is never echoed or put in a URL.
 */
export function consoleSignInRouter(deps: DomainDeps): Router {
  const router = Router();
  // Login CSRF: another site must not sign this browser in as someone else; no body is read before.
  router.post('/sign-in', sameOriginOnly, readForm, async (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNextPath(form.next);
    if (form.token === undefined || form.token === '') return toSignIn(res, 'token_missing', next);
    try {
      const signIn = await startConsoleSession(deps, { token: typeof form.token === 'string' ? form.token.trim() : '' });
      setConsoleCookie(req, res, signIn.secret);
      res.redirect(303, next);
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') return toSignIn(res, 'token_not_accepted', next);
      throw error;
    }
  });
  router.post('/sign-out', sameOriginOnly, async (req, res) => {
    if (await readConsoleSession(deps, req, res)) {
      await endConsoleSession(deps, { organizationId: res.locals.admin.organizationId, sessionId: res.locals.consoleSessionId });
    }
    clearConsoleCookie(req, res);
    toSignIn(res, 'signed_out');
  });
  router.get('/sign-in/link', async (req, res) => {
    if (!fromLoopbackClient(req)) {
      throw new AppError('forbidden', 'The sign-in link works only in a browser on the machine the sandbox runs on.');
    }
    try {
      const signIn = await useConsoleSignInLink(deps, { code: typeof req.query.code === 'string' ? req.query.code : '' });
      setConsoleCookie(req, res, signIn.secret);
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') return toSignIn(res, 'link_used_or_expired');
      throw error;
    }
    // A page, not a redirect: the link comes from outside the site (a terminal), and a browser does not send a
    // SameSite=Strict cookie along a redirect chain that began cross-site; this page's own navigation is same-site.
    res.status(200).setHeader('Content-Security-Policy', SIGN_IN_LINK_PAGE_CSP).type('html').send(signInLinkPage(CONSOLE_HOME));
  });
  return router;
}

/** 303 to the sign-in page, with why and (when not the console's home) where to go after signing in. */
function toSignIn(res: Response, error: SignInError | undefined, next = CONSOLE_HOME): void {
  const query = new URLSearchParams();
  if (error) query.set('error', error);
  const target = safeNextPath(next);
  if (target !== CONSOLE_HOME) query.set('next', target);
  const search = query.toString();
  res.redirect(303, search ? `${SIGN_IN_PATH}?${search}` : SIGN_IN_PATH);
}
