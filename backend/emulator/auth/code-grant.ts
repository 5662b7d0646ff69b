/**
 * `POST /token` with `grant_type=authorization_code` (§D2): the web client authenticates with its secret
 * (body or HTTP Basic), redeems a single-use code with the same redirect URI and the PKCE verifier, and
 * gets a user access token plus, when `openid` was granted, a signed ID token (§D5).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { User } from '../directory/accounts.js';
import { OAuthTokenError } from '../errors.js';
import { formField } from '../http.js';
import { ID_TOKEN_LIFETIME_SECONDS } from '../id-tokens.js';
import type { EmulatorState } from '../state.js';
import type { AuthorizationCode } from './authorizations.js';
import type { JsonObject } from './jwt.js';
import type { OAuthClient } from './oauth-clients.js';
import { SIGN_IN_ALIASES } from './scopes.js';
import { TOKEN_LIFETIME_SECONDS } from './tokens.js';

export const AUTHORIZATION_CODE = 'authorization_code';
const CODE_FORMAT = /^4\/[A-Za-z0-9_-]+$/;
const VERIFIER_FORMAT = /^[A-Za-z0-9._~-]{43,128}$/;

export const invalidGrant = (description: string): OAuthTokenError => new OAuthTokenError(400, 'invalid_grant', description);
export const invalidRequest = (description: string): OAuthTokenError => new OAuthTokenError(400, 'invalid_request', description);

/** `Authorization: Basic base64(id:secret)` (each part form-encoded, RFC 6749 §2.3.1); undefined without one. */
function basicCredentials(req: Request): { id: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !/^Basic\s+/i.test(header)) return undefined;
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthTokenError(401, 'invalid_client', 'Unauthorized');
  const unform = (part: string): string => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The web client the request authenticates as; Google's answers for unknown, deleted and wrong secrets. */
export function authenticateClient(state: EmulatorState, req: Request): OAuthClient {
  const basic = basicCredentials(req);
  const clientId = basic?.id ?? formField(req, 'client_id');
  if (!clientId) throw invalidRequest('Missing required parameter: client_id');
  const client = state.oauthClients.get(clientId);
  if (!client)
    throw new OAuthTokenError(
      401,
      'invalid_client',
      state.oauthClients.wasDeleted(clientId) ? 'The OAuth client was deleted.' : 'The OAuth client was not found.',
    );
  const secret = basic?.secret ?? formField(req, 'client_secret');
  if (!secret) throw invalidRequest('client_secret is missing.');
  if (!sameSecret(secret, client.clientSecret)) throw new OAuthTokenError(401, 'invalid_client', 'Unauthorized');
  return client;
}

/** PKCE (RFC 7636): S256 = BASE64URL(SHA-256(verifier)), plain = the verifier itself. */
function checkVerifier(code: AuthorizationCode, verifier: string | undefined): void {
  if (!code.codeChallenge) {
    if (verifier) throw invalidGrant('code_verifier or verifier is not needed');
    return;
  }
  if (!verifier) throw invalidGrant('Missing code verifier.');
  const derived = code.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  if (!VERIFIER_FORMAT.test(verifier) || derived !== code.codeChallenge) throw invalidGrant('Invalid code verifier.');
}

/** `at_hash`: the left half of the access token's SHA-256, base64url (OIDC Core §3.1.3.6). */
const accessTokenHash = (accessToken: string): string =>
  createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/** The ID token's claims, in the order of Google's documented sample; email and profile claims only with their scopes. */
export function idTokenClaims(
  state: EmulatorState,
  user: User,
  input: { clientId: string; scopes: string[]; nonce?: string; accessToken?: string },
  now: number,
): JsonObject {
  const iat = Math.floor(now / 1000);
  const scopes = new Set(input.scopes);
  const claims: JsonObject = {
    iss: 'https://accounts.google.com',
    azp: input.clientId,
    aud: input.clientId,
    sub: user.id,
    hd: state.hostedDomainOf(user),
  };
  if (scopes.has(SIGN_IN_ALIASES.email!)) Object.assign(claims, { email: user.email, email_verified: true });
  if (input.accessToken) claims.at_hash = accessTokenHash(input.accessToken);
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  if (scopes.has(SIGN_IN_ALIASES.profile!)) {
    const name = `${user.givenName} ${user.familyName}`.trim();
    Object.assign(claims, {
      name,
      picture: 'https://lh3.googleusercontent.com/a/default-user=s96-c',
      given_name: user.givenName,
      family_name: user.familyName,
    });
  }
  return { ...claims, iat, exp: iat + ID_TOKEN_LIFETIME_SECONDS };
}

export function exchangeAuthorizationCode(state: EmulatorState, req: Request): Record<string, unknown> {
  const client = authenticateClient(state, req);
  const rawCode = formField(req, 'code');
  if (!rawCode) throw invalidRequest('Missing required parameter: code');
  if (!CODE_FORMAT.test(rawCode)) throw invalidGrant('Malformed auth code.');
  const now = state.clock.now();
  const code = state.authorizations.redeem(rawCode);
  if (!code || code.expiresAt <= now) throw invalidGrant('Bad Request');
  if (code.clientId !== client.clientId) throw new OAuthTokenError(401, 'unauthorized_client', 'Unauthorized');
  const redirectUri = formField(req, 'redirect_uri');
  if (!redirectUri) throw invalidRequest('Missing required parameter: redirect_uri');
  if (redirectUri !== code.redirectUri) throw new OAuthTokenError(400, 'redirect_uri_mismatch', 'Bad Request');
  checkVerifier(code, formField(req, 'code_verifier'));
  const user = state.accounts.user(code.subject);
  state.requestLog.recordTokenRequest(code.subject);
  if (!user || user.suspended) throw invalidGrant('Bad Request');
  const token = state.tokens.issue(
    { subject: user.email, scopes: new Set(code.scopes), clientId: client.clientId, clientEmail: null, grant: 'authorizationCode' },
    now,
  );
  const answer: Record<string, unknown> = { access_token: token.token, expires_in: TOKEN_LIFETIME_SECONDS };
  // A refresh token only for offline access, and only the first time for this grant unless consent was asked again (§D2).
  const grant = state.authorizations.grant(client.clientId, user.email);
  if (code.accessType === 'offline' && (code.forceConsent || !grant?.offlineIssued)) {
    answer.refresh_token = state.authorizations.issueRefreshToken(client.clientId, user.email, code.scopes, now).token;
  }
  Object.assign(answer, { scope: code.scopes.join(' '), token_type: 'Bearer' });
  if (code.scopes.includes('openid')) {
    answer.id_token = state.idTokens.sign(
      idTokenClaims(state, user, { clientId: client.clientId, scopes: code.scopes, nonce: code.nonce, accessToken: token.token }, now),
    );
  }
  return answer;
}
