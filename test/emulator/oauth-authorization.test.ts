import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { ClientAuthentication, CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { google } from 'googleapis';
import type { OAuthClient } from '../../backend/emulator/index.js';
import { startTestEmulator, testSeed, type TestEmulator } from './support/emulator.js';
import { googleError } from './support/google-clients.js';
import { followRedirect, openPage, parseSignInForm, startCallbackServer, submitForm, type CallbackServer } from './support/sign-in.js';

const G = 'https://www.googleapis.com/auth/';
const SIGN_IN = ['openid', 'email', 'profile'];

let emu: TestEmulator;
let app: CallbackServer;
let redirectUri: string;
let client: OAuthClient;
let otherClient: OAuthClient;

beforeAll(async () => {
  app = await startCallbackServer();
  redirectUri = `${app.url}/admin/oauth/callback`;
  const seed = testSeed();
  // acme.test's customer also owns acme-labs.test, a secondary domain with one user.
  seed.domains!.push({ name: 'acme-labs.test', customerId: 'C0acme' });
  seed.users!.push({ email: 'lab@acme-labs.test', givenName: 'Lab', familyName: 'Person' });
  emu = await startTestEmulator({ seed });
  client = (await emu.control<OAuthClient>('POST', '/oauthClients', { name: 'Together (test)', redirectUris: [redirectUri] })).body;
  otherClient = (await emu.control<OAuthClient>('POST', '/oauthClients', { name: 'Another app', redirectUris: [redirectUri] })).body;
});
afterAll(async () => {
  await emu.close();
  await app.close();
});

/** google-auth-library's OAuth2Client for the registered web client, every endpoint on the emulator. */
function oauthClient(
  options: { clientId?: string; clientSecret?: string; clientAuthentication?: ClientAuthentication; redirectUri?: string } = {},
): OAuth2Client {
  return new OAuth2Client({
    clientId: options.clientId ?? client.clientId,
    clientSecret: options.clientSecret ?? client.clientSecret,
    redirectUri: options.redirectUri ?? redirectUri,
    ...(options.clientAuthentication ? { clientAuthentication: options.clientAuthentication } : {}),
    endpoints: {
      oauth2AuthBaseUrl: `${emu.url}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${emu.url}/token`,
      oauth2FederatedSignonPemCertsUrl: `${emu.url}/oauth2/v1/certs`,
    },
  });
}

interface SignInOptions {
  account?: string;
  scope?: string[];
  pkce?: 'S256' | 'plain' | 'none';
  hd?: string;
  nonce?: string;
  oauth?: OAuth2Client;
}

/** The whole browser part: generateAuthUrl (PKCE from generateCodeVerifierAsync) → chooser → POST → the app's callback. */
async function signIn(options: SignInOptions = {}) {
  const oauth = options.oauth ?? oauthClient();
  const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
  const state = randomBytes(8).toString('hex');
  const pkce = options.pkce ?? 'S256';
  const url = oauth.generateAuthUrl({
    scope: options.scope ?? SIGN_IN,
    state,
    ...(options.account ? { login_hint: options.account } : {}),
    ...(options.hd ? { hd: options.hd } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(pkce === 'S256' ? { code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 } : {}),
    ...(pkce === 'plain' ? { code_challenge: codeVerifier, code_challenge_method: CodeChallengeMethod.Plain } : {}),
  });
  const page = await openPage(url);
  expect(page.status).toBe(200);
  const form = parseSignInForm(page.html, url);
  const callback = await followRedirect(await submitForm(form, { account: options.account }), app);
  expect(callback.pathname).toBe('/admin/oauth/callback');
  return { oauth, url, page, form, callback, state, codeVerifier, code: callback.searchParams.get('code')! };
}

const idTokenClaims = (idToken: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** How the token endpoint refused a library call: status and `error: error_description` (OAuth2Client's message has only the error). */
async function refusal(call: Promise<unknown>): Promise<[number, string]> {
  const error = await googleError(call);
  const body = error.data as { error?: string; error_description?: string };
  return [error.status, `${body.error}: ${body.error_description}`];
}

/** A form POST to the token endpoint without the library, for cases it cannot produce. */
async function postToken(
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emu.url}/token`, { method: 'POST', body: new URLSearchParams(fields), headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('sign-in with Google (authorization code + PKCE, OpenID Connect)', () => {
  it('signs a super admin in: chooser restricted by hd, code with state, token exchange, ID token verified against the certs', async () => {
    const nonce = randomBytes(12).toString('hex');
    const { form, callback, state, code, codeVerifier, oauth, page } = await signIn({ account: 'boss@acme.test', hd: 'acme.test', nonce });

    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toMatch(/<html lang="en">/);
    expect(page.html).toContain('to continue to <strong>Together (test)</strong>');
    expect(form.method).toBe('post');
    expect(form.buttons).toEqual(['allow', 'cancel']);
    expect(form.accounts.every((a) => a.email.endsWith('@acme.test'))).toBe(true);
    expect(form.accounts.map((a) => a.email)).toEqual(expect.arrayContaining(['ana@acme.test', 'boss@acme.test', 'dan@acme.test']));
    expect(form.accounts.find((a) => a.checked)?.email).toBe('boss@acme.test');
    expect(form.accounts.find((a) => a.email === 'boss@acme.test')?.label).toBe('Bo Boss boss@acme.test');

    expect([...callback.searchParams.keys()]).toEqual(['state', 'code', 'scope', 'authuser', 'hd', 'prompt']);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(code).toMatch(/^4\/0A/);
    expect(callback.searchParams.get('scope')).toBe(`email profile ${G}userinfo.email ${G}userinfo.profile openid`);
    expect(callback.searchParams.get('authuser')).toBe('0');
    expect(callback.searchParams.get('hd')).toBe('acme.test');
    expect(callback.searchParams.get('prompt')).toBe('consent');

    const { tokens } = await oauth.getToken({ code, codeVerifier });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope).toBe(`${G}userinfo.email ${G}userinfo.profile openid`);
    expect(tokens.expiry_date! - Date.now()).toBeGreaterThan(3590_000);
    expect(tokens.refresh_token).toBeUndefined();

    const ticket = await oauth.verifyIdToken({ idToken: tokens.id_token!, audience: client.clientId });
    const payload = ticket.getPayload()!;
    expect(payload).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: client.clientId,
      azp: client.clientId,
      email: 'boss@acme.test',
      email_verified: true,
      hd: 'acme.test',
      nonce,
      name: 'Bo Boss',
      given_name: 'Bo',
      family_name: 'Boss',
    });
    const boss = (await emu.control<{ id: string }>('GET', '/users/boss@acme.test')).body;
    expect(payload.sub).toBe(boss.id);
    expect(payload.exp - payload.iat).toBe(3600);
    const expectedAtHash = createHash('sha256').update(tokens.access_token!).digest().subarray(0, 16).toString('base64url');
    expect(payload.at_hash).toBe(expectedAtHash);
  });

  it('gives the access token to userinfo, People and Calendar as the user, and for a super admin to Directory users.get (isAdmin, customerId)', async () => {
    const { oauth, code, codeVerifier } = await signIn({
      account: 'boss@acme.test',
      scope: [...SIGN_IN, `${G}admin.directory.user.readonly`, `${G}calendar.readonly`],
    });
    const { tokens } = await oauth.getToken({ code, codeVerifier });
    oauth.setCredentials(tokens);

    const info = await oauth.request<Record<string, unknown>>({ url: `${emu.url}/v1/userinfo` });
    expect(info.data).toMatchObject({
      email: 'boss@acme.test',
      email_verified: true,
      hd: 'acme.test',
      name: 'Bo Boss',
      sub: expect.stringMatching(/^\d+$/),
    });
    const v3 = await oauth.request<Record<string, unknown>>({ url: `${emu.url}/oauth2/v3/userinfo` });
    expect(v3.data).toEqual(info.data);

    const people = google.people({ version: 'v1', auth: oauth, rootUrl: `${emu.url}/`, retry: false });
    expect((await people.people.get({ resourceName: 'people/me', personFields: 'emailAddresses' })).data.emailAddresses?.[0]?.value).toBe(
      'boss@acme.test',
    );
    const calendar = google.calendar({ version: 'v3', auth: oauth, rootUrl: `${emu.url}/`, retry: false });
    expect((await calendar.events.list({ calendarId: 'primary' })).data).toMatchObject({ kind: 'calendar#events', summary: 'Bo Boss' });

    const directory = google.admin({ version: 'directory_v1', auth: oauth, rootUrl: `${emu.url}/`, retry: false });
    const { data } = await directory.users.get({ userKey: 'boss@acme.test' });
    expect(data).toMatchObject({ primaryEmail: 'boss@acme.test', isAdmin: true, customerId: 'C0acme' });
    const lab = await directory.users.get({ userKey: 'lab@acme-labs.test' });
    expect(lab.data).toMatchObject({ primaryEmail: 'lab@acme-labs.test', isAdmin: false, customerId: 'C0acme' });
  });

  it("refuses Directory reads with a non-admin's own token, and API calls beyond the granted scopes", async () => {
    const { oauth, code, codeVerifier } = await signIn({
      account: 'ana@acme.test',
      scope: [...SIGN_IN, `${G}admin.directory.user.readonly`],
    });
    oauth.setCredentials((await oauth.getToken({ code, codeVerifier })).tokens);
    const directory = google.admin({ version: 'directory_v1', auth: oauth, rootUrl: `${emu.url}/`, retry: false });
    const notAdmin = await googleError(directory.users.get({ userKey: 'ana@acme.test' }));
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.message).toBe('Not Authorized to access this resource/api');

    const signInOnly = await signIn({ account: 'boss@acme.test' });
    signInOnly.oauth.setCredentials(
      (await signInOnly.oauth.getToken({ code: signInOnly.code, codeVerifier: signInOnly.codeVerifier })).tokens,
    );
    const calendar = google.calendar({ version: 'v3', auth: signInOnly.oauth, rootUrl: `${emu.url}/`, retry: false });
    const noScope = await googleError(calendar.events.list({ calendarId: 'primary' }));
    expect(noScope.status).toBe(403);
    expect(noScope.reasons).toEqual(['insufficientPermissions']);
  });

  it('answers prompt=none after the first consent, authenticates the client by HTTP Basic, and honours plain PKCE', async () => {
    const basic = oauthClient({ clientAuthentication: ClientAuthentication.ClientSecretBasic });
    const first = await signIn({ account: 'fay@acme.test', pkce: 'plain', oauth: basic });
    expect(first.callback.searchParams.get('prompt')).toBe('consent');
    const { tokens } = await basic.getToken({ code: first.code, codeVerifier: first.codeVerifier });
    expect(idTokenClaims(tokens.id_token!).email).toBe('fay@acme.test');

    const again = await signIn({ account: 'fay@acme.test' });
    expect(again.callback.searchParams.get('prompt')).toBe('none');
  });

  it('issues codes and ID tokens without PKCE, and email alone still brings openid', async () => {
    const { oauth, code, callback } = await signIn({ account: 'cara@acme.test', pkce: 'none', scope: ['email'] });
    expect(callback.searchParams.get('scope')).toBe(`email ${G}userinfo.email openid`);
    const { tokens } = await oauth.getToken({ code });
    expect(tokens.scope).toBe(`${G}userinfo.email openid`);
    const claims = idTokenClaims(tokens.id_token!);
    expect(claims).toMatchObject({ email: 'cara@acme.test', email_verified: true });
    expect(claims.name).toBeUndefined();
    expect(claims.nonce).toBeUndefined();
  });

  it('redirects with error=access_denied and the state on Cancel', async () => {
    const url = oauthClient().generateAuthUrl({ scope: SIGN_IN, state: 'xyz-123' });
    const form = parseSignInForm((await openPage(url)).html, url);
    const answer = await submitForm(form, { action: 'cancel' });
    expect(answer.status).toBe(302);
    const landed = await followRedirect(answer, app);
    expect(Object.fromEntries(landed.searchParams)).toEqual({ error: 'access_denied', state: 'xyz-123' });
    // The request is closed: its form cannot be used again.
    const reused = await submitForm(form, { account: 'ana@acme.test' });
    expect(reused.status).toBe(400);
    expect(reused.location).toBeUndefined();
  });

  it('does not let a suspended user sign in: shown disabled, a forced POST gets the chooser again with an alert', async () => {
    const url = oauthClient().generateAuthUrl({ scope: SIGN_IN, hd: 'acme.test', login_hint: 'dan@acme.test' });
    const form = parseSignInForm((await openPage(url)).html, url);
    const dan = form.accounts.find((a) => a.email === 'dan@acme.test')!;
    expect(dan).toMatchObject({ disabled: true, checked: false });
    const forced = await submitForm(form, { account: 'dan@acme.test' });
    expect(forced.status).toBe(403);
    expect(forced.location).toBeUndefined();
    expect(parseSignInForm(forced.html, url).alert).toMatch(/dan@acme\.test has been suspended/);
    // Same request, another account: signs in.
    const landed = await followRedirect(await submitForm(form, { account: 'ana@acme.test' }), app);
    expect(landed.searchParams.get('code')).toMatch(/^4\//);
  });

  it('asks again for an account that is missing or unknown', async () => {
    const url = oauthClient().generateAuthUrl({ scope: SIGN_IN });
    const form = parseSignInForm((await openPage(url)).html, url);
    const none = await submitForm({ ...form, accounts: [] });
    expect(none.status).toBe(400);
    expect(parseSignInForm(none.html, url).alert).toBe('Choose an account to continue.');
    const unknown = await submitForm(form, { account: 'nobody@acme.test' });
    expect(parseSignInForm(unknown.html, url).alert).toMatch(/Couldn't find a Google Account for nobody@acme\.test/);
  });

  it('treats hd as a hint: the chooser shows that domain, the code and the hd claim tell who really signed in', async () => {
    const url = oauthClient().generateAuthUrl({ scope: SIGN_IN, hd: 'other.test' });
    const form = parseSignInForm((await openPage(url)).html, url);
    expect(form.accounts.map((a) => a.email)).toEqual(['olga@other.test']);
    const landed = await followRedirect(await submitForm(form, { account: 'ana@acme.test' }), app);
    expect(landed.searchParams.get('hd')).toBe('acme.test');
    const { tokens } = await oauthClient().getToken({ code: landed.searchParams.get('code')! });
    expect(idTokenClaims(tokens.id_token!).hd).toBe('acme.test');
  });

  it("puts a secondary domain in hd (or, with hostedDomainClaim=primaryDomain, the customer's primary domain)", async () => {
    const own = await signIn({ account: 'lab@acme-labs.test' });
    expect(own.callback.searchParams.get('hd')).toBe('acme-labs.test');
    expect(idTokenClaims((await own.oauth.getToken({ code: own.code, codeVerifier: own.codeVerifier })).tokens.id_token!).hd).toBe(
      'acme-labs.test',
    );

    expect((await emu.control('PATCH', '/settings', { hostedDomainClaim: 'primaryDomain' })).status).toBe(200);
    try {
      const primary = await signIn({ account: 'lab@acme-labs.test', hd: 'acme.test' });
      expect(primary.form.accounts.map((a) => a.email)).toContain('lab@acme-labs.test');
      expect(primary.callback.searchParams.get('hd')).toBe('acme.test');
      const { tokens } = await primary.oauth.getToken({ code: primary.code, codeVerifier: primary.codeVerifier });
      expect(idTokenClaims(tokens.id_token!)).toMatchObject({ hd: 'acme.test', email: 'lab@acme-labs.test' });
    } finally {
      await emu.control('PATCH', '/settings', { hostedDomainClaim: 'userDomain' });
    }
    expect((await emu.control('PATCH', '/settings', { hostedDomainClaim: 'nonsense' })).status).toBe(400);
  });

  it('serves the legacy /o/oauth2/auth path and redirects prompt=none to login_required (no browser session)', async () => {
    const legacy = new URL(oauthClient().generateAuthUrl({ scope: SIGN_IN, state: 's1' }));
    legacy.pathname = '/o/oauth2/auth';
    const page = await openPage(legacy.toString());
    expect(page.status).toBe(200);
    expect(parseSignInForm(page.html, legacy.toString()).action).toBe(`${emu.url}/o/oauth2/auth`);

    const silent = await openPage(oauthClient().generateAuthUrl({ scope: SIGN_IN, state: 's2', prompt: 'none' }));
    expect(silent.status).toBe(302);
    expect(Object.fromEntries(new URL(silent.location!).searchParams)).toEqual({ error: 'login_required', state: 's2' });
  });

  it('publishes a discovery document and the keys as a JWK set', async () => {
    const discovery = (await (await fetch(`${emu.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: 'https://accounts.google.com',
      authorization_endpoint: `${emu.url}/o/oauth2/v2/auth`,
      token_endpoint: `${emu.url}/token`,
      code_challenge_methods_supported: ['plain', 'S256'],
    });
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as { keys: Array<Record<string, unknown>> };
    const pems = (await (await fetch(`${emu.url}/oauth2/v1/certs`)).json()) as Record<string, string>;
    expect(jwks.keys.map((k) => k.kid)).toEqual(Object.keys(pems));
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
  });
});

describe('the authorization endpoint refuses bad requests with Google’s error page, never a redirect', () => {
  const valid = (): Record<string, string> => ({
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email',
    state: 'st',
  });
  const open = async (change: (params: Record<string, string>) => void) => {
    const params = valid();
    change(params);
    return openPage(`${emu.url}/o/oauth2/v2/auth?${new URLSearchParams(params)}`);
  };

  it.each<[string, (p: Record<string, string>) => void, number, string, string]>([
    [
      'an unknown client_id',
      (p) => (p.client_id = 'nobody.apps.googleusercontent.com'),
      401,
      'invalid_client',
      'The OAuth client was not found.',
    ],
    ['no client_id', (p) => delete p.client_id, 400, 'invalid_request', 'Missing required parameter: client_id'],
    [
      'a redirect_uri not registered (trailing slash)',
      (p) => (p.redirect_uri = `${redirectUri}/`),
      400,
      'redirect_uri_mismatch',
      'does not match the ones authorized for the OAuth client',
    ],
    [
      'a redirect_uri of another host',
      (p) => (p.redirect_uri = 'https://evil.example/admin/oauth/callback'),
      400,
      'redirect_uri_mismatch',
      'The redirect URI in the request, https://evil.example/admin/oauth/callback,',
    ],
    ['no redirect_uri', (p) => delete p.redirect_uri, 400, 'invalid_request', 'Missing required parameter: redirect_uri'],
    ['no response_type', (p) => delete p.response_type, 400, 'invalid_request', 'Required parameter is missing: response_type'],
    ['response_type=token', (p) => (p.response_type = 'token'), 400, 'unsupported_response_type', 'Unsupported response type: token'],
    ['no scope', (p) => delete p.scope, 400, 'invalid_request', 'Missing required parameter: scope'],
    [
      'an unknown scope',
      (p) => (p.scope = 'openid email calendar'),
      400,
      'invalid_scope',
      `Some requested scopes were invalid. {valid=[openid, ${G}userinfo.email], invalid=[calendar]}`,
    ],
    [
      'code_challenge_method s256',
      (p) => Object.assign(p, { code_challenge: 'a'.repeat(43), code_challenge_method: 's256' }),
      400,
      'invalid_request',
      "Invalid parameter value for code_challenge_method: 's256' is not a valid CodeChallengeMethod",
    ],
    [
      'code_challenge_method without code_challenge',
      (p) => (p.code_challenge_method = 'S256'),
      400,
      'invalid_request',
      'Missing required parameter: code_challenge',
    ],
    [
      'a code_challenge too short',
      (p) => Object.assign(p, { code_challenge: 'short', code_challenge_method: 'S256' }),
      400,
      'invalid_request',
      'Invalid parameter value for code_challenge.',
    ],
    [
      'prompt=none with consent',
      (p) => (p.prompt = 'none consent'),
      400,
      'invalid_request',
      'Invalid parameter value for prompt: none consent',
    ],
    ['access_type=forever', (p) => (p.access_type = 'forever'), 400, 'invalid_request', 'Invalid access_type: forever'],
  ])('%s', async (_case, change, status, error, text) => {
    const page = await open(change);
    expect(page.status).toBe(status);
    expect(page.location).toBeUndefined();
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toContain(`Error ${status}: ${error}`);
    expect(page.html).toContain(text.replace(/'/g, '&#39;'));
    expect(page.html).toContain('Access blocked: Authorization Error');
  });

  it('says deleted_client for a deleted client, at the page and at the token endpoint', async () => {
    const doomed = (await emu.control<OAuthClient>('POST', '/oauthClients', { redirectUris: [redirectUri] })).body;
    expect(doomed.clientId).toMatch(/^\d{12}-[a-v0-9]{32}\.apps\.googleusercontent\.com$/);
    expect(doomed.clientSecret).toMatch(/^GOCSPX-/);
    const { code, codeVerifier } = await signIn({
      oauth: oauthClient({ clientId: doomed.clientId, clientSecret: doomed.clientSecret }),
      account: 'ana@acme.test',
    });
    expect((await emu.control('DELETE', `/oauthClients/${doomed.clientId}`)).status).toBe(204);
    const page = await open((p) => (p.client_id = doomed.clientId));
    expect(page.status).toBe(401);
    expect(page.html).toContain('Error 401: deleted_client');
    const exchange = await refusal(
      oauthClient({ clientId: doomed.clientId, clientSecret: doomed.clientSecret }).getToken({ code, codeVerifier }),
    );
    expect(exchange).toEqual([401, 'invalid_client: The OAuth client was deleted.']);
  });

  it('escapes what the request echoes', async () => {
    const page = await open((p) => Object.assign(p, { client_id: '<script>alert(1)</script>' }));
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });
});

describe('POST /token with grant_type=authorization_code: Google’s refusals', () => {
  it('redeems a code once: a second exchange is invalid_grant', async () => {
    const { oauth, code, codeVerifier } = await signIn({ account: 'ana@acme.test' });
    await expect(oauth.getToken({ code, codeVerifier })).resolves.toHaveProperty('tokens.access_token');
    expect(await refusal(oauth.getToken({ code, codeVerifier }))).toEqual([400, 'invalid_grant: Bad Request']);
  });

  it('lets a code wait 10 minutes on the emulator clock, not longer', async () => {
    const clock = emu.emulator.state.clock;
    const late = await signIn({ account: 'ana@acme.test' });
    const onTime = await signIn({ account: 'ana@acme.test' });
    clock.advance(9 * 60_000 + 50_000);
    try {
      await expect(onTime.oauth.getToken({ code: onTime.code, codeVerifier: onTime.codeVerifier })).resolves.toHaveProperty(
        'tokens.id_token',
      );
      clock.advance(11_000);
      expect(await refusal(late.oauth.getToken({ code: late.code, codeVerifier: late.codeVerifier }))).toEqual([
        400,
        'invalid_grant: Bad Request',
      ]);
    } finally {
      clock.advance(-(9 * 60_000 + 61_000));
    }
  });

  it('checks the PKCE verifier: a wrong one, a missing one, and one the request never announced', async () => {
    const wrong = await signIn({ account: 'ana@acme.test' });
    const otherVerifier = (await wrong.oauth.generateCodeVerifierAsync()).codeVerifier;
    expect(await refusal(wrong.oauth.getToken({ code: wrong.code, codeVerifier: otherVerifier }))).toEqual([
      400,
      'invalid_grant: Invalid code verifier.',
    ]);

    const missing = await signIn({ account: 'ana@acme.test' });
    expect(await refusal(missing.oauth.getToken({ code: missing.code }))).toEqual([400, 'invalid_grant: Missing code verifier.']);

    const unannounced = await signIn({ account: 'ana@acme.test', pkce: 'none' });
    const unannouncedAnswer = await refusal(unannounced.oauth.getToken({ code: unannounced.code, codeVerifier: unannounced.codeVerifier }));
    expect(unannouncedAnswer).toEqual([400, 'invalid_grant: code_verifier or verifier is not needed']);
  });

  it('needs the redirect_uri of the authorization request', async () => {
    const { oauth, code, codeVerifier } = await signIn({ account: 'ana@acme.test' });
    expect(await refusal(oauth.getToken({ code, codeVerifier, redirect_uri: `${app.url}/elsewhere` }))).toEqual([
      400,
      'redirect_uri_mismatch: Bad Request',
    ]);
  });

  it('authenticates the client: wrong secret and unknown client 401 invalid_client, no secret invalid_request, another client’s code unauthorized_client', async () => {
    const first = await signIn({ account: 'ana@acme.test' });
    const exchange = (oauth: OAuth2Client) => oauth.getToken({ code: first.code, codeVerifier: first.codeVerifier });
    expect(await refusal(exchange(oauthClient({ clientSecret: 'GOCSPX-wrong' })))).toEqual([401, 'invalid_client: Unauthorized']);
    const wrongBasic = oauthClient({ clientSecret: 'GOCSPX-wrong', clientAuthentication: ClientAuthentication.ClientSecretBasic });
    expect(await refusal(exchange(wrongBasic))).toEqual([401, 'invalid_client: Unauthorized']);
    expect(await refusal(exchange(oauthClient({ clientAuthentication: ClientAuthentication.None })))).toEqual([
      400,
      'invalid_request: client_secret is missing.',
    ]);
    expect(await refusal(exchange(oauthClient({ clientId: 'ghost.apps.googleusercontent.com' })))).toEqual([
      401,
      'invalid_client: The OAuth client was not found.',
    ]);
    // None of these attempts got as far as the code: it is still good.
    await expect(first.oauth.getToken({ code: first.code, codeVerifier: first.codeVerifier })).resolves.toHaveProperty(
      'tokens.access_token',
    );

    const second = await signIn({ account: 'ana@acme.test' });
    const thief = oauthClient({ clientId: otherClient.clientId, clientSecret: otherClient.clientSecret });
    expect(await refusal(thief.getToken({ code: second.code, codeVerifier: second.codeVerifier }))).toEqual([
      401,
      'unauthorized_client: Unauthorized',
    ]);
  });

  it('refuses a malformed (still %-encoded) code, a missing code, and a user suspended since sign-in', async () => {
    const { code, codeVerifier } = await signIn({ account: 'ben@acme.test' });
    const base = {
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
    };
    expect(await postToken({ ...base, code: encodeURIComponent(code) })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Malformed auth code.' },
    });
    expect(await postToken(base)).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameter: code' },
    });

    await emu.control('POST', '/users/ben@acme.test/suspend');
    try {
      expect(await postToken({ ...base, code })).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Bad Request' },
      });
    } finally {
      await emu.control('POST', '/users/ben@acme.test/unsuspend');
    }
  });

  it('still runs the JWT-bearer grant, and names an unknown grant type', async () => {
    await expect(emu.jwt('ana@acme.test').authorize()).resolves.toHaveProperty('access_token');
    expect(await postToken({ grant_type: 'password' })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' },
    });
  });
});

describe('OAuth clients through the control API', () => {
  it('lists, reads and replaces clients, and refuses redirect URIs Google would', async () => {
    const listed = await emu.control<{ oauthClients: OAuthClient[] }>('GET', '/oauthClients');
    expect(listed.body.oauthClients.map((c) => c.clientId)).toEqual(expect.arrayContaining([client.clientId, otherClient.clientId]));
    expect((await emu.control<OAuthClient>('GET', `/oauthClients/${client.clientId}`)).body.redirectUris).toEqual([redirectUri]);
    expect((await emu.control('GET', '/oauthClients/nope')).status).toBe(404);

    const fixed = {
      clientId: 'fixed.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-fixed',
      redirectUris: ['https://together.example/admin/oauth/callback'],
    };
    expect((await emu.control<OAuthClient>('POST', '/oauthClients', fixed)).body).toMatchObject({ ...fixed, name: 'Emulated app' });
    const replaced = await emu.control<OAuthClient>('POST', '/oauthClients', { ...fixed, redirectUris: ['http://localhost:9090/cb'] });
    expect(replaced.body.redirectUris).toEqual(['http://localhost:9090/cb']);

    for (const bad of [
      'http://together.example/cb',
      'https://together.example/cb#x',
      'https://user:pw@together.example/cb',
      'https://*.example/cb',
      'not a uri',
    ]) {
      const answer = await emu.control<{ error: { message: string } }>('POST', '/oauthClients', { redirectUris: [bad] });
      expect(answer.status).toBe(400);
    }
    expect((await emu.control('POST', '/oauthClients', { redirectUris: [] })).status).toBe(400);
  });
});
