import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import request from 'supertest';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { auditEntries, setUpOrganization } from './support.js';
import { startVerificationWorld, textOf, type CallbackAnswer, type Customer } from './verification-world.js';

const world = useWorld(() => startVerificationWorld());

const snapshot = () => world().snapshot();

/** An organization claiming the customer's primary domain, and a started verification of it. */
async function started(c: Customer) {
  const org = await world().organization([c.primary]);
  const response = await org.api.post('/domains/verifications', { domain: c.primary });
  expectStatus(response, 201);
  const verification = response.body.verification as { id: string; authorizationUrl: string };
  return { org, verification, state: new URL(verification.authorizationUrl).searchParams.get('state')! };
}

function expectPage(page: CallbackAnswer, status: number, heading: string): void {
  expect(page.status).toBe(status);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  expect(page.html).not.toMatch(/<script/i);
  expect(page.html).toContain(`<h1>${heading}</h1>`);
}

describe('domain verification: what fails, fails in plain words and verifies nothing', () => {
  it('a signed-in user who is not a super administrator: FAILED not_workspace_admin, nothing verified', async () => {
    const c = await world().newCustomer();
    const { org, verification } = await started(c);
    const page = await world().signIn(verification.authorizationUrl, { account: c.member });
    expectPage(page, 403, 'You need a super administrator');
    expect(textOf(page.html)).toContain(`You signed in as ${c.member}, who is not a super administrator of ${c.primary}.`);
    const shown = (await org.api.get(`/domains/verifications/${verification.id}`)).body.verification;
    expect(shown).toMatchObject({
      status: 'FAILED',
      failure: { code: 'not_workspace_admin', message: expect.stringContaining('super administrator') },
      signedInAs: c.member,
      verifiedDomains: [],
    });
    expect(await world().db.prisma.workspaceDomain.findUnique({ where: { domain: c.primary } })).toMatchObject({
      verifiedAt: null,
      verifiedBy: null,
      customerId: null,
    });
    const failed = (await auditEntries(world().db, org.id)).at(-1);
    expect(failed).toMatchObject({
      action: 'domain.verification.failed',
      actorType: 'ADMIN_TOKEN',
      actorId: org.api.tokenId,
      details: { domain: c.primary, code: 'not_workspace_admin', googleAccount: c.member },
    });
  });

  it('a super administrator of another customer (hd of another Workspace): FAILED wrong_workspace', async () => {
    const c = await world().newCustomer();
    const other = await world().newCustomer();
    const { org, verification } = await started(c);
    // hd is only a hint: the chooser shows c's accounts, but the browser posts another customer's admin.
    const page = await world().signIn(verification.authorizationUrl, { account: other.admin });
    expectPage(page, 403, `This account is not part of ${c.primary}`);
    expect(textOf(page.html)).toContain(
      `You signed in as ${other.admin}, whose Google Workspace does not include ${c.primary}. Sign in with a super administrator of ${c.primary}.`,
    );
    expect((await org.api.get(`/domains/verifications/${verification.id}`)).body.verification).toMatchObject({
      status: 'FAILED',
      failure: { code: 'wrong_workspace' },
      signedInAs: other.admin,
      customerId: other.customerId,
    });
    expect(await world().db.prisma.workspaceDomain.findUnique({ where: { domain: c.primary } })).toMatchObject({ verifiedAt: null });
  });

  it('a domain of the Workspace that Google has not verified: FAILED domain_not_verified_in_google', async () => {
    const c = await world().newCustomer();
    const org = await world().organization([c.unverified]);
    const response = await org.api.post('/domains/verifications', { domain: c.unverified });
    const page = await world().signIn(response.body.verification.authorizationUrl, { account: c.admin });
    expect(page.status).toBe(409);
    expect(textOf(page.html)).toContain('Google has not verified it yet');
    expect((await org.api.get(`/domains/verifications/${response.body.verification.id}`)).body.verification.failure.code).toBe(
      'domain_not_verified_in_google',
    );
    expect(await world().db.prisma.workspaceDomain.findUnique({ where: { domain: c.primary } })).toBeNull();
  });

  it('a code Google refuses at the exchange: FAILED sign_in_failed; Google down: FAILED google_unavailable', async () => {
    const c = await world().newCustomer();
    const refused = await started(c);
    const callback = await world().authorize(refused.verification.authorizationUrl, { account: c.admin });
    callback.searchParams.set('code', `${callback.searchParams.get('code')!}x`);
    const page = await world().callback(callback.search);
    expectPage(page, 400, `${c.primary} was not verified`);
    expect(textOf(page.html)).toContain('Google did not confirm the sign-in (invalid_grant)');
    expect((await refused.org.api.get(`/domains/verifications/${refused.verification.id}`)).body.verification.failure.code).toBe(
      'sign_in_failed',
    );

    const c2 = await world().newCustomer();
    const down = await started(c2);
    await world().emu.control('PUT', '/faults', { errors: [{ method: 'directory.users.get', status: 503, rate: 1 }] });
    try {
      const unavailable = await world().signIn(down.verification.authorizationUrl, { account: c2.admin });
      expectPage(unavailable, 503, 'Google did not answer');
      expect((await down.org.api.get(`/domains/verifications/${down.verification.id}`)).body.verification.failure.code).toBe(
        'google_unavailable',
      );
    } finally {
      await world().emu.control('DELETE', '/faults');
    }
    for (const domain of [c.primary, c2.primary])
      expect(await world().db.prisma.workspaceDomain.findUnique({ where: { domain } })).toMatchObject({ verifiedAt: null });
  });

  it('Cancel at Google (error=access_denied): FAILED access_denied, the state used up', async () => {
    const c = await world().newCustomer();
    const { org, verification } = await started(c);
    const page = await world().signIn(verification.authorizationUrl, { action: 'cancel' });
    expect(new URL(page.callbackUrl).searchParams.get('error')).toBe('access_denied');
    expectPage(page, 200, 'Sign-in cancelled');
    expect(textOf(page.html)).toContain(`The sign-in was cancelled, so ${c.primary} was not verified.`);
    expect((await org.api.get(`/domains/verifications/${verification.id}`)).body.verification).toMatchObject({
      status: 'FAILED',
      failure: { code: 'access_denied' },
      signedInAs: null,
    });
    const before = await snapshot();
    expectPage(await world().callback(new URL(page.callbackUrl).search), 400, 'This sign-in link has already been used');
    expect(await snapshot()).toEqual(before);
  });

  it('a state used twice, unknown, missing or repeated: a 400 page, nothing changed', async () => {
    const c = await world().newCustomer();
    const { verification } = await started(c);
    const page = await world().signIn(verification.authorizationUrl, { account: c.admin });
    expect(page.status).toBe(200);
    const before = await snapshot();
    const replay = await world().callback(new URL(page.callbackUrl).search);
    expectPage(replay, 400, 'This sign-in link has already been used');
    expect(textOf(replay.html)).toContain('Nothing was changed.');
    const code = new URL(page.callbackUrl).searchParams.get('code')!;
    expectPage(
      await world().callback(`?state=${'A'.repeat(43)}&code=${encodeURIComponent(code)}`),
      400,
      'Together does not recognise this sign-in',
    );
    expectPage(await world().callback(`?state=not-ours&code=x`), 400, 'Together does not recognise this sign-in');
    expectPage(await world().callback(`?code=${encodeURIComponent(code)}`), 400, 'This sign-in link is not complete');
    expectPage(await world().callback(`?state=a&state=b&code=x`), 400, 'This sign-in link is not complete');
    expect(await snapshot()).toEqual(before);
  });

  it('a state older than 10 minutes on the application clock: a 400 page, nothing changed; the verification reads as FAILED expired', async () => {
    const c = await world().newCustomer();
    const { org, verification } = await started(c);
    world().clock.advance(10 * 60_000 + 1_000);
    try {
      const before = await snapshot();
      const page = await world().signIn(verification.authorizationUrl, { account: c.admin });
      expectPage(page, 400, 'This sign-in link has expired');
      expect(await snapshot()).toEqual(before);
      expect((await org.api.get(`/domains/verifications/${verification.id}`)).body.verification).toMatchObject({
        status: 'FAILED',
        failure: { code: 'expired', message: expect.stringContaining('within 10 minutes') },
      });
    } finally {
      world().clock.reset();
    }
    // A state still inside its 10 minutes is accepted.
    const c2 = await world().newCustomer();
    const fresh = await started(c2);
    world().clock.advance(9 * 60_000);
    try {
      expect((await world().signIn(fresh.verification.authorizationUrl, { account: c2.admin })).status).toBe(200);
    } finally {
      world().clock.reset();
    }
  });
});

describe('domain verification: tenancy and input', () => {
  it('another organization’s token can neither start nor read a verification', async () => {
    const c = await world().newCustomer();
    const { org, verification } = await started(c);
    const stranger = await world().organization([`stranger-${c.customerId.toLowerCase()}.example.com`]);
    const before = await snapshot();
    const strangerApi = stranger.api;
    // The stranger's token on the other organization's paths: 404 like an unknown organization, no body read.
    const start = await request(world().url)
      .post(`/admin/v1/organizations/${org.id}/domains/verifications`)
      .set('Authorization', `Bearer ${strangerApi.token}`)
      .send({ domain: c.primary });
    expect(start.status).toBe(404);
    expect(start.body.error.code).toBe('not_found');
    const read = await request(world().url)
      .get(`/admin/v1/organizations/${org.id}/domains/verifications/${verification.id}`)
      .set('Authorization', `Bearer ${strangerApi.token}`);
    expect(read.status).toBe(404);
    // Its own path with the other organization's verification id: the same 404.
    const own = await strangerApi.get(`/domains/verifications/${verification.id}`);
    expectStatus(own, 404);
    expect(own.body.error).toMatchObject({ code: 'not_found', message: 'No such domain verification.' });
    expect(own.text).not.toContain(c.primary);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['no body', undefined, 'domain'],
    ['no domain', {}, 'domain'],
    ['not a DNS name', { domain: 'not a domain' }, 'domain'],
    ['a single label', { domain: 'localhost' }, 'domain'],
    ['an unknown field', { domain: 'acme.test', hd: 'acme.test' }, 'hd'],
    ['a number', { domain: 42 }, 'domain'],
  ])('bad input (%s) is 400 invalid_request and starts nothing', async (_name, body, field) => {
    const org = await world().organization([`input-${Math.random().toString(36).slice(2, 8)}.example.com`]);
    const before = await snapshot();
    const response = await org.api.post('/domains/verifications', body);
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({
      code: 'invalid_request',
      details: { location: 'body', issues: [expect.objectContaining({ field })] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('a form body is 415, an unknown or malformed verification id 404, no token 401', async () => {
    const org = await world().organization([`more-${Math.random().toString(36).slice(2, 8)}.example.com`]);
    const form = await org.api.post('/domains/verifications').type('form').send('domain=acme.test');
    expectStatus(form, 415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await org.api.get(`/domains/verifications/${id}`);
      expectStatus(response, 404);
      expect(response.body.error.code).toBe('not_found');
    }
    const anonymous = await request(world().url)
      .post(`/admin/v1/organizations/${org.id}/domains/verifications`)
      .send({ domain: 'acme.test' });
    expect(anonymous.status).toBe(401);
  });

  it('without a Google OAuth client configured: 503 not_ready, and no callback route', async () => {
    const db = await createTestDatabase();
    try {
      const { api, app } = await setUpOrganization(db, { workspaceSignIn: undefined });
      const response = await api.post('/domains/verifications', { domain: 'acme.test' });
      expectStatus(response, 503);
      expect(response.body.error.code).toBe('not_ready');
      expect(await db.prisma.domainVerification.count()).toBe(0);
      expect((await request(app).get('/admin/oauth/callback?state=x&code=y')).status).toBe(404);
    } finally {
      await db.close();
    }
  });
});
