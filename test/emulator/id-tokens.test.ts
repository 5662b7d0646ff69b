import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OAuth2Client } from 'google-auth-library';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

const AUDIENCE = '123456789-script.apps.googleusercontent.com';
let emu: TestEmulator;
let verifier: OAuth2Client;
beforeAll(async () => {
  emu = await startTestEmulator();
  verifier = new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: `${emu.url}/oauth2/v1/certs` } });
});
afterAll(async () => {
  await emu.close();
});

const mint = async (options: Record<string, unknown>): Promise<string> => {
  const { status, body } = await emu.control<{ idToken: string }>('POST', '/idTokens', {
    email: 'ana@acme.test',
    audience: AUDIENCE,
    ...options,
  });
  expect(status).toBe(200);
  return body.idToken;
};

describe('ID tokens (ScriptApp.getIdentityToken stand-in)', () => {
  it('verifies with OAuth2Client.verifyIdToken against the emulator certs', async () => {
    const idToken = await mint({});
    const ticket = await verifier.verifyIdToken({ idToken, audience: AUDIENCE });
    const payload = ticket.getPayload();
    expect(payload).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: AUDIENCE,
      azp: AUDIENCE,
      email: 'ana@acme.test',
      email_verified: true,
      hd: 'acme.test',
    });
    expect(payload?.sub).toMatch(/^\d+$/);
    expect(payload!.exp - payload!.iat).toBe(3600);
    expect(JSON.parse(Buffer.from(idToken.split('.')[0]!, 'base64url').toString())).toMatchObject({
      alg: 'RS256',
      kid: expect.any(String),
    });
  });

  it('serves the PEM certs by kid with Cache-Control max-age', async () => {
    const fresh = new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: `${emu.url}/oauth2/v1/certs` } });
    const { certs, res } = await fresh.getFederatedSignonCertsAsync();
    const kid = JSON.parse(Buffer.from((await mint({})).split('.')[0]!, 'base64url').toString()).kid as string;
    expect(certs[kid]).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(res?.headers.get('cache-control')).toMatch(/max-age=\d+/);
  });

  it('mints tampered variants that verification refuses or flags', async () => {
    await expect(verifier.verifyIdToken({ idToken: await mint({ expired: true }), audience: AUDIENCE })).rejects.toThrow(
      /Token used too late/,
    );
    await expect(verifier.verifyIdToken({ idToken: await mint({ audience: 'someone-else' }), audience: AUDIENCE })).rejects.toThrow(
      /Wrong recipient/,
    );
    await expect(verifier.verifyIdToken({ idToken: await mint({ unknownKey: true }), audience: AUDIENCE })).rejects.toThrow(
      /Invalid token signature/,
    );
    await expect(verifier.verifyIdToken({ idToken: await mint({ issuer: 'https://evil.example' }), audience: AUDIENCE })).rejects.toThrow(
      /Invalid issuer/,
    );
    const unverified = await verifier.verifyIdToken({ idToken: await mint({ emailVerified: false }), audience: AUDIENCE });
    expect(unverified.getPayload()?.email_verified).toBe(false);
  });

  it('needs a known user and an audience', async () => {
    expect((await emu.control('POST', '/idTokens', { email: 'nobody@acme.test', audience: AUDIENCE })).status).toBe(404);
    expect((await emu.control('POST', '/idTokens', { email: 'ana@acme.test' })).status).toBe(400);
  });
});
