/**
 * `POST /token`: the JWT-bearer grant with domain-wide delegation (§B1), and the authorization-code and
 * refresh-token grants of the user flow (§D2 in code-grant.ts, §D3 in refresh-grant.ts), answering exactly as Google.
 */
import type { RequestHandler } from 'express';
import type { User } from '../directory/accounts.js';
import { OAuthTokenError } from '../errors.js';
import { formField, sendError } from '../http.js';
import type { EmulatorState } from '../state.js';
import { AUTHORIZATION_CODE, exchangeAuthorizationCode } from './code-grant.js';
import { decodeJwt, verifyRs256 } from './jwt.js';
import { exchangeRefreshToken, REFRESH_TOKEN } from './refresh-grant.js';
import { TOKEN_LIFETIME_SECONDS } from './tokens.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
const MAX_LIFETIME_SECONDS = 3600;
const CLOCK_SKEW_SECONDS = 300;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const invalidGrant = (description: string): OAuthTokenError => new OAuthTokenError(400, 'invalid_grant', description);
const unauthorizedClient = (): OAuthTokenError =>
  new OAuthTokenError(
    401,
    'unauthorized_client',
    'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
  );
const SHORT_LIVED =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values and use a clock with skew to account for clock differences between systems.';

/** Checks the impersonated user and the client's grant for them; throws Google's answer when refused. */
function checkDelegation(state: EmulatorState, clientId: string, sub: string, scopes: string[]): User {
  if (!EMAIL.test(sub)) throw invalidGrant('Not a valid email');
  if (state.accounts.deletedEmails.has(sub.toLowerCase())) throw invalidGrant('The account has been deleted');
  const user = state.accounts.user(sub);
  if (!user || user.suspended) throw invalidGrant('Invalid email or User ID');
  const granted = state.accounts.delegatedScopes(clientId, user);
  if (!scopes.every((scope) => granted.has(scope))) throw unauthorizedClient();
  return user;
}

function exchangeJwtBearer(state: EmulatorState, assertion: string | undefined): Record<string, unknown> {
  if (!assertion) throw new OAuthTokenError(400, 'invalid_request', 'Missing required parameter: assertion');
  const jwt = decodeJwt(assertion);
  if (!jwt) throw invalidGrant('Invalid JWT Signature.');
  const { iss, aud, iat, exp, scope, sub } = jwt.payload;
  const account = typeof iss === 'string' ? state.accounts.serviceAccounts.get(iss.toLowerCase()) : undefined;
  if (!account) throw invalidGrant('Invalid grant: account not found');
  if (!verifyRs256(jwt, account.publicKey)) throw invalidGrant('Invalid JWT Signature.');
  const subject = typeof sub === 'string' && sub !== '' ? sub : undefined;
  state.requestLog.recordTokenRequest(subject?.toLowerCase() ?? null);
  if (aud !== TOKEN_AUDIENCE) throw invalidGrant(`Invalid JWT: Failed audience check. The expected value was ${TOKEN_AUDIENCE}`);
  const now = state.clock.now() / 1000;
  const timesOk =
    typeof iat === 'number' &&
    typeof exp === 'number' &&
    exp - iat <= MAX_LIFETIME_SECONDS &&
    exp > iat &&
    iat <= now + CLOCK_SKEW_SECONDS &&
    exp >= now - CLOCK_SKEW_SECONDS;
  if (!timesOk) throw invalidGrant(SHORT_LIVED);
  const scopes = typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [];
  if (scopes.length === 0) throw new OAuthTokenError(400, 'invalid_scope', 'Empty or missing scope not allowed.');
  const user = subject === undefined ? undefined : checkDelegation(state, account.clientId, subject, scopes);
  const token = state.tokens.issue(
    {
      subject: user?.email ?? null,
      scopes: new Set(scopes),
      clientId: account.clientId,
      clientEmail: account.clientEmail,
      grant: 'jwtBearer',
    },
    state.clock.now(),
  );
  return { access_token: token.token, expires_in: TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' };
}

/** The handler of `POST /token` (form-encoded or JSON body). */
export function tokenEndpoint(state: EmulatorState): RequestHandler {
  return async (req, res) => {
    try {
      const latency = state.faults.latencyMs();
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      if (state.faults.injectedError('oauth2.token')) throw new OAuthTokenError(500, 'internal_failure', 'Backend Error');
      const grantType = formField(req, 'grant_type');
      let answer: Record<string, unknown>;
      if (grantType === JWT_BEARER) answer = exchangeJwtBearer(state, formField(req, 'assertion'));
      else if (grantType === AUTHORIZATION_CODE) answer = exchangeAuthorizationCode(state, req);
      else if (grantType === REFRESH_TOKEN) answer = exchangeRefreshToken(state, req);
      else throw new OAuthTokenError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
      res.set({ 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', Pragma: 'no-cache' }).json(answer);
    } catch (error) {
      sendError(res, error);
    }
  };
}
