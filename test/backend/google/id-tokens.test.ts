import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../../backend/emulator/index.js';
import { GoogleEndpoints } from '../../../backend/google/endpoints.js';
import { IdTokenVerifier } from '../../../backend/google/id-tokens.js';

const AUDIENCE = 'addon-client.apps.googleusercontent.com';
let emulator: RunningEmulator;
let verifier: IdTokenVerifier;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { domains: [{ name: 'acme.test' }], users: [{ email: 'ana@acme.test' }] } });
  verifier = new IdTokenVerifier(new GoogleEndpoints(emulator.url), [AUDIENCE]);
});
afterAll(async () => {
  await emulator.close();
});

async function mint(options: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${emulator.url}/emulator/v1/idTokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ana@acme.test', audience: AUDIENCE, ...options }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
}

describe('ID token verification against the emulated Google certificates', () => {
  it('accepts a token Google issued for the add-on, and reads who it is', async () => {
    expect(await verifier.verify(await mint())).toMatchObject({
      email: 'ana@acme.test',
      emailVerified: true,
      hostedDomain: 'acme.test',
      audience: AUDIENCE,
    });
  });

  it('refuses expired tokens, other audiences, unknown keys and other issuers', async () => {
    await expect(verifier.verify(await mint({ expired: true }))).rejects.toThrow(/too late/i);
    await expect(verifier.verify(await mint({ audience: 'someone-else' }))).rejects.toThrow(/audience/i);
    await expect(verifier.verify(await mint({ unknownKey: true }))).rejects.toThrow();
    await expect(verifier.verify(await mint({ issuer: 'https://evil.example.com' }))).rejects.toThrow(/issuer/i);
    await expect(verifier.verify('not.a.jwt')).rejects.toThrow();
  });

  it('reports an unverified email for the caller to refuse', async () => {
    expect((await verifier.verify(await mint({ emailVerified: false }))).emailVerified).toBe(false);
  });
});
