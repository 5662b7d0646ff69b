import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import request from 'supertest';
import { createConsoleSignInLink } from '../../../backend/domain/console/create-console-sign-in-link.js';
import { fromLoopbackClient, isLoopbackAddress } from '../../../backend/http/console/loopback.js';
import { expectStatus } from '../../support/app.js';
import { useWorld } from '../../support/use-world.js';
import { adminToken, consoleCookie, sessionOf, startConsoleWorld, withCookie, type ConsoleWorld } from './support.js';

const world = useWorld(startConsoleWorld, (w) => w.clock.reset());

/** A sign-in link's code for a fresh token, as the sandbox makes one. */
async function linkFor(w: ConsoleWorld) {
  const admin = await adminToken(w);
  const { code } = await createConsoleSignInLink({ prisma: w.db.prisma, clock: w.clock.now }, { token: admin.token });
  return {
    admin,
    code,
    open: (headers: Record<string, string> = {}) => request(w.app).get(`/admin/sign-in/link?code=${code}`).set(headers),
  };
}
const sessions = (tokenId: string) => world().db.prisma.consoleSession.count({ where: { tokenId } });

describe('GET /admin/sign-in/link (the sandbox link)', () => {
  it('signs in once with a page that moves on to /admin/ by itself, not a redirect', async () => {
    const { admin, code, open } = await linkFor(world());
    const page = await open();
    expectStatus(page, 200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<meta http-equiv="refresh" content="0;url=/admin/">');
    expect(page.text).toContain('<a href="/admin/">');
    expect(page.text).not.toContain(code);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const cookie = consoleCookie(page)!;
    expect(cookie.attributes).toEqual({ httponly: '', samesite: 'Strict', path: '/admin' });
    expect(await sessionOf(world(), cookie.value)).toMatchObject({ tokenId: admin.tokenId, organizationId: admin.organizationId });
    expectStatus(await withCookie(request(world().app).get('/admin/v1/token'), cookie.value), 200);

    const again = await open();
    expectStatus(again, 303);
    expect(again.headers.location).toBe('/admin/sign-in?error=link_used_or_expired');
    expect(consoleCookie(again)).toBeUndefined();
    expect(await sessions(admin.tokenId)).toBe(1);
  });

  it('makes one session of two concurrent uses', async () => {
    const { admin, open } = await linkFor(world());
    const answers = await Promise.all([open(), open(), open()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 303, 303]);
    expect(await sessions(admin.tokenId)).toBe(1);
  });

  it('expires after an hour', async () => {
    const { admin, open } = await linkFor(world());
    world().clock.advance(60 * 60_000 + 1000);
    const late = await open();
    expectStatus(late, 303);
    expect(late.headers.location).toBe('/admin/sign-in?error=link_used_or_expired');
    expect(await sessions(admin.tokenId)).toBe(0);
  });

  it('dies with its token', async () => {
    const { admin, open } = await linkFor(world());
    await world().db.prisma.adminApiToken.update({ where: { id: admin.tokenId }, data: { revokedAt: world().clock.now() } });
    expectStatus(await open(), 303);
    expect(await sessions(admin.tokenId)).toBe(0);
  });

  it.each(['', '?code=', `?code=${'A'.repeat(43)}`, '?code=not-a-code', '?code=a&code=b'])(
    'answers code %j with the used-or-expired redirect',
    async (query) => {
      const answer = await request(world().app).get(`/admin/sign-in/link${query}`);
      expectStatus(answer, 303);
      expect(answer.headers.location).toBe('/admin/sign-in?error=link_used_or_expired');
    },
  );

  it.each<Record<string, string>>([
    { 'x-forwarded-for': '203.0.113.9' },
    { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' },
    { forwarded: 'for=203.0.113.9;proto=https' },
    { forwarded: 'for="[2001:db8::1]:4711"' },
    { forwarded: 'for=unknown' },
    { 'x-real-ip': '198.51.100.7' },
  ])('refuses a client a proxy names as not on this machine (%j): 403 forbidden, the link still unused', async (headers) => {
    const { admin, open } = await linkFor(world());
    const refused = await open(headers);
    expectStatus(refused, 403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(consoleCookie(refused)).toBeUndefined();
    expect(await sessions(admin.tokenId)).toBe(0);
    expectStatus(await open({ 'x-forwarded-for': '127.0.0.1', forwarded: 'for="[::1]:5000"' }), 200);
  });
});

describe('loopback clients', () => {
  const client = (remoteAddress: string, headers: Record<string, string> = {}) =>
    fromLoopbackClient({ socket: { remoteAddress }, headers } as unknown as Request);

  it('are the socket peers 127.0.0.0/8 and ::1, nothing else', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '[::1]:8080', '127.0.0.1:80']) {
      expect([address, isLoopbackAddress(address)]).toEqual([address, true]);
    }
    for (const address of [
      '10.0.0.1',
      '192.168.1.2',
      '::ffff:10.0.0.1',
      '2001:db8::1',
      '::',
      '0.0.0.0',
      'localhost',
      'unknown',
      '',
      '_hidden',
    ]) {
      expect([address, isLoopbackAddress(address)]).toEqual([address, false]);
    }
    expect(client('127.0.0.1')).toBe(true);
    expect(client('10.1.2.3')).toBe(false);
    expect(client('10.1.2.3', { 'x-forwarded-for': '127.0.0.1' })).toBe(false);
  });
});
