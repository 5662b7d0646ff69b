// How a user's grant ends, over HTTP with google-auth-library's OAuth2Client and the typed control helper:
// /revoke, "Remove access" in the Google Account, refresh tokens unused too long, suspension, an org's admin
// policy, injected token-endpoint faults, and the refresh grant's refusals.
import { describe, expect, it } from '@jest/globals';
import { google } from 'googleapis';
import { emulatorControl } from '../support/emulator-control.js';
import { emu, G, oauthClient, postToken, redirectUri, refusal, signIn, SIGN_IN, useOAuthWorld } from './support/oauth-world.js';
import { googleError } from './support/google-clients.js';
import { openPage, parseSignInForm, submitForm, textOf } from './support/sign-in.js';

useOAuthWorld();

const CALENDAR = `${G}calendar`;
const DAY = 24 * 3600_000;
const EXPIRED = 'invalid_grant: Token has been expired or revoked.';
const control = () => emulatorControl(emu.url);

/** A fresh web client, and a user who went through its consent with offline access: the backend's stored refresh token. */
async function connected(account: string, scope = [...SIGN_IN, CALENDAR]) {
  const registered = await control().registerOAuthClient({ name: 'Together', redirectUris: [redirectUri] });
  const oauth = oauthClient({ clientId: registered.clientId, clientSecret: registered.clientSecret });
  const { code, codeVerifier } = await signIn({ oauth, account, scope, accessType: 'offline' });
  const { tokens } = await oauth.getToken({ code, codeVerifier });
  expect(tokens.refresh_token).toBeDefined();
  /** A backend's OAuth2Client holding only the refresh token. */
  const stored = () => {
    const client = oauthClient({ clientId: registered.clientId, clientSecret: registered.clientSecret });
    client.setCredentials({ refresh_token: tokens.refresh_token! });
    return client;
  };
  return { registered, oauth, tokens, stored };
}

const calendarOf = (auth: ReturnType<typeof oauthClient>) => google.calendar({ version: 'v3', auth, rootUrl: `${emu.url}/`, retry: false });

describe('POST /revoke', () => {
  it('revoking the refresh token ends the grant: the next refresh is invalid_grant, earlier access tokens are dead, consent starts over', async () => {
    const { oauth, tokens, stored, registered } = await connected('ana@acme.test');
    const refreshed = (await stored().refreshAccessToken()).credentials;
    expect(await control().oauthGrants('ana@acme.test')).toEqual([
      expect.objectContaining({ clientId: registered.clientId, scopes: expect.arrayContaining([CALENDAR]), refreshTokens: 1 }),
    ]);

    await oauth.revokeToken(tokens.refresh_token!);
    expect(await refusal(stored().refreshAccessToken())).toEqual([400, EXPIRED]);
    const withOldToken = oauthClient({ clientId: registered.clientId, clientSecret: registered.clientSecret });
    withOldToken.setCredentials({ access_token: refreshed.access_token! });
    const dead = await googleError(calendarOf(withOldToken).events.list({ calendarId: 'primary' }));
    expect(dead.status).toBe(401);
    expect(await control().oauthGrants('ana@acme.test')).toEqual([]);

    // Revoked twice: Google's invalid_token.
    const again = await fetch(`${emu.url}/revoke?token=${encodeURIComponent(tokens.refresh_token!)}`, { method: 'POST' });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_token', error_description: 'Token expired or revoked' });

    // A first consent again: offline access brings a refresh token back.
    const back = await signIn({ oauth, account: 'ana@acme.test', scope: [...SIGN_IN, CALENDAR], accessType: 'offline' });
    expect(back.callback.searchParams.get('prompt')).toBe('consent');
    expect((await oauth.getToken({ code: back.code, codeVerifier: back.codeVerifier })).tokens.refresh_token).toMatch(/^1\/\//);
  });

  it('revoking an access token (token in the form body) ends its refresh token too', async () => {
    const { tokens, stored } = await connected('ben@acme.test');
    const answer = await fetch(`${emu.url}/revoke`, { method: 'POST', body: new URLSearchParams({ token: tokens.access_token! }) });
    expect(answer.status).toBe(200);
    expect(await refusal(stored().refreshAccessToken())).toEqual([400, EXPIRED]);
  });

  it('refuses an unknown token and a request without one', async () => {
    const unknown = await fetch(`${emu.url}/revoke?token=ya29.nothing`, { method: 'POST' });
    expect([unknown.status, await unknown.json()]).toEqual([
      400,
      { error: 'invalid_token', error_description: 'Token expired or revoked' },
    ]);
    const none = await fetch(`${emu.url}/revoke`, { method: 'POST' });
    expect([none.status, await none.json()]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Missing required parameter: token' },
    ]);
  });
});

describe('the user removes the app’s access in their Google Account', () => {
  it('makes the next refresh invalid_grant and leaves the user’s other apps alone', async () => {
    const together = await connected('cara@acme.test');
    const other = await connected('cara@acme.test');
    await control().removeAppAccess('cara@acme.test', together.registered.clientId);
    expect(await refusal(together.stored().refreshAccessToken())).toEqual([400, EXPIRED]);
    expect((await other.stored().getAccessToken()).token).toMatch(/^ya29\./);
    expect((await control().oauthGrants('cara@acme.test')).map((g) => g.clientId)).toEqual([other.registered.clientId]);
    await expect(control().removeAppAccess('cara@acme.test', together.registered.clientId)).rejects.toThrow(/404/);
  });
});

describe('the limit of 100 refresh tokens per user and client', () => {
  it('ends the oldest without warning when a 101st is issued; the others keep working', async () => {
    const { registered, oauth, stored } = await connected('ben@acme.test');
    const later: string[] = [];
    for (let i = 0; i < 100; i++) {
      const again = await signIn({ oauth, account: 'ben@acme.test', scope: [CALENDAR], accessType: 'offline', prompt: 'consent' });
      later.push((await oauth.getToken({ code: again.code, codeVerifier: again.codeVerifier })).tokens.refresh_token!);
    }
    expect(await refusal(stored().refreshAccessToken())).toEqual([400, EXPIRED]);
    const second = oauthClient({ clientId: registered.clientId, clientSecret: registered.clientSecret });
    second.setCredentials({ refresh_token: later[0]! });
    expect((await second.getAccessToken()).token).toMatch(/^ya29\./);
    expect((await control().oauthGrants('ben@acme.test')).find((g) => g.clientId === registered.clientId)?.refreshTokens).toBe(100);
  });
});

describe('the refresh grant’s refusals', () => {
  it('answers Google’s errors for a missing token, another client, a wrong secret, an unknown token and a suspended user', async () => {
    const { registered, tokens, stored } = await connected('fay@acme.test');
    const base = { grant_type: 'refresh_token', client_id: registered.clientId, client_secret: registered.clientSecret };
    expect(await postToken(base)).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameter: refresh_token' },
    });
    expect(await postToken({ ...base, refresh_token: '1//0unknown' })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    expect((await postToken({ ...base, client_secret: 'GOCSPX-wrong', refresh_token: tokens.refresh_token! })).body).toEqual({
      error: 'invalid_client',
      error_description: 'Unauthorized',
    });
    const stranger = await control().registerOAuthClient({ name: 'Another', redirectUris: [redirectUri] });
    expect(
      await postToken({
        ...base,
        client_id: stranger.clientId,
        client_secret: stranger.clientSecret,
        refresh_token: tokens.refresh_token!,
      }),
    ).toEqual({ status: 401, body: { error: 'unauthorized_client', error_description: 'Unauthorized' } });
    expect(await postToken({ ...base, grant_type: 'password' })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' },
    });

    await control().setSuspended('fay@acme.test', true);
    try {
      expect(await refusal(stored().refreshAccessToken())).toEqual([400, EXPIRED]);
    } finally {
      await control().setSuspended('fay@acme.test', false);
    }
    expect((await stored().refreshAccessToken()).credentials.access_token).toMatch(/^ya29\./);
  });

  it('is subject to injected oauth2.token faults like the other grants', async () => {
    const { stored } = await connected('boss@acme.test');
    await control().setFaults({ errors: [{ method: 'oauth2.token', status: 500, rate: 1 }] });
    try {
      expect(await refusal(stored().refreshAccessToken())).toEqual([500, 'internal_failure: Backend Error']);
    } finally {
      await control().clearFaults();
    }
    expect((await stored().refreshAccessToken()).credentials.access_token).toMatch(/^ya29\./);
  });
});

describe('admin policy: the Workspace does not trust the app for Calendar', () => {
  it('ends the consent on the admin_policy_enforced page, stops existing refresh tokens, and lets sign-in alone through', async () => {
    const { registered, stored } = await connected('ana@acme.test');
    const beforeOther = await connected('olga@other.test');
    const policy = await control().setAdminPolicy({ domain: 'acme.test', clientId: registered.clientId, restrictedServices: ['calendar'] });
    expect(policy).toEqual({
      customerId: 'C0acme',
      clientId: registered.clientId,
      restrictedServices: ['calendar'],
      domains: ['acme.test', 'acme-labs.test'],
    });
    try {
      const message =
        'Access to your account data is restricted by policies within your organization. Please contact the administrator for acme.test for more information.';
      expect(await refusal(stored().refreshAccessToken())).toEqual([400, `admin_policy_enforced: ${message}`]);

      const oauth = oauthClient({ clientId: registered.clientId, clientSecret: registered.clientSecret });
      for (const account of ['ben@acme.test', 'lab@acme-labs.test']) {
        const url = oauth.generateAuthUrl({ scope: [...SIGN_IN, CALENDAR], login_hint: account, state: 'blocked', access_type: 'offline' });
        const blocked = await submitForm(parseSignInForm((await openPage(url)).html, url));
        expect(blocked.status).toBe(400);
        expect(blocked.location).toBeUndefined();
        expect(textOf(blocked.html)).toContain('Error 400: admin_policy_enforced');
        expect(textOf(blocked.html)).toContain(message);
        expect(textOf(blocked.html)).toContain(`state blocked`);
        expect((await control().oauthGrants(account)).map((g) => g.clientId)).not.toContain(registered.clientId);
      }
      // Sign-in scopes alone are not restricted; another customer's users are not concerned.
      const signInOnly = await signIn({ oauth, account: 'ben@acme.test', scope: SIGN_IN });
      expect((await oauth.getToken({ code: signInOnly.code, codeVerifier: signInOnly.codeVerifier })).tokens.id_token).toBeDefined();
      expect((await beforeOther.stored().getAccessToken()).token).toMatch(/^ya29\./);
    } finally {
      await control().clearAdminPolicy('acme.test', registered.clientId);
    }
    expect((await stored().refreshAccessToken()).credentials.access_token).toMatch(/^ya29\./);
    await expect(control().clearAdminPolicy('acme.test', registered.clientId)).rejects.toThrow(/404/);
  });

  it('refuses a policy for an unknown service or domain', async () => {
    const bad = await emu.control('PUT', '/adminPolicies', { domain: 'acme.test', clientId: 'x', restrictedServices: ['gmail'] });
    expect(bad.status).toBe(400);
    expect(
      (await emu.control('PUT', '/adminPolicies', { domain: 'nowhere.test', clientId: 'x', restrictedServices: ['calendar'] })).status,
    ).toBe(404);
    expect((await control().send<{ adminPolicies: unknown[] }>('GET', '/adminPolicies')).adminPolicies).toEqual([]);
  });
});

describe('refresh tokens unused too long', () => {
  it('default to six months and expire after the configured idle period on the emulator clock; each refresh restarts it', async () => {
    expect((await control().send<{ refreshTokenIdleMs: number }>('GET', '/settings')).refreshTokenIdleMs).toBe(183 * DAY);
    const { stored } = await connected('eve@acme.test');
    const start = (await control().send<{ nowMs: number }>('GET', '/clock')).nowMs;
    await control().setRefreshTokenIdleMs(DAY);
    try {
      await control().send('POST', '/clock', { advanceMs: DAY - 60_000 });
      expect((await stored().refreshAccessToken()).credentials.access_token).toMatch(/^ya29\./);
      await control().send('POST', '/clock', { advanceMs: DAY - 60_000 });
      expect((await stored().refreshAccessToken()).credentials.access_token).toMatch(/^ya29\./);
      await control().send('POST', '/clock', { advanceMs: DAY + 60_000 });
      expect(await refusal(stored().refreshAccessToken())).toEqual([400, EXPIRED]);
      // Gone for good, even with the idle period long again.
      await control().setRefreshTokenIdleMs(183 * DAY);
      expect(await refusal(stored().refreshAccessToken())).toEqual([400, EXPIRED]);
      expect((await control().oauthGrants('eve@acme.test'))[0]).toMatchObject({ refreshTokens: 0, lastUsedAt: null });
    } finally {
      await control().setRefreshTokenIdleMs(183 * DAY);
      await control().send('POST', '/clock', { set: start });
    }
  });
});

describe('refresh-token rotation (opt-in per client, not Google’s default)', () => {
  /** One refresh with `token` through OAuth2Client: the refresh token the answer carried (the 'tokens' event), if any. */
  async function refreshWith(registered: { clientId: string; clientSecret: string }, token: string): Promise<string | undefined> {
    const client = oauthClient({ clientId: registered.clientId, clientSecret: registered.clientSecret });
    client.setCredentials({ refresh_token: token });
    let rotated: string | undefined;
    client.on('tokens', (tokens) => {
      if (tokens.refresh_token && tokens.refresh_token !== token) rotated = tokens.refresh_token;
    });
    expect((await client.refreshAccessToken()).credentials.access_token).toMatch(/^ya29\./);
    return rotated;
  }

  it('answers a new refresh token; the replaced one works until the new one is first used, then ends', async () => {
    const { registered, tokens } = await connected('ben@acme.test');
    const first = tokens.refresh_token!;
    expect(await refreshWith(registered, first)).toBeUndefined();
    expect((await control().setRefreshTokenRotation(registered.clientId, true)).rotateRefreshTokens).toBe(true);

    const second = await refreshWith(registered, first);
    expect(second).toMatch(/^1\/\//);
    expect(second).not.toBe(first);
    // The answer was lost (a crash before storing it): the replaced token still works, and its unstored successor ends.
    const third = await refreshWith(registered, first);
    expect(third).toMatch(/^1\/\//);
    expect(await refusal(refreshWith(registered, second!))).toEqual([400, EXPIRED]);
    const grant = async () => (await control().oauthGrants('ben@acme.test')).find((g) => g.clientId === registered.clientId)!;
    expect((await grant()).refreshTokens).toBe(2);

    // The new one used: the one it replaced stops working.
    const fourth = await refreshWith(registered, third!);
    expect(await refusal(refreshWith(registered, first))).toEqual([400, EXPIRED]);
    expect((await grant()).refreshTokens).toBe(2);

    // Rotation off again: the same token keeps working, and what it replaced ends at its first use.
    await control().setRefreshTokenRotation(registered.clientId, false);
    expect(await refreshWith(registered, fourth!)).toBeUndefined();
    expect(await refusal(refreshWith(registered, third!))).toEqual([400, EXPIRED]);
    expect(await refreshWith(registered, fourth!)).toBeUndefined();
    expect((await grant()).refreshTokens).toBe(1);
  });

  it('forgets one refresh token on request, and refuses bad control input', async () => {
    const { registered, tokens } = await connected('cara@acme.test');
    await control().forgetRefreshToken(tokens.refresh_token!);
    expect(await refusal(refreshWith(registered, tokens.refresh_token!))).toEqual([400, EXPIRED]);
    expect((await emu.control('POST', '/refreshTokens/forget', { token: tokens.refresh_token })).status).toBe(404);
    expect((await emu.control('POST', '/refreshTokens/forget', {})).status).toBe(400);
    expect((await emu.control('PATCH', `/oauthClients/${registered.clientId}`, { rotateRefreshTokens: 'yes' })).status).toBe(400);
    expect((await emu.control('PATCH', '/oauthClients/unknown.apps.googleusercontent.com', { rotateRefreshTokens: true })).status).toBe(
      404,
    );
  });
});
