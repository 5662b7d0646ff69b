import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { ClientAuthentication } from 'google-auth-library';
import { google } from 'googleapis';
import { app, client, emu, G, idTokenClaims, oauthClient, signIn, SIGN_IN, useOAuthWorld } from './support/oauth-world.js';
import { googleError } from './support/google-clients.js';
import { followRedirect, openPage, parseSignInForm, submitForm } from './support/sign-in.js';

useOAuthWorld();

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
