import { describe, expect, it } from '@jest/globals';
import { expectStatus } from '../../support/app.js';
import { useWorld } from '../../support/use-world.js';
import { CROSS_SITE, adminToken, consoleCookie, postSignIn, sessionOf, startConsoleWorld } from './support.js';

const world = useWorld(startConsoleWorld);
const sessions = (tokenId: string) => world().db.prisma.consoleSession.count({ where: { tokenId } });

describe('POST /admin/sign-in', () => {
  it('exchanges a good token for an HttpOnly, SameSite=Strict session cookie under /admin and sends the browser on', async () => {
    const admin = await adminToken(world());
    const response = await postSignIn(world().app, { token: admin.token });
    expectStatus(response, 303);
    expect(response.headers.location).toBe('/admin/');
    const cookie = consoleCookie(response)!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Plain http to localhost: the one case without Secure (a browser would not keep a Secure cookie here).
    expect(cookie.attributes).toEqual({ httponly: '', samesite: 'Strict', path: '/admin' });
    const session = await sessionOf(world(), cookie.value);
    expect(session).toMatchObject({ organizationId: admin.organizationId, tokenId: admin.tokenId, endedAt: null });
    expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(8 * 3_600_000);
    expect(JSON.stringify(session)).not.toContain(cookie.value);
    expect(JSON.stringify(response.headers)).not.toContain(admin.token);
  });

  it.each([
    ['a host that is not loopback', { host: 'console.example.com', origin: 'http://console.example.com' }],
    ['https through a proxy on loopback', { host: 'localhost:8080', origin: 'https://localhost:8080', 'x-forwarded-proto': 'https' }],
  ])('marks the cookie Secure for %s', async (_label, headers) => {
    const admin = await adminToken(world());
    const response = await postSignIn(world().app, { token: admin.token }, { ...headers, 'sec-fetch-site': 'same-origin' });
    expectStatus(response, 303);
    expect(consoleCookie(response)!.attributes).toEqual({ httponly: '', samesite: 'Strict', path: '/admin', secure: '' });
  });

  it('goes on to `next` when it is a console path, ignoring any other field', async () => {
    const admin = await adminToken(world());
    const response = await postSignIn(world().app, { token: admin.token, next: '/admin/integrations/google?step=2', remember: 'yes' });
    expectStatus(response, 303);
    expect(response.headers.location).toBe('/admin/integrations/google?step=2');
  });

  it.each([
    '//evil.test/admin/',
    'https://evil.test/admin/',
    '/admin/../x',
    '/admin/%2e%2e/x',
    '/admin/..%2fx',
    '/admin\\..\\x',
    '/\\evil.test',
    '/admin/\\\\evil.test',
    '/admin/\tx',
    'javascript:alert(1)',
    '/adminx',
    '/x',
  ])('never sends the browser off the console: next=%j goes to /admin/', async (next) => {
    const admin = await adminToken(world());
    const response = await postSignIn(world().app, { token: admin.token, next });
    expectStatus(response, 303);
    expect(response.headers.location).toBe('/admin/');
  });

  it.each([
    ['no token', {}, 'token_missing'],
    ['an empty token', { token: '' }, 'token_missing'],
    ['a malformed token', { token: 'not-a-token' }, 'token_not_accepted'],
    ['a well-formed unknown token', { token: `tgc_${'A'.repeat(43)}` }, 'token_not_accepted'],
    ['the token twice', { token: ['tgc_x', 'tgc_y'] }, 'token_not_accepted'],
  ])('sends %s back to the sign-in form with its error, setting no cookie', async (_label, fields, error) => {
    const before = await world().db.prisma.consoleSession.count();
    const response = await postSignIn(world().app, fields);
    expectStatus(response, 303);
    expect(response.headers.location).toBe(`/admin/sign-in?error=${error}`);
    expect(consoleCookie(response)).toBeUndefined();
    expect(await world().db.prisma.consoleSession.count()).toBe(before);
  });

  it('refuses a revoked token the same way, keeps a console `next` for the retry, and never puts the token in a URL', async () => {
    const admin = await adminToken(world());
    await world().db.prisma.adminApiToken.update({ where: { id: admin.tokenId }, data: { revokedAt: world().clock.now() } });
    const response = await postSignIn(world().app, { token: admin.token, next: '/admin/health' });
    expectStatus(response, 303);
    expect(response.headers.location).toBe('/admin/sign-in?error=token_not_accepted&next=%2Fadmin%2Fhealth');
    expect(response.text + JSON.stringify(response.headers)).not.toContain(admin.token);
    expect(await sessions(admin.tokenId)).toBe(0);
  });

  it.each([
    ['another site', CROSS_SITE],
    ['a foreign Origin', { host: 'localhost:8080', origin: 'https://evil.test' }],
    ['Origin null', { host: 'localhost:8080', origin: 'null' }],
    ['an http page, the request being https', { host: 'localhost:8080', origin: 'http://localhost:8080', 'x-forwarded-proto': 'https' }],
    ['another port', { host: 'localhost:8080', origin: 'http://localhost:8081' }],
    ['a lookalike Origin', { host: 'localhost:8080', origin: 'http://localhost:8080/' }],
    ['no Origin and Sec-Fetch-Site: cross-site', { host: 'localhost:8080', 'sec-fetch-site': 'cross-site' }],
    ['no Origin and Sec-Fetch-Site: same-site', { host: 'localhost:8080', 'sec-fetch-site': 'same-site' }],
    ['neither header', { host: 'localhost:8080' }],
  ])('refuses a sign-in from %s (login CSRF): 403 cross_site_request, no session', async (_label, headers) => {
    const admin = await adminToken(world());
    const response = await postSignIn(world().app, { token: admin.token }, headers);
    expectStatus(response, 403);
    expect(response.body.error.code).toBe('cross_site_request');
    expect(consoleCookie(response)).toBeUndefined();
    expect(await sessions(admin.tokenId)).toBe(0);
  });

  it('takes a sign-in with no Origin but Sec-Fetch-Site: same-origin', async () => {
    const admin = await adminToken(world());
    const response = await postSignIn(world().app, { token: admin.token }, { host: 'localhost:8080', 'sec-fetch-site': 'same-origin' });
    expectStatus(response, 303);
    expect(await sessions(admin.tokenId)).toBe(1);
  });
});
