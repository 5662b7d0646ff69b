import { beforeEach, describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { createHash } from 'node:crypto';
import { expectStatus } from '../../support/app.js';
import { auditEntries } from './support.js';
import { OAUTH_CLIENT, startVerificationWorld, textOf } from './verification-world.js';

const G = 'https://www.googleapis.com/auth/';

const world = useWorld(() => startVerificationWorld());
beforeEach(async () => {
  await world().emu.control('DELETE', '/requests');
});

const domainRow = (domain: string) => world().db.prisma.workspaceDomain.findUnique({ where: { domain } });

describe('domain verification: a Workspace super administrator proves a domain by signing in with Google', () => {
  it('starts with Google’s authorization URL (code + PKCE S256, hd, state, select_account), verifies on the callback, and audits who verified what', async () => {
    const c = await world().newCustomer();
    const org = await world().organization([c.primary], 'Acme Mentoring');

    const started = await org.api.post('/domains/verifications', { domain: ` ${c.primary.toUpperCase()}. ` });
    expectStatus(started, 201);
    const verification = started.body.verification;
    expect(started.headers.location).toBe(`/admin/v1/organizations/${org.id}/domains/verifications/${verification.id}`);
    expect(started.headers['cache-control']).toBe('no-store');
    expect(verification).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      domain: c.primary,
      status: 'PENDING',
      authorizationUrl: expect.any(String),
      expiresAt: expect.any(String),
      confirmBy: null,
      failure: null,
      verifiedDomains: [],
      signedInAs: null,
      customerId: null,
      createdAt: expect.any(String),
      completedAt: null,
    });
    expect(Date.parse(verification.expiresAt) - Date.parse(verification.createdAt)).toBe(10 * 60_000);

    const url = new URL(verification.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${world().emu.url}/o/oauth2/v2/auth`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: OAUTH_CLIENT.clientId,
      redirect_uri: world().redirectUri,
      scope: `openid email ${G}admin.directory.user.readonly ${G}admin.directory.domain.readonly`,
      hd: c.primary,
      prompt: 'select_account',
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params).not.toHaveProperty('code_verifier');

    // Stored: the state only as its hash, the verifier only on the server.
    const stored = await world().db.prisma.domainVerification.findUniqueOrThrow({ where: { id: verification.id } });
    expect(stored.stateHash).toBe(createHash('sha256').update(params.state!).digest('hex'));
    expect(stored.codeVerifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(started.text).not.toContain(stored.codeVerifier!);
    expect(stored.startedByTokenId).toBe(org.api.tokenId);

    const page = await world().signIn(verification.authorizationUrl, { account: c.admin });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$/,
    );
    expect(page.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page.html).not.toMatch(/<script|<link|<img|<iframe|src=|https?:\/\//i);
    expect(page.html).toContain('<title>Domain verified – Verify your Google Workspace domain – Together</title>');
    expect(textOf(page.html)).toContain(`${c.primary} is verified`);
    expect(textOf(page.html)).toContain(
      `${c.admin}, a super administrator of its Google Workspace, proved that ${c.primary} belongs to the Together organization Acme Mentoring.`,
    );

    const shown = await org.api.get(`/domains/verifications/${verification.id}`);
    expectStatus(shown, 200);
    expect(shown.body.verification).toMatchObject({
      status: 'VERIFIED',
      authorizationUrl: null,
      failure: null,
      verifiedDomains: [c.primary],
      signedInAs: c.admin,
      customerId: c.customerId,
      completedAt: expect.any(String),
    });
    const row = await domainRow(c.primary);
    expect(row).toMatchObject({ organizationId: org.id, verifiedBy: c.admin, customerId: c.customerId });
    expect(Math.abs(row!.verifiedAt!.getTime() - world().clock.now().getTime())).toBeLessThan(5_000);
    expect((await org.api.get('')).body.organization.domains).toEqual([
      {
        domain: c.primary,
        verifiedAt: row!.verifiedAt!.toISOString(),
        verifiedBy: c.admin,
        customerId: c.customerId,
        createdAt: expect.any(String),
      },
    ]);

    const entries = await auditEntries(world().db, org.id);
    expect(entries.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ['domain.verification.started', 'ADMIN_TOKEN', org.api.tokenId],
      ['domain.verified', 'ADMIN_TOKEN', org.api.tokenId],
    ]);
    expect(entries[1]).toMatchObject({
      targetType: 'DomainVerification',
      targetId: verification.id,
      details: { googleAccount: c.admin, customerId: c.customerId, domains: [c.primary], requested: c.primary },
    });

    // Nothing was impersonated: one token, from the code exchange; the Directory was read with the admin's own token.
    const requests = (
      await world().emu.control<{ tokenRequests: Record<string, number>; perSubject: Record<string, Record<string, number>> }>(
        'GET',
        '/requests',
      )
    ).body;
    expect(requests.tokenRequests).toEqual({ [c.admin]: 1 });
    expect(requests.perSubject[c.admin]).toEqual({ 'directory.users.get': 1, 'directory.domains.list': 1 });
  });

  it('verifies the other domains of the same customer that the organization lists in one go, and adds the requested one when it is missing', async () => {
    const c = await world().newCustomer();
    const elsewhere = await world().newCustomer();
    const org = await world().organization([c.primary, c.unverified, elsewhere.primary]);
    const started = await org.api.post('/domains/verifications', { domain: c.secondary });
    expectStatus(started, 201);
    // The secondary domain has no users: the chooser under hd lists none, and the admin of the primary domain is chosen.
    const page = await world().signIn(started.body.verification.authorizationUrl, { account: c.admin });
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain(`These domains of the same Google Workspace are verified for it too: ${c.primary}`);

    const shown = (await org.api.get(`/domains/verifications/${started.body.verification.id}`)).body.verification;
    expect(shown).toMatchObject({ status: 'VERIFIED', verifiedDomains: [c.primary, c.secondary].sort() });
    for (const domain of [c.primary, c.secondary])
      expect(await domainRow(domain)).toMatchObject({ organizationId: org.id, verifiedBy: c.admin, customerId: c.customerId });
    // Google has not verified this one; that one is another customer's: both stay claims.
    for (const domain of [c.unverified, elsewhere.primary])
      expect(await domainRow(domain)).toMatchObject({ organizationId: org.id, verifiedAt: null, verifiedBy: null });
    const verified = (await auditEntries(world().db, org.id)).find((e) => e.action === 'domain.verified');
    expect(verified?.details).toMatchObject({ domains: [c.primary, c.secondary].sort(), requested: c.secondary, added: [c.secondary] });
  });

  it('re-verifies: verifiedAt, verifiedBy and customerId are refreshed', async () => {
    const c = await world().newCustomer();
    const org = await world().organization([{ domain: c.primary, verifiedBy: 'someone.else@example.com' }]);
    const before = (await domainRow(c.primary))!.verifiedAt!;
    world().clock.advance(3 * 86_400_000);
    try {
      const started = await org.api.post('/domains/verifications', { domain: c.primary });
      expect((await world().signIn(started.body.verification.authorizationUrl, { account: c.admin })).status).toBe(200);
      const row = (await domainRow(c.primary))!;
      expect(row.verifiedAt!.getTime() - before.getTime()).toBeGreaterThanOrEqual(3 * 86_400_000);
      expect(row).toMatchObject({ verifiedBy: c.admin, customerId: c.customerId });
    } finally {
      world().clock.reset();
    }
  });

  it('moves a domain another organization only claims (proof beats a claim); the loser’s audit log says so without naming the winner', async () => {
    const c = await world().newCustomer();
    const loser = await world().organization([c.primary, `kept-${c.customerId.toLowerCase()}.example.com`], 'Claimant Ltd');
    const winner = await world().organization([`winner-${c.customerId.toLowerCase()}.example.com`], 'Real Owner Inc');
    const started = await winner.api.post('/domains/verifications', { domain: c.primary });
    const page = await world().signIn(started.body.verification.authorizationUrl, { account: c.admin });
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Claimant Ltd');
    expect(await domainRow(c.primary)).toMatchObject({ organizationId: winner.id, verifiedBy: c.admin });

    const lost = (await auditEntries(world().db, loser.id)).filter((e) => e.action === 'organization.domain.lost');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ actorType: 'SYSTEM', actorId: 'domain-verification', details: { domain: c.primary } });
    expect(JSON.stringify(lost[0])).not.toMatch(new RegExp(`${winner.id}|${winner.api.tokenId}|Real Owner|${c.admin}`));
    expect((await loser.api.get('')).body.organization.domains.map((d: { domain: string }) => d.domain)).toEqual([
      `kept-${c.customerId.toLowerCase()}.example.com`,
    ]);
    const verified = (await auditEntries(world().db, winner.id)).find((e) => e.action === 'domain.verified');
    expect(verified?.details).toMatchObject({ takenFromUnverifiedClaim: [c.primary] });
    expect(JSON.stringify(verified)).not.toContain(loser.id);
  });

  it('does not take a domain another organization has verified: FAILED domain_unavailable, saying nothing of who holds it, changing nothing', async () => {
    const c = await world().newCustomer();
    const holder = await world().organization([{ domain: c.primary, verifiedBy: 'first.admin@example.com' }], 'First Holder GmbH');
    const holderRow = await domainRow(c.primary);
    const org = await world().organization([c.secondary]);
    const started = await org.api.post('/domains/verifications', { domain: c.primary });
    const page = await world().signIn(started.body.verification.authorizationUrl, { account: c.admin });
    expect(page.status).toBe(409);
    expect(textOf(page.html)).toContain(`${c.primary} is not available`);
    expect(textOf(page.html)).toContain(
      `${c.primary} is not available to this Together organization. If it is yours, contact Together support.`,
    );
    const shown = await org.api.get(`/domains/verifications/${started.body.verification.id}`);
    expect(shown.body.verification).toMatchObject({
      status: 'FAILED',
      failure: { code: 'domain_unavailable' },
      verifiedDomains: [],
      signedInAs: c.admin,
    });
    for (const text of [page.html, shown.text]) {
      expect(text).not.toContain(holder.id);
      expect(text).not.toContain('First Holder');
      expect(text).not.toContain('first.admin@example.com');
    }
    expect(await domainRow(c.primary)).toEqual(holderRow);
    // Nothing verified for the organization either, not even its secondary domain of the same customer.
    expect(await domainRow(c.secondary)).toMatchObject({ organizationId: org.id, verifiedAt: null });
    expect((await auditEntries(world().db, holder.id)).filter((e) => e.action !== 'domain.verification.started')).toEqual([]);
    expect((await auditEntries(world().db, org.id)).map((e) => e.action)).toEqual([
      'domain.verification.started',
      'domain.verification.failed',
    ]);
  });
});
