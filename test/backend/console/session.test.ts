import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { expectStatus } from '../../support/app.js';
import { useWorld } from '../../support/use-world.js';
import { CROSS_SITE, SAME_ORIGIN, adminToken, consoleCookie, sessionOf, signedIn, startConsoleWorld, withCookie } from './support.js';

const world = useWorld(startConsoleWorld, (w) => w.clock.reset());
const MINUTE = 60_000;

describe('the console cookie', () => {
  it('authenticates a console page as the token, and the admin API as the same admin', async () => {
    const admin = await adminToken(world());
    const secret = await signedIn(world().app, admin.token);
    const page = await withCookie(request(world().app).get('/admin/probe'), secret);
    expectStatus(page, 200);
    const session = await sessionOf(world(), secret);
    expect(page.body).toEqual({ admin: { tokenId: admin.tokenId, organizationId: admin.organizationId }, consoleSessionId: session!.id });
    const me = await withCookie(request(world().app).get('/admin/v1/token'), secret);
    expectStatus(me, 200);
    expect(me.body).toMatchObject({ organizationId: admin.organizationId, adminToken: { id: admin.tokenId } });
    expectStatus(await withCookie(request(world().app).get(`/admin/v1/organizations/${admin.organizationId}/audit-log`), secret), 200);
  });

  it('writes through the admin API from the console origin, audited as the admin token', async () => {
    const admin = await adminToken(world());
    const secret = await signedIn(world().app, admin.token);
    const path = `/admin/v1/organizations/${admin.organizationId}`;
    const renamed = await withCookie(request(world().app).patch(path), secret).send({ name: 'Renamed in the console' });
    expectStatus(renamed, 200);
    const entry = await world().db.prisma.auditLogEntry.findFirstOrThrow({
      where: { organizationId: admin.organizationId, action: 'organization.updated' },
    });
    expect(entry).toMatchObject({ actorType: 'ADMIN_TOKEN', actorId: admin.tokenId });
  });

  it.each([
    ['a foreign Origin', CROSS_SITE],
    ['no Origin and Sec-Fetch-Site: cross-site', { host: 'localhost:8080', 'sec-fetch-site': 'cross-site' }],
    ['neither header', { host: 'localhost:8080' }],
  ])('refuses a cookie write with %s: 403 cross_site_request, nothing changes', async (_label, headers) => {
    const admin = await adminToken(world());
    const secret = await signedIn(world().app, admin.token);
    const path = `/admin/v1/organizations/${admin.organizationId}`;
    const before = await world().db.prisma.organization.findUniqueOrThrow({ where: { id: admin.organizationId } });
    const refused = await withCookie(request(world().app).patch(path), secret, headers).send({ name: 'Forged' });
    expectStatus(refused, 403);
    expect(refused.body.error.code).toBe('cross_site_request');
    const probe = await withCookie(request(world().app).post('/admin/probe'), secret, headers);
    expectStatus(probe, 403);
    expect(await world().db.prisma.organization.findUniqueOrThrow({ where: { id: admin.organizationId } })).toEqual(before);
    expect(
      await world().db.prisma.auditLogEntry.count({ where: { organizationId: admin.organizationId, action: 'organization.updated' } }),
    ).toBe(0);
  });

  it('leaves Bearer tokens as they are: no Origin check, and the Bearer challenge on failure', async () => {
    const admin = await adminToken(world());
    const path = `/admin/v1/organizations/${admin.organizationId}`;
    const patched = await request(world().app)
      .patch(path)
      .set(CROSS_SITE)
      .set('authorization', `Bearer ${admin.token}`)
      .send({ name: 'By API' });
    expectStatus(patched, 200);
    const wrong = await request(world().app)
      .get(path)
      .set('authorization', 'Bearer tgc_nope')
      .set('cookie', `together_console=${'A'.repeat(43)}`);
    expectStatus(wrong, 401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="together-admin", error="invalid_token"');
    const stale = await request(world().app)
      .get(path)
      .set('cookie', `together_console=${'A'.repeat(43)}`);
    expectStatus(stale, 401);
    expect(stale.headers['www-authenticate']).toBe('Bearer realm="together-admin"');
  });

  it('sends a page request without a session to the sign-in form, and refuses other methods with 401', async () => {
    const none = await request(world().app).get('/admin/probe?view=all').set(SAME_ORIGIN);
    expectStatus(none, 303);
    expect(none.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Fprobe%3Fview%3Dall');
    const stale = await withCookie(request(world().app).get('/admin/probe'), 'A'.repeat(43));
    expectStatus(stale, 303);
    expect(stale.headers.location).toBe('/admin/sign-in?error=session_expired&next=%2Fadmin%2Fprobe');
    expect(consoleCookie(stale)?.attributes).toMatchObject({ 'max-age': '0', path: '/admin', httponly: '', samesite: 'Strict' });
    const write = await withCookie(request(world().app).post('/admin/probe'), 'A'.repeat(43));
    expectStatus(write, 401);
    expect(write.body.error.code).toBe('unauthenticated');
  });
});

describe('sign-out', () => {
  it('ends the session, clears the cookie with the same attributes, and the cookie works no more', async () => {
    const admin = await adminToken(world());
    const secret = await signedIn(world().app, admin.token);
    const out = await withCookie(request(world().app).post('/admin/sign-out'), secret);
    expectStatus(out, 303);
    expect(out.headers.location).toBe('/admin/sign-in?error=signed_out');
    const cleared = consoleCookie(out)!;
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toMatchObject({ 'max-age': '0', path: '/admin', httponly: '', samesite: 'Strict' });
    expect((await sessionOf(world(), secret))!.endedAt).toBeInstanceOf(Date);
    expectStatus(await withCookie(request(world().app).get('/admin/v1/token'), secret), 401);
    expectStatus(await withCookie(request(world().app).get('/admin/probe'), secret), 303);
  });

  it('from another site is refused and signs nobody out', async () => {
    const admin = await adminToken(world());
    const secret = await signedIn(world().app, admin.token);
    const forged = await withCookie(request(world().app).post('/admin/sign-out'), secret, CROSS_SITE);
    expectStatus(forged, 403);
    expect((await sessionOf(world(), secret))!.endedAt).toBeNull();
  });
});

describe('expiry', () => {
  it('ends a session 8 hours after sign-in, however busy', async () => {
    const admin = await adminToken(world());
    const secret = await signedIn(world().app, admin.token);
    for (let minutes = 50; minutes < 8 * 60; minutes += 50) {
      world().clock.advance(50 * MINUTE);
      expectStatus(await withCookie(request(world().app).get('/admin/v1/token'), secret), 200);
    }
    world().clock.advance(8 * 60 * MINUTE - 450 * MINUTE + 1000);
    expectStatus(await withCookie(request(world().app).get('/admin/v1/token'), secret), 401);
    expectStatus(await withCookie(request(world().app).get('/admin/probe'), secret), 303);
  });

  it('ends a session left idle for an hour, and records activity at most once a minute', async () => {
    const admin = await adminToken(world());
    const secret = await signedIn(world().app, admin.token);
    const signedInAt = (await sessionOf(world(), secret))!.createdAt.getTime();
    const lastSeen = async () => (await sessionOf(world(), secret))!.lastSeenAt.getTime();
    world().clock.advance(50 * 1000);
    expectStatus(await withCookie(request(world().app).get('/admin/probe'), secret), 200);
    expect(await lastSeen()).toBe(signedInAt);
    world().clock.advance(59 * MINUTE);
    expectStatus(await withCookie(request(world().app).get('/admin/probe'), secret), 200);
    expect(await lastSeen()).toBeGreaterThanOrEqual(signedInAt + 59 * MINUTE + 50 * 1000);
    world().clock.advance(60 * MINUTE + 1000);
    expectStatus(await withCookie(request(world().app).get('/admin/probe'), secret), 303);
    expectStatus(await withCookie(request(world().app).get('/admin/v1/token'), secret), 401);
  });
});

describe('revocation', () => {
  it('ends every session of the revoked token, in the same transaction, and no other', async () => {
    const admin = await adminToken(world());
    const first = await signedIn(world().app, admin.token);
    const second = await signedIn(world().app, admin.token);
    const other = await adminToken(world());
    const unrelated = await signedIn(world().app, other.token);
    const revoked = await request(world().app)
      .delete(`/admin/v1/organizations/${admin.organizationId}/tokens/${admin.tokenId}`)
      .set('authorization', `Bearer ${admin.token}`);
    expectStatus(revoked, 200);
    const { revokedAt } = await world().db.prisma.adminApiToken.findUniqueOrThrow({ where: { id: admin.tokenId } });
    for (const secret of [first, second]) {
      expect((await sessionOf(world(), secret))!.endedAt).toEqual(revokedAt);
      expectStatus(await withCookie(request(world().app).get('/admin/probe'), secret), 303);
    }
    expectStatus(await withCookie(request(world().app).get('/admin/probe'), unrelated), 200);
  });

  it('refuses, and ends, a session whose token was revoked some other way', async () => {
    const admin = await adminToken(world());
    const secret = await signedIn(world().app, admin.token);
    await world().db.prisma.adminApiToken.update({ where: { id: admin.tokenId }, data: { revokedAt: world().clock.now() } });
    expectStatus(await withCookie(request(world().app).get('/admin/v1/token'), secret), 401);
    expect((await sessionOf(world(), secret))!.endedAt).not.toBeNull();
  });
});
