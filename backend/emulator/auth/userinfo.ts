/** OpenID Connect userinfo (`openidconnect.googleapis.com/v1/userinfo`, `www.googleapis.com/oauth2/v3/userinfo`). */
import type { Request, Response } from 'express';
import { GoogleApiError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import type { Caller } from './access.js';
import { SIGN_IN_ALIASES } from './scopes.js';

/** The signed-in user's claims, as far as the token's scopes reach: `sub` always, email and profile with their scopes. */
export function userinfo(state: EmulatorState) {
  return (_req: Request, res: Response, caller: Caller): void => {
    const user = caller.token.subject ? state.accounts.user(caller.token.subject) : undefined;
    if (!user) throw new GoogleApiError(404, 'Requested entity was not found.', [], { status: 'NOT_FOUND' });
    const has = (scope: string): boolean => caller.token.scopes.has(scope) || caller.token.scopes.has(SIGN_IN_ALIASES[scope]!);
    const claims: Record<string, unknown> = { sub: user.id };
    if (has('profile')) {
      Object.assign(claims, {
        name: `${user.givenName} ${user.familyName}`.trim(),
        given_name: user.givenName,
        family_name: user.familyName,
        picture: 'https://lh3.googleusercontent.com/a/default-user=s96-c',
      });
    }
    if (has('email')) Object.assign(claims, { email: user.email, email_verified: true });
    claims.hd = state.hostedDomainOf(user);
    res.json(claims);
  };
}
