/** Shared world and helpers of the emulator's OAuth 2.0 / OpenID Connect tests. */
import { afterAll, beforeAll, expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ClientAuthentication, CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { OAuthClient } from '../../../backend/emulator/index.js';
import { startTestEmulator, testSeed, type TestEmulator } from './emulator.js';
import { googleError } from './google-clients.js';
import { followRedirect, openPage, parseSignInForm, startCallbackServer, submitForm, type CallbackServer } from './sign-in.js';

export const G = 'https://www.googleapis.com/auth/';
export const SIGN_IN = ['openid', 'email', 'profile'];

// Live bindings: set by useOAuthWorld's beforeAll, read by the tests once they run.
export let emu: TestEmulator;
export let app: CallbackServer;
export let redirectUri: string;
export let client: OAuthClient;
export let otherClient: OAuthClient;

/** The file's world: a callback app, an emulator whose acme.test customer also owns acme-labs.test, and two registered web clients. */
export function useOAuthWorld(): void {
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
}

/** google-auth-library's OAuth2Client for the registered web client, every endpoint on the emulator. */
export function oauthClient(
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
      oauth2RevokeUrl: `${emu.url}/revoke`,
      oauth2FederatedSignonPemCertsUrl: `${emu.url}/oauth2/v1/certs`,
    },
  });
}

export interface SignInOptions {
  account?: string;
  scope?: string[];
  pkce?: 'S256' | 'plain' | 'none';
  hd?: string;
  nonce?: string;
  oauth?: OAuth2Client;
  accessType?: 'online' | 'offline';
  prompt?: string;
  includeGrantedScopes?: boolean;
  /** Scope boxes the user unticks on the consent screen. */
  untick?: string[];
}

/** The whole browser part: generateAuthUrl (PKCE from generateCodeVerifierAsync) → chooser → POST → the app's callback. */
export async function signIn(options: SignInOptions = {}) {
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
    ...(options.accessType ? { access_type: options.accessType } : {}),
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.includeGrantedScopes !== undefined ? { include_granted_scopes: options.includeGrantedScopes } : {}),
    ...(pkce === 'S256' ? { code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 } : {}),
    ...(pkce === 'plain' ? { code_challenge: codeVerifier, code_challenge_method: CodeChallengeMethod.Plain } : {}),
  });
  const page = await openPage(url);
  expect(page.status).toBe(200);
  const form = parseSignInForm(page.html, url);
  const callback = await followRedirect(
    await submitForm(form, { account: options.account, ...(options.untick ? { untick: options.untick } : {}) }),
    app,
  );
  expect(callback.pathname).toBe('/admin/oauth/callback');
  return { oauth, url, page, form, callback, state, codeVerifier, code: callback.searchParams.get('code')! };
}

export const idTokenClaims = (idToken: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** How the token endpoint refused a library call: status and `error: error_description` (OAuth2Client's message has only the error). */
export async function refusal(call: Promise<unknown>): Promise<[number, string]> {
  const error = await googleError(call);
  const body = error.data as { error?: string; error_description?: string };
  return [error.status, `${body.error}: ${body.error_description}`];
}

/** A form POST to the token endpoint without the library, for cases it cannot produce. */
export async function postToken(
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emu.url}/token`, { method: 'POST', body: new URLSearchParams(fields), headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
