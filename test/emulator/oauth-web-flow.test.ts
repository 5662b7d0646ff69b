// The whole web-server flow with google-auth-library's OAuth2Client over HTTP: the consent screen's scope
// boxes (granular consent), refresh tokens (offline access, first consent, prompt=consent), the refresh grant,
// include_granted_scopes, and the user's own token reaching their calendar, counted per user.
import { describe, expect, it } from '@jest/globals';
import { google } from 'googleapis';
import type { OAuthClient } from '../../backend/emulator/index.js';
import { app, emu, G, oauthClient, redirectUri, signIn, SIGN_IN, useOAuthWorld } from './support/oauth-world.js';
import { googleError } from './support/google-clients.js';
import { followRedirect, openPage, parseSignInForm, submitForm } from './support/sign-in.js';

useOAuthWorld();

const CALENDAR = `${G}calendar`;
const CALENDAR_READONLY = `${G}calendar.readonly`;

/** A web client of its own, so each test starts from a user who never granted it anything. */
async function freshClient(): Promise<ReturnType<typeof oauthClient>> {
  const registered = (await emu.control<OAuthClient>('POST', '/oauthClients', { name: 'Together', redirectUris: [redirectUri] })).body;
  return oauthClient({ clientId: registered.clientId, clientSecret: registered.clientSecret });
}

const calendarOf = (auth: ReturnType<typeof oauthClient>) => google.calendar({ version: 'v3', auth, rootUrl: `${emu.url}/`, retry: false });

describe('the consent screen', () => {
  it('offers the Sign-In scopes as one statement and a ticked box per other scope, the login_hint account preselected', async () => {
    const oauth = await freshClient();
    const url = oauth.generateAuthUrl({ scope: [...SIGN_IN, CALENDAR, CALENDAR_READONLY], login_hint: 'ana@acme.test', state: 's' });
    const page = await openPage(url);
    expect(page.status).toBe(200);
    const form = parseSignInForm(page.html, url);
    expect(form.accounts.find((a) => a.checked)?.email).toBe('ana@acme.test');
    expect(form.scopes).toEqual([
      {
        scope: CALENDAR,
        label: `See, edit, share, and permanently delete all the calendars you can access using Google Calendar ${CALENDAR}`,
        checked: true,
      },
      { scope: CALENDAR_READONLY, label: expect.stringContaining('See and download any calendar'), checked: true },
    ]);
    expect(page.html).toContain('Select what Together can access');
    expect(page.html).toContain('See your primary Google Account email address');
    expect(form.buttons).toEqual(['allow', 'cancel']);
  });

  it('grants only the ticked scopes: Calendar unticked leaves it out of the callback, the token and the access', async () => {
    const oauth = await freshClient();
    const { callback, code, codeVerifier } = await signIn({
      oauth,
      account: 'ana@acme.test',
      scope: [...SIGN_IN, CALENDAR],
      untick: [CALENDAR],
    });
    expect(callback.searchParams.get('scope')).toBe(`email profile ${G}userinfo.email ${G}userinfo.profile openid`);
    const { tokens } = await oauth.getToken({ code, codeVerifier });
    expect(tokens.scope).toBe(`${G}userinfo.email ${G}userinfo.profile openid`);
    oauth.setCredentials(tokens);
    const refused = await googleError(calendarOf(oauth).events.list({ calendarId: 'primary' }));
    expect(refused.status).toBe(403);
    expect(refused.reasons).toEqual(['insufficientPermissions']);
    expect(refused.message).toBe('Request had insufficient authentication scopes.');
  });

  it('treats a consent that grants nothing as a refusal: access_denied with the state', async () => {
    const oauth = await freshClient();
    const url = oauth.generateAuthUrl({ scope: [CALENDAR], state: 'nothing', login_hint: 'ana@acme.test' });
    const form = parseSignInForm((await openPage(url)).html, url);
    const landed = await followRedirect(await submitForm(form, { untick: [CALENDAR] }), app);
    expect(Object.fromEntries(landed.searchParams)).toEqual({ error: 'access_denied', state: 'nothing' });
  });
});

describe('refresh tokens', () => {
  it('come with offline access on first consent, then not again until prompt=consent', async () => {
    const oauth = await freshClient();
    const first = await signIn({ oauth, account: 'ben@acme.test', scope: [...SIGN_IN, CALENDAR], accessType: 'offline' });
    expect(first.callback.searchParams.get('prompt')).toBe('consent');
    const { tokens } = await oauth.getToken({ code: first.code, codeVerifier: first.codeVerifier });
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens.scope).toBe(`${G}userinfo.email ${G}userinfo.profile ${CALENDAR} openid`);
    expect(tokens.id_token).toBeDefined();

    const again = await signIn({ oauth, account: 'ben@acme.test', scope: [...SIGN_IN, CALENDAR], accessType: 'offline' });
    expect(again.callback.searchParams.get('prompt')).toBe('none');
    expect((await oauth.getToken({ code: again.code, codeVerifier: again.codeVerifier })).tokens.refresh_token).toBeUndefined();

    const forced = await signIn({
      oauth,
      account: 'ben@acme.test',
      scope: [...SIGN_IN, CALENDAR],
      accessType: 'offline',
      prompt: 'consent',
    });
    expect(forced.callback.searchParams.get('prompt')).toBe('consent');
    const fresh = (await oauth.getToken({ code: forced.code, codeVerifier: forced.codeVerifier })).tokens.refresh_token;
    expect(fresh).toMatch(/^1\/\//);
    expect(fresh).not.toBe(tokens.refresh_token);

    // Both stay valid: a new refresh token does not end the older one.
    for (const refreshToken of [tokens.refresh_token!, fresh!]) {
      const client = oauthClient({ clientId: oauth._clientId!, clientSecret: oauth._clientSecret! });
      client.setCredentials({ refresh_token: refreshToken });
      expect((await client.getAccessToken()).token).toMatch(/^ya29\./);
    }
  });

  it('do not come with online access', async () => {
    const oauth = await freshClient();
    const online = await signIn({ oauth, account: 'cara@acme.test', scope: [...SIGN_IN, CALENDAR] });
    expect((await oauth.getToken({ code: online.code, codeVerifier: online.codeVerifier })).tokens.refresh_token).toBeUndefined();
  });

  it('refresh into a new access token with the granted scope; the refresh token stays valid and reaches the calendar', async () => {
    const oauth = await freshClient();
    const { code, codeVerifier } = await signIn({ oauth, account: 'fay@acme.test', scope: [...SIGN_IN, CALENDAR], accessType: 'offline' });
    const { tokens } = await oauth.getToken({ code, codeVerifier });

    const backend = oauthClient({ clientId: oauth._clientId!, clientSecret: oauth._clientSecret! });
    backend.setCredentials({ refresh_token: tokens.refresh_token! });
    const { credentials } = await backend.refreshAccessToken();
    expect(credentials.access_token).toMatch(/^ya29\./);
    expect(credentials.access_token).not.toBe(tokens.access_token);
    expect(credentials.scope).toBe(`${G}userinfo.email ${G}userinfo.profile ${CALENDAR} openid`);
    expect(credentials.refresh_token).toBe(tokens.refresh_token);
    // Google's answer itself: the library turns expires_in into an expiry on its own wall clock.
    const raw = await fetch(`${emu.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token!,
        client_id: oauth._clientId!,
        client_secret: oauth._clientSecret!,
      }),
    });
    expect(((await raw.json()) as { expires_in?: number }).expires_in).toBeGreaterThan(3590);

    await emu.control('DELETE', '/requests');
    const calendar = calendarOf(backend);
    const created = await calendar.events.insert({
      calendarId: 'primary',
      requestBody: { summary: 'Mentoring', start: { dateTime: '2031-03-04T10:00:00Z' }, end: { dateTime: '2031-03-04T10:30:00Z' } },
    });
    expect(created.data.organizer?.email).toBe('fay@acme.test');
    expect((await calendar.events.get({ calendarId: 'fay@acme.test', eventId: created.data.id! })).data.summary).toBe('Mentoring');
    const busy = await calendar.freebusy.query({
      requestBody: { timeMin: '2031-03-04T00:00:00Z', timeMax: '2031-03-05T00:00:00Z', items: [{ id: 'primary' }] },
    });
    expect(busy.data.calendars?.primary?.busy).toEqual([{ start: '2031-03-04T10:00:00Z', end: '2031-03-04T10:30:00Z' }]);
    // Only the user's own calendar: another person's is not found, as for an unshared calendar.
    expect((await googleError(calendar.events.list({ calendarId: 'ana@acme.test' }))).status).toBe(404);

    // A second refresh with the same token works too.
    backend.setCredentials({ refresh_token: tokens.refresh_token! });
    expect((await backend.refreshAccessToken()).credentials.access_token).toMatch(/^ya29\./);

    const log = (
      await emu.control<{ perSubject: Record<string, Record<string, number>>; tokenRequests: Record<string, number> }>('GET', '/requests')
    ).body;
    expect(log.perSubject['fay@acme.test']).toEqual({
      'calendar.events.insert': 1,
      'calendar.events.get': 1,
      'calendar.freebusy.query': 1,
      'calendar.events.list': 1,
    });
    expect(log.tokenRequests['fay@acme.test']).toBe(1);
  });

  it('with include_granted_scopes, a later consent adds to what was granted before; without it, it does not', async () => {
    const oauth = await freshClient();
    const first = await signIn({ oauth, account: 'eve@acme.test', scope: [...SIGN_IN], accessType: 'offline' });
    await oauth.getToken({ code: first.code, codeVerifier: first.codeVerifier });

    const narrow = await signIn({ oauth, account: 'eve@acme.test', scope: [CALENDAR] });
    expect(narrow.callback.searchParams.get('scope')).toBe(CALENDAR);
    expect((await oauth.getToken({ code: narrow.code, codeVerifier: narrow.codeVerifier })).tokens.scope).toBe(CALENDAR);

    const wide = await signIn({ oauth, account: 'eve@acme.test', scope: [CALENDAR_READONLY], includeGrantedScopes: true });
    const { tokens } = await oauth.getToken({ code: wide.code, codeVerifier: wide.codeVerifier });
    expect(tokens.scope!.split(' ').sort()).toEqual(
      [CALENDAR, CALENDAR_READONLY, `${G}userinfo.email`, `${G}userinfo.profile`, 'openid'].sort(),
    );
    expect(wide.callback.searchParams.get('scope')!.split(' ')).toContain(CALENDAR);
  });
});
