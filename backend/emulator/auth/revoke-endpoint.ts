/**
 * `POST /revoke` (oauth2.googleapis.com, §D4): `token` in the query (google-auth-library's `revokeToken`) or
 * the form body (Google's samples). A user's refresh token or access token ends the whole grant — every
 * refresh and access token the user gave the client and its consent, as "Remove access" does; a service
 * account's access token ends just itself. Unknown or already revoked → 400 `invalid_token`.
 */
import type { RequestHandler } from 'express';
import { OAuthTokenError } from '../errors.js';
import { formField, queryString, sendError } from '../http.js';
import type { EmulatorState } from '../state.js';

export function revokeEndpoint(state: EmulatorState): RequestHandler {
  return (req, res) => {
    try {
      const token = queryString(req, 'token') ?? formField(req, 'token');
      if (!token) throw new OAuthTokenError(400, 'invalid_request', 'Missing required parameter: token');
      const refresh = state.authorizations.refreshToken(token);
      const access = state.tokens.find(token);
      if (refresh) state.revokeUserGrant(refresh.clientId, refresh.subject);
      else if (access?.grant === 'authorizationCode' && access.subject) state.revokeUserGrant(access.clientId, access.subject);
      else if (!access || !state.tokens.revoke(token)) throw new OAuthTokenError(400, 'invalid_token', 'Token expired or revoked');
      res.set('Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate').status(200).json({});
    } catch (error) {
      sendError(res, error);
    }
  };
}
