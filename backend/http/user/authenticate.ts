import type { RequestHandler, Response } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import type { UserPrincipal } from '../../domain/scheduling/access.js';
import { cachedUserAuthenticator, type IdentityVerifier } from '../../domain/scheduling/authenticate-user.js';

const BEARER = /^Bearer +(\S+) *$/i;
const CHALLENGE = 'Bearer realm="together-addon"';

/** Requires `Authorization: Bearer <Google ID token>` of a person of an organization. */
export function authenticateAddonUser(deps: DomainDeps & { verifier: IdentityVerifier }): RequestHandler {
  const authenticateUser = cachedUserAuthenticator(deps);
  return async (req, res, next) => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    try {
      if (!match?.[1])
        throw new AppError(
          'unauthenticated',
          'Send the add-on\'s Google ID token: "Authorization: Bearer <ScriptApp.getIdentityToken()>".',
        );
      res.locals.user = await authenticateUser({ idToken: match[1] });
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') {
        res.setHeader('WWW-Authenticate', match ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE);
      }
      throw error;
    }
    next();
  };
}

/** The signed-in person; only valid behind authenticateAddonUser. */
export function userOf(res: Response): UserPrincipal {
  const user = res.locals.user as UserPrincipal | undefined;
  if (!user) throw new Error('userOf() used on a route without authenticateAddonUser()');
  return user;
}
