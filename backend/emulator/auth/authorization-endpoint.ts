/**
 * `GET /o/oauth2/v2/auth` (and the legacy `/o/oauth2/auth`): Google's authorization endpoint for the web-server
 * flow (§D1). A request Google refuses gets its "Access blocked" page and no redirect; a valid one gets the
 * account chooser with the consent screen, whose form POSTs back here. Allow issues a code for the ticked
 * scopes (granular consent, §D6) and redirects to the client with `state, code, scope, authuser, hd, prompt`;
 * Cancel redirects with `error=access_denied`; an org's admin policy ends on the `admin_policy_enforced` page (§D8).
 */
import type { RequestHandler, Response } from 'express';
import type { User } from '../directory/accounts.js';
import { isRecord } from '../json.js';
import type { EmulatorState } from '../state.js';
import type { AuthorizationRequest, CodeChallengeMethod } from './authorizations.js';
import { adminPolicyMessage } from './admin-policies.js';
import { KNOWN_SCOPES, canonicalScope, isSignInScope, SIGN_IN_ALIASES } from './scopes.js';
import { PAGE_HEADERS } from './page-frame.js';
import { chooserPage, errorPage } from './sign-in-page.js';

/** The parameters Google lists under "Request details" on its error page, in its order. */
const DETAIL_PARAMETERS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'access_type',
  'prompt',
  'login_hint',
  'hd',
  'include_granted_scopes',
  'nonce',
  'code_challenge',
  'code_challenge_method',
];
const PROMPTS = new Set(['none', 'consent', 'select_account']);
const CHALLENGE_FORMAT = /^[A-Za-z0-9._~-]{43,128}$/;

/** A request Google answers with its error page instead of a redirect. */
class SignInRefused extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

const refused = (status: number, error: string, description: string): SignInRefused => new SignInRefused(status, error, description);

type Parameters = Record<string, unknown>;

/** Every value of a repeated form field (the ticked checkboxes). */
function allValues(params: Parameters, name: string): string[] {
  const value = params[name];
  const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

/** A parameter's value; a repeated parameter counts by its first value. */
function parameter(params: Parameters, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first : undefined;
}

type RequestInput = Omit<AuthorizationRequest, 'id' | 'expiresAt'>;

/** Validates a request in Google's order: client, redirect URI (both before anything may be redirected), then the rest. */
function readRequest(state: EmulatorState, params: Parameters): RequestInput {
  const clientId = parameter(params, 'client_id');
  if (!clientId) throw refused(400, 'invalid_request', 'Missing required parameter: client_id');
  const client = state.oauthClients.get(clientId);
  if (!client) {
    if (state.oauthClients.wasDeleted(clientId)) throw refused(401, 'deleted_client', 'The OAuth client was deleted.');
    throw refused(401, 'invalid_client', 'The OAuth client was not found.');
  }
  const redirectUri = parameter(params, 'redirect_uri');
  if (!redirectUri) throw refused(400, 'invalid_request', 'Missing required parameter: redirect_uri');
  if (!client.redirectUris.includes(redirectUri)) {
    throw refused(
      400,
      'redirect_uri_mismatch',
      `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. The redirect URI in the request, ${redirectUri}, does not match the ones authorized for the OAuth client.`,
    );
  }
  const responseType = parameter(params, 'response_type');
  if (!responseType) throw refused(400, 'invalid_request', 'Required parameter is missing: response_type');
  if (responseType !== 'code') throw refused(400, 'unsupported_response_type', `Unsupported response type: ${responseType}`);

  const requestedScopes = (parameter(params, 'scope') ?? '').split(/\s+/).filter(Boolean);
  if (requestedScopes.length === 0) throw refused(400, 'invalid_request', 'Missing required parameter: scope');
  const invalid = requestedScopes.filter((scope) => !KNOWN_SCOPES.has(scope));
  if (invalid.length > 0) {
    const valid = requestedScopes.filter((scope) => KNOWN_SCOPES.has(scope)).map(canonicalScope);
    throw refused(
      400,
      'invalid_scope',
      `Some requested scopes were invalid. {valid=[${valid.join(', ')}], invalid=[${invalid.join(', ')}]}`,
    );
  }
  const canonical = [...new Set(requestedScopes.map(canonicalScope))];
  // Google treats the Sign-In scopes as OpenID Connect: `email` alone still brings `openid` and an ID token.
  const openId = canonical.includes('openid') || canonical.some(isSignInScope);
  const scopes = [...canonical.filter((scope) => scope !== 'openid'), ...(openId ? ['openid'] : [])];

  const codeChallenge = parameter(params, 'code_challenge');
  const method = parameter(params, 'code_challenge_method');
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    throw refused(
      400,
      'invalid_request',
      `Invalid parameter value for code_challenge_method: '${method}' is not a valid CodeChallengeMethod`,
    );
  }
  if (method !== undefined && !codeChallenge) throw refused(400, 'invalid_request', 'Missing required parameter: code_challenge');
  if (codeChallenge !== undefined && !CHALLENGE_FORMAT.test(codeChallenge))
    throw refused(400, 'invalid_request', 'Invalid parameter value for code_challenge.');

  const rawPrompt = parameter(params, 'prompt');
  const prompt = (rawPrompt ?? '').split(/\s+/).filter(Boolean);
  if (prompt.some((p) => !PROMPTS.has(p)) || (prompt.includes('none') && prompt.length > 1)) {
    throw refused(400, 'invalid_request', `Invalid parameter value for prompt: ${rawPrompt ?? ''}`);
  }
  const accessType = parameter(params, 'access_type') ?? 'online';
  if (accessType !== 'online' && accessType !== 'offline') throw refused(400, 'invalid_request', `Invalid access_type: ${accessType}`);

  return {
    clientId,
    redirectUri,
    scopes,
    requestedScopes,
    state: parameter(params, 'state'),
    nonce: parameter(params, 'nonce'),
    codeChallenge,
    codeChallengeMethod: codeChallenge ? ((method ?? 'plain') as CodeChallengeMethod) : undefined,
    hostedDomain: parameter(params, 'hd')?.toLowerCase() || undefined,
    loginHint: parameter(params, 'login_hint') || undefined,
    accessType,
    prompt,
    includeGrantedScopes: parameter(params, 'include_granted_scopes') === 'true',
  };
}

/** Redirects back to the client with the parameters appended to its redirect URI's own query. */
function redirectBack(res: Response, redirectUri: string, values: Array<[string, string | undefined]>): void {
  const url = new URL(redirectUri);
  for (const [name, value] of values) if (value !== undefined) url.searchParams.append(name, value);
  res.set('Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate').redirect(302, url.toString());
}

function sendRefusal(res: Response, error: SignInRefused, params: Parameters): void {
  const details = DETAIL_PARAMETERS.flatMap((name): Array<[string, string]> => {
    const value = parameter(params, name);
    return value === undefined ? [] : [[name, value]];
  });
  res
    .status(error.status)
    .set(PAGE_HEADERS)
    .send(errorPage(error.status, error.error, error.description, details));
}

/** A pending request's parameters as they came, for the "Request details" of a page shown after the form. */
function requestParameters(request: AuthorizationRequest): Parameters {
  return {
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.requestedScopes.join(' '),
    state: request.state,
    access_type: request.accessType,
    prompt: request.prompt.length > 0 ? request.prompt.join(' ') : undefined,
    login_hint: request.loginHint,
    hd: request.hostedDomain,
    include_granted_scopes: request.includeGrantedScopes ? 'true' : undefined,
    nonce: request.nonce,
    code_challenge: request.codeChallenge,
    code_challenge_method: request.codeChallengeMethod,
  };
}

/** The accounts the chooser offers: every emulated user, or with `hd` only that domain's (`*`: any Workspace account). */
function chooserAccounts(state: EmulatorState, request: AuthorizationRequest): User[] {
  const hd = request.hostedDomain;
  const users = [...state.accounts.users.values()];
  const offered = hd && hd !== '*' ? users.filter((u) => u.domain === hd || state.hostedDomainOf(u) === hd) : users;
  return offered.sort((a, b) => a.email.localeCompare(b.email));
}

function renderChooser(
  state: EmulatorState,
  res: Response,
  request: AuthorizationRequest,
  action: string,
  status = 200,
  error?: string,
  chosen?: string,
  ticked?: string[],
): void {
  const accounts = chooserAccounts(state, request);
  const hinted = request.loginHint ? state.accounts.user(request.loginHint) : undefined;
  const preselected = chosen ?? (hinted && !hinted.suspended ? hinted.email : undefined);
  const appName = state.oauthClients.get(request.clientId)?.name ?? request.clientId;
  const page = chooserPage({
    action,
    requestId: request.id,
    appName,
    accounts,
    preselected,
    hostedDomain: request.hostedDomain,
    scopes: request.scopes,
    ...(ticked ? { ticked } : {}),
    error,
  });
  res.status(status).set(PAGE_HEADERS).send(page);
}

/** The `scope` of the callback: short forms as requested, the URL form of each granted scope, `openid` last (§D1). */
function callbackScope(request: AuthorizationRequest, granted: string[]): string {
  const short = request.requestedScopes.filter((scope) => scope in SIGN_IN_ALIASES);
  const urls = granted.filter((scope) => scope !== 'openid');
  const withOpenId = granted.includes('openid') ? ['openid'] : [];
  return [...new Set([...short, ...urls, ...withOpenId])].join(' ');
}

/**
 * What the user grants: the Sign-In scopes as a whole, and of the others only those ticked (§D6). With
 * `include_granted_scopes=true` also every scope the user granted the client before; `openid` stays last.
 */
function grantedScopes(request: AuthorizationRequest, ticked: string[], before: string[]): string[] {
  const now = request.scopes.filter((scope) => isSignInScope(scope) || ticked.includes(scope));
  const all = new Set([...now, ...(request.includeGrantedScopes ? before : [])]);
  const withoutOpenId = [...all].filter((scope) => scope !== 'openid');
  return all.has('openid') ? [...withoutOpenId, 'openid'] : withoutOpenId;
}

export function authorizationPage(state: EmulatorState): RequestHandler {
  return (req, res) => {
    const params = req.query as Parameters;
    try {
      const input = readRequest(state, params);
      if (input.prompt.includes('none')) {
        // The emulator keeps no browser session, so a silent request always finds the user signed out.
        redirectBack(res, input.redirectUri, [
          ['error', 'login_required'],
          ['state', input.state],
        ]);
        return;
      }
      renderChooser(state, res, state.authorizations.openRequest(input, state.clock.now()), req.path);
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      sendRefusal(res, error, params);
    }
  };
}

/** The chooser's form: `request` (the pending request id), `account` (an email) and `action` (`allow` or `cancel`). */
export function authorizationSubmit(state: EmulatorState): RequestHandler {
  return (req, res) => {
    const form: Parameters = isRecord(req.body) ? req.body : {};
    const now = state.clock.now();
    const requestId = parameter(form, 'request');
    const request = requestId ? state.authorizations.request(requestId, now) : undefined;
    if (!request) {
      sendRefusal(res, refused(400, 'invalid_request', 'This sign-in request is unknown or has expired. Start again from the app.'), {});
      return;
    }
    const client = state.oauthClients.get(request.clientId);
    if (!client) {
      state.authorizations.closeRequest(request.id);
      sendRefusal(res, refused(401, 'deleted_client', 'The OAuth client was deleted.'), { client_id: request.clientId });
      return;
    }
    const action = parameter(form, 'action');
    if (action === 'cancel') {
      state.authorizations.closeRequest(request.id);
      redirectBack(res, request.redirectUri, [
        ['error', 'access_denied'],
        ['state', request.state],
      ]);
      return;
    }
    const account = parameter(form, 'account');
    // Only the requested scopes count as ticked, whatever else a form posts.
    const ticked = allValues(form, 'scope').filter((scope) => request.scopes.includes(scope) && !isSignInScope(scope));
    const again = (status: number, message: string, chosen?: string): void =>
      renderChooser(state, res, request, req.path, status, message, chosen, ticked);
    if (action !== 'allow') return again(400, 'Choose Allow or Cancel.', account);
    if (!account) return again(400, 'Choose an account to continue.');
    const user = state.accounts.user(account);
    if (!user) return again(400, `Couldn't find a Google Account for ${account}.`);
    if (user.suspended) return again(403, `${user.email} has been suspended by its administrator and cannot sign in.`);

    state.authorizations.closeRequest(request.id);
    if (state.adminPolicies.blocks(state.accounts.customerOf(user), client.clientId, request.scopes)) {
      // Google ends the flow on its own page; the app hears nothing (§D8).
      const message = adminPolicyMessage(state.accounts.primaryDomainOf(user));
      sendRefusal(res, refused(400, 'admin_policy_enforced', message), requestParameters(request));
      return;
    }
    const granted = grantedScopes(request, ticked, state.authorizations.consentedScopes(client.clientId, user.email));
    if (granted.length === 0) {
      // Nothing ticked and nothing to sign in with: the user gave the app nothing, as a refusal.
      redirectBack(res, request.redirectUri, [
        ['error', 'access_denied'],
        ['state', request.state],
      ]);
      return;
    }
    const firstConsent = state.authorizations.recordConsent(client.clientId, user.email, granted, now);
    const code = state.authorizations.issueCode(
      {
        clientId: client.clientId,
        redirectUri: request.redirectUri,
        subject: user.email,
        scopes: granted,
        nonce: request.nonce,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallengeMethod,
        accessType: request.accessType,
        forceConsent: request.prompt.includes('consent'),
      },
      now,
    );
    redirectBack(res, request.redirectUri, [
      ['state', request.state],
      ['code', code.code],
      ['scope', callbackScope(request, granted)],
      ['authuser', '0'],
      ['hd', state.hostedDomainOf(user)],
      ['prompt', firstConsent || request.prompt.includes('consent') ? 'consent' : 'none'],
    ]);
  };
}
