import type { OAuthClient } from '../../backend/emulator/index.js';
import { describe, expect, it } from '@jest/globals';
import { ClientAuthentication, OAuth2Client } from 'google-auth-library';
import {
  app,
  client,
  emu,
  oauthClient,
  otherClient,
  postToken,
  redirectUri,
  refusal,
  signIn,
  useOAuthWorld,
} from './support/oauth-world.js';

useOAuthWorld();

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
