import type { OAuthClient } from '../../backend/emulator/index.js';
import { describe, expect, it } from '@jest/globals';
import { client, emu, G, oauthClient, redirectUri, refusal, signIn, useOAuthWorld } from './support/oauth-world.js';
import { openPage } from './support/sign-in.js';

useOAuthWorld();

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
