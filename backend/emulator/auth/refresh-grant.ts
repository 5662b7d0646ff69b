/**
 * `POST /token` with `grant_type=refresh_token` (§D3): a new access token with the scopes the refresh token
 * was issued for; the refresh token itself stays valid (Google does not rotate it). A client registered with
 * `rotateRefreshTokens` (opt-in, for testing clients against rotation) gets a new refresh token with every
 * answer; the one used stays valid until the new one's first refresh, then ends. A refresh token stops working when the
 * grant is revoked (by the app or in the user's Google Account), after `refreshTokenIdleMs` unused on the
 * emulator clock (six months, as Google), while the user is suspended, and while the user's Workspace
 * restricts a service it covers (`admin_policy_enforced`, §D8).
 */
import type { Request } from 'express';
import { OAuthTokenError } from '../errors.js';
import { formField } from '../http.js';
import type { EmulatorState } from '../state.js';
import { adminPolicyMessage } from './admin-policies.js';
import { authenticateClient, idTokenClaims, invalidGrant, invalidRequest } from './code-grant.js';
import { TOKEN_LIFETIME_SECONDS } from './tokens.js';

export const REFRESH_TOKEN = 'refresh_token';
const EXPIRED_OR_REVOKED = 'Token has been expired or revoked.';

export function exchangeRefreshToken(state: EmulatorState, req: Request): Record<string, unknown> {
  const client = authenticateClient(state, req);
  const raw = formField(req, 'refresh_token');
  if (!raw) throw invalidRequest('Missing required parameter: refresh_token');
  const now = state.clock.now();
  const refresh = state.authorizations.refreshToken(raw);
  if (!refresh) throw invalidGrant(EXPIRED_OR_REVOKED);
  if (refresh.clientId !== client.clientId) throw new OAuthTokenError(401, 'unauthorized_client', 'Unauthorized');
  state.requestLog.recordTokenRequest(refresh.subject);
  if (now - refresh.lastUsedAt > state.settings.refreshTokenIdleMs) {
    state.authorizations.dropRefreshToken(refresh.token);
    throw invalidGrant(EXPIRED_OR_REVOKED);
  }
  const user = state.accounts.user(refresh.subject);
  if (!user || user.suspended) throw invalidGrant(EXPIRED_OR_REVOKED);
  if (state.adminPolicies.blocks(state.accounts.customerOf(user), client.clientId, refresh.scopes)) {
    throw new OAuthTokenError(400, 'admin_policy_enforced', adminPolicyMessage(state.accounts.primaryDomainOf(user)));
  }
  refresh.lastUsedAt = now;
  state.authorizations.rotationUsed(refresh);
  const rotated = client.rotateRefreshTokens ? state.authorizations.rotate(refresh, now) : undefined;
  const token = state.tokens.issue(
    { subject: user.email, scopes: new Set(refresh.scopes), clientId: client.clientId, clientEmail: null, grant: 'authorizationCode' },
    now,
  );
  const answer: Record<string, unknown> = {
    access_token: token.token,
    expires_in: TOKEN_LIFETIME_SECONDS,
    scope: refresh.scopes.join(' '),
    token_type: 'Bearer',
    ...(rotated ? { refresh_token: rotated.token } : {}),
  };
  if (refresh.scopes.includes('openid')) {
    answer.id_token = state.idTokens.sign(
      idTokenClaims(state, user, { clientId: client.clientId, scopes: refresh.scopes, accessToken: token.token }, now),
    );
  }
  return answer;
}
