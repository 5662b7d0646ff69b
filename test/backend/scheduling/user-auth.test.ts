import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import request from 'supertest';
import { expectStatus } from '../../support/app.js';
import { as, DOMAIN, idToken, startWorld } from './support.js';

const world = useWorld(() => startWorld());

const me = (token: string) => request(world().app).get('/addon/v1/me').set('Authorization', `Bearer ${token}`);

describe('user API authentication with Google ID tokens', () => {
  it('knows the signed-in person, their organization and matchings', async () => {
    const response = await me(await idToken(world(), `ana@${DOMAIN}`));
    expectStatus(response, 200);
    expect(response.body).toMatchObject({
      person: { id: world().mentor.id, email: `ana@${DOMAIN}`, timeZone: 'Europe/Madrid' },
      organization: { id: world().organizationId },
      calendarConnected: true,
      matchings: [
        {
          id: world().matchingId,
          role: 'mentor',
          agenda: 'Growing as a first-time manager',
          program: { name: 'Leadership 2027', sessionDurations: [30, 60] },
          match: { id: world().mentee.id, timeZone: 'America/Los_Angeles' },
        },
      ],
    });
  });

  it('refuses a missing, forged or expired token, another audience or issuer, an unknown key and an unverified email with 401', async () => {
    const missing = await request(world().app).get('/addon/v1/me');
    expectStatus(missing, 401);
    expect(missing.body.error.code).toBe('unauthenticated');
    expect(missing.headers['www-authenticate']).toContain('together-addon');

    const good = await idToken(world(), `ana@${DOMAIN}`);
    const [header, payload] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, email: `cleo@${DOMAIN}` })).toString('base64url');
    const tokens = {
      forged: `${header}.${forgedPayload}.${good.split('.')[2]}`,
      garbage: 'not-a-jwt',
      expired: await idToken(world(), `ana@${DOMAIN}`, { expired: true }),
      audience: await idToken(world(), `ana@${DOMAIN}`, { audience: 'someone-else.apps.googleusercontent.com' }),
      issuer: await idToken(world(), `ana@${DOMAIN}`, { issuer: 'https://evil.example' }),
      unknownKey: await idToken(world(), `ana@${DOMAIN}`, { unknownKey: true }),
      unverified: await idToken(world(), `ana@${DOMAIN}`, { emailVerified: false }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const response = await me(token);
      if (response.status !== 401) throw new Error(`${name}: expected 401, got ${response.status} ${JSON.stringify(response.body)}`);
      expect(response.body.error.code).toBe('unauthenticated');
    }
  });

  it('answers 403 to people of domains no organization has and to unknown people of ours, saying nothing more', async () => {
    const other = await me(await idToken(world(), 'zoe@nowhere.test'));
    expectStatus(other, 403);
    expect(other.body.error.code).toBe('forbidden');
    const unknown = await me(await idToken(world(), `zed@${DOMAIN}`));
    expectStatus(unknown, 403);
    expect(unknown.body.error.message).toBe(other.body.error.message);
    // A valid token of another organization sees nothing of ours either.
    const olga = await as(world(), 'olga@other.test');
    const slots = await olga.get(`/matchings/${world().matchingId}/slots`);
    expectStatus(slots, 403);
  });

  it("hides other people's matchings and sessions whether they exist or not", async () => {
    const ana = await as(world(), `ana@${DOMAIN}`);
    const theirs = await ana.get(`/matchings/${world().strangerMatchingId}/slots?duration=30`);
    const none = await ana.get('/matchings/00000000-0000-4000-8000-000000000000/slots?duration=30');
    const junk = await ana.get('/matchings/not-a-uuid/slots?duration=30');
    for (const response of [theirs, none, junk]) {
      expectStatus(response, 403);
      expect(response.body.error).toMatchObject({ code: 'forbidden', message: theirs.body.error.message });
    }
    const session = await ana.get('/sessions/00000000-0000-4000-8000-000000000000');
    expectStatus(session, 403);
  });
});
