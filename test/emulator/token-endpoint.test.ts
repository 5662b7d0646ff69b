import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { google } from 'googleapis';
import { SCOPES, googleError, jwtFor } from './support/google-clients.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

const UNAUTHORIZED_CLIENT =
  'unauthorized_client: Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.';

/** A JWT client with extra claims (google-auth-library merges them over its own, so aud/iat/exp can be bent). */
function jwtWithClaims(subject: string, additionalClaims: Record<string, unknown>) {
  const jwt = new google.auth.JWT({
    email: emu.key.client_email,
    key: emu.key.private_key,
    scopes: [SCOPES.calendar],
    subject,
    additionalClaims,
  });
  jwt.transporter.interceptors.request.add({
    resolved: async (config) => {
      const url = new URL(String(config.url));
      if (url.origin === 'https://oauth2.googleapis.com') config.url = new URL(url.pathname, emu.url);
      return config;
    },
  });
  return jwt;
}

describe('POST /token (JWT-bearer grant with domain-wide delegation)', () => {
  it('issues a Bearer token valid for 3599 s to a user inside the install', async () => {
    const before = Date.now();
    const credentials = await emu.jwt('ana@acme.test').authorize();
    expect(credentials.access_token).toMatch(/^ya29\./);
    expect(credentials.token_type).toBe('Bearer');
    expect(credentials.expiry_date! - before).toBeGreaterThanOrEqual(3598_000);
    expect(credentials.expiry_date! - before).toBeLessThanOrEqual(3600_000);
  });

  it('reaches users through an org unit below the granted one and through a granted group', async () => {
    await expect(emu.jwt('ben@acme.test').authorize()).resolves.toHaveProperty('access_token');
    await expect(emu.jwt('boss@acme.test').authorize()).resolves.toHaveProperty('access_token');
  });

  it('refuses a bad signature with invalid_grant 400', async () => {
    const forged = new google.auth.JWT({
      email: emu.key.client_email,
      key: emu.otherKey.private_key,
      scopes: [SCOPES.calendar],
      subject: 'ana@acme.test',
    });
    forged.transporter.interceptors.request.add({
      resolved: async (config) => {
        config.url = new URL(new URL(String(config.url)).pathname, emu.url);
        return config;
      },
    });
    const error = await googleError(forged.authorize());
    expect(error.status).toBe(400);
    expect(error.message).toBe('invalid_grant: Invalid JWT Signature.');
  });

  it('refuses a wrong audience and a lifetime over one hour', async () => {
    const wrongAud = await googleError(jwtWithClaims('ana@acme.test', { aud: 'https://example.com/token' }).authorize());
    expect(wrongAud.status).toBe(400);
    expect(wrongAud.message).toMatch(/^invalid_grant: Invalid JWT/);
    const now = Math.floor(Date.now() / 1000);
    const longLived = await googleError(jwtWithClaims('ana@acme.test', { iat: now, exp: now + 7200 }).authorize());
    expect(longLived.status).toBe(400);
    expect(longLived.message).toBe(
      'invalid_grant: Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values and use a clock with skew to account for clock differences between systems.',
    );
    const stale = await googleError(jwtWithClaims('ana@acme.test', { iat: now - 7200, exp: now - 3600 }).authorize());
    expect(stale.message).toMatch(/short-lived token/);
  });

  it.each([
    ['an unknown user', 'nobody@acme.test', 'invalid_grant: Invalid email or User ID'],
    ['a user of an unknown domain', 'someone@elsewhere.test', 'invalid_grant: Invalid email or User ID'],
    ['a suspended user', 'dan@acme.test', 'invalid_grant: Invalid email or User ID'],
    ['a subject that is not an email', 'not-an-email', 'invalid_grant: Not a valid email'],
  ])('refuses %s with 400', async (_case, subject, message) => {
    const error = await googleError(emu.jwt(subject).authorize());
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
  });

  it('answers "The account has been deleted" for a deleted user', async () => {
    expect((await emu.control('POST', '/users', { email: 'gone@acme.test', orgUnitPath: '/Engineering' })).status).toBe(200);
    await expect(emu.jwt('gone@acme.test').authorize()).resolves.toHaveProperty('access_token');
    expect((await emu.control('DELETE', '/users/gone@acme.test')).status).toBe(204);
    expect((await googleError(emu.jwt('gone@acme.test').authorize())).message).toBe('invalid_grant: The account has been deleted');
  });

  it('refuses a user outside the grant reach, a scope not granted, and a domain without install: unauthorized_client 401', async () => {
    const outside = await googleError(emu.jwt('eve@acme.test').authorize());
    expect(outside).toMatchObject({ status: 401, message: UNAUTHORIZED_CLIENT });
    const scope = await googleError(
      emu.jwt('ana@acme.test', [SCOPES.calendar, 'https://www.googleapis.com/auth/gmail.readonly']).authorize(),
    );
    expect(scope).toMatchObject({ status: 401, message: UNAUTHORIZED_CLIENT });
    const noInstall = await googleError(emu.jwt('olga@other.test').authorize());
    expect(noInstall).toMatchObject({ status: 401, message: UNAUTHORIZED_CLIENT });
    const otherClient = await googleError(jwtFor(emu.url, emu.otherKey, 'ana@acme.test', [SCOPES.calendar]).authorize());
    expect(otherClient).toMatchObject({ status: 401, message: UNAUTHORIZED_CLIENT });
  });

  it('refuses an empty scope with invalid_scope 400', async () => {
    const error = await googleError(jwtWithClaims('ana@acme.test', { scope: '' }).authorize());
    expect(error).toMatchObject({ status: 400, message: 'invalid_scope: Empty or missing scope not allowed.' });
  });

  it('follows grants and suspensions changed through the controls', async () => {
    const { body } = await emu.control<{ id: string }>('POST', '/grants', {
      clientId: emu.otherKey.client_id,
      domain: 'other.test',
      scopes: [SCOPES.calendar],
      reach: 'domain',
    });
    await expect(jwtFor(emu.url, emu.otherKey, 'olga@other.test', [SCOPES.calendar]).authorize()).resolves.toHaveProperty('access_token');
    expect((await emu.control('DELETE', `/grants/${body.id}`)).status).toBe(204);
    expect((await googleError(jwtFor(emu.url, emu.otherKey, 'olga@other.test', [SCOPES.calendar]).authorize())).status).toBe(401);

    await emu.control('POST', '/users/fay@acme.test/suspend');
    expect((await googleError(emu.jwt('fay@acme.test').authorize())).status).toBe(400);
    await emu.control('POST', '/users/fay@acme.test/unsuspend');
    await expect(emu.jwt('fay@acme.test').authorize()).resolves.toHaveProperty('access_token');
  });
});
