import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_OAUTH_CLIENT, demoSeed, type OAuthClient, type ServiceAccountKeyJson } from '../../backend/emulator/index.js';
import { SCOPES, calendarFor, directoryFor, jwtFor } from './support/google-clients.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

type KeyFile = ServiceAccountKeyJson;

describe('control API', () => {
  it('resets and seeds from a JSON document, returning Google-format key files that work with google-auth-library', async () => {
    const seed = {
      users: [{ email: 'zoe@zeta.test', timeZone: 'Europe/Madrid' }],
      serviceAccounts: [{ clientEmail: 'zeta@zeta-project.iam.gserviceaccount.com' }],
      grants: [{ serviceAccount: 'zeta@zeta-project.iam.gserviceaccount.com', domain: 'zeta.test', scopes: [SCOPES.calendar] }],
      events: [{ calendarId: 'zoe@zeta.test', event: { summary: 'Seeded', start: { dateTime: '2031-01-01T10:00:00Z' }, end: { dateTime: '2031-01-01T11:00:00Z' } } }],
    };
    const { status, body } = await emu.control<{ serviceAccounts: KeyFile[] }>('POST', '/reset', { seed });
    expect(status).toBe(200);
    const [key] = body.serviceAccounts;
    expect(key).toMatchObject({ type: 'service_account', project_id: 'zeta-project', client_email: 'zeta@zeta-project.iam.gserviceaccount.com', token_uri: 'https://oauth2.googleapis.com/token' });
    expect(key!.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(key!.client_id).toMatch(/^\d{21}$/);
    const zoe = calendarFor(emu.url, jwtFor(emu.url, key!, 'zoe@zeta.test', [SCOPES.calendar]));
    expect((await zoe.events.list({ calendarId: 'primary' })).data.items?.map((e) => e.summary)).toEqual(['Seeded']);
    expect((await emu.control<{ users: unknown[] }>('GET', '/users')).body.users).toHaveLength(1);
    expect((await emu.control<{ serviceAccounts: KeyFile[] }>('GET', '/serviceAccounts')).body.serviceAccounts[0]?.private_key_id).toBe(key!.private_key_id);
  });

  it('rejects malformed seeds with 400 and unknown routes with Google\'s 404', async () => {
    expect((await emu.control('POST', '/reset', { seed: { users: [{ email: 'not an email' }] } })).status).toBe(400);
    expect((await emu.control('POST', '/seed', { grants: [{ domain: 'x.test', scopes: [] }] })).status).toBe(400);
    expect((await emu.control('POST', '/seed', { grants: [{ clientId: '1', domain: 'x.test', scopes: [], reach: { everyone: true } }] })).status).toBe(400);
    const unknown = await emu.control('GET', '/nonsense');
    expect(unknown).toEqual({ status: 404, body: { error: { errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }], code: 404, message: 'Not Found' } } });
  });

  it('adds, lists and removes users and grants', async () => {
    expect((await emu.control('POST', '/users', { email: 'yan@zeta.test', orgUnitPath: '/Ops', groups: ['ops@zeta.test'] })).status).toBe(200);
    const { body: grant } = await emu.control<{ id: string }>('POST', '/grants', { serviceAccount: 'zeta@zeta-project.iam.gserviceaccount.com', domain: 'zeta.test', scopes: [SCOPES.calendar], reach: { groups: ['ops@zeta.test'] } });
    const { body: grants } = await emu.control<{ grants: Array<{ id: string; reach: unknown; source: string }> }>('GET', '/grants');
    expect(grants.grants.find((g) => g.id === grant.id)).toMatchObject({ reach: { kind: 'groups', groups: ['ops@zeta.test'] }, source: 'marketplace' });
    expect((await emu.control<{ revoked: number }>('DELETE', '/grants?clientId=nope&domain=zeta.test')).body.revoked).toBe(0);
    expect((await emu.control('DELETE', '/grants/no-such-grant')).status).toBe(404);
    expect((await emu.control('DELETE', '/users/yan@zeta.test')).status).toBe(204);
    expect((await emu.control('GET', '/users/yan@zeta.test')).status).toBe(404);
  });

  it('changes settings and domain free/busy sharing', async () => {
    expect((await emu.control<{ conferenceDelayMs: number }>('PATCH', '/settings', { conferenceDelayMs: 1234 })).body.conferenceDelayMs).toBe(1234);
    expect((await emu.control('PATCH', '/settings', { conferenceDelayMs: -1 })).status).toBe(400);
    expect((await emu.control<{ freeBusyVisibleInDomain: boolean }>('PATCH', '/domains/zeta.test', { freeBusyVisibleInDomain: false })).body.freeBusyVisibleInDomain).toBe(false);
  });

  it('seeds the demo company: ~30 people, five time zones, suspended users, some outside the install, busy calendars', async () => {
    const seed = demoSeed(Date.now());
    const { body } = await emu.control<{ serviceAccounts: KeyFile[] }>('POST', '/reset', { seed });
    const users = seed.users ?? [];
    expect(users.length).toBeGreaterThanOrEqual(30);
    expect(new Set(users.map((u) => u.timeZone)).size).toBeGreaterThanOrEqual(5);
    expect(users.filter((u) => u.suspended).length).toBeGreaterThanOrEqual(2);
    const key = body.serviceAccounts[0]!;
    const inside = users.find((u) => u.orgUnitPath === '/Engineering' && !u.suspended)!;
    const outside = users.find((u) => u.orgUnitPath === '/Contractors')!;
    const scopes = [SCOPES.calendar, SCOPES.directoryUsers];
    const calendar = calendarFor(emu.url, jwtFor(emu.url, key!, inside.email, scopes));
    const { data } = await calendar.events.list({ calendarId: 'primary', timeMin: new Date().toISOString(), singleEvents: true, orderBy: 'startTime' });
    expect(data.items!.length).toBeGreaterThan(10);
    await expect(jwtFor(emu.url, key!, outside.email, scopes).authorize()).rejects.toThrow(/unauthorized_client/);
  });

  it("gives the demo company a secondary domain and the sandbox backend's OAuth client (callback /admin/oauth/callback on :8080)", async () => {
    const reset = await emu.control<{ serviceAccounts: KeyFile[] }>('POST', '/reset', { seed: demoSeed(Date.now()) });
    const { body } = await emu.control<{ domains: Array<{ name: string; customerId: string; isPrimary: boolean }> }>('GET', '/domains');
    expect(body.domains.filter((d) => d.customerId === 'C0demo01').map((d) => [d.name, d.isPrimary])).toEqual([
      ['acme.test', true],
      ['acme-labs.test', false],
    ]);
    // The install lets the backend list the customer's domains as its super admin.
    const domainScope = 'https://www.googleapis.com/auth/admin.directory.domain.readonly';
    const asOliver = directoryFor(emu.url, jwtFor(emu.url, reset.body.serviceAccounts[0]!, 'oliver.smith@acme.test', [domainScope]));
    expect((await asOliver.domains.list({ customer: 'my_customer' })).data.domains?.map((d) => d.domainName)).toEqual(['acme.test', 'acme-labs.test']);

    const clients = (await emu.control<{ oauthClients: OAuthClient[] }>('GET', '/oauthClients')).body.oauthClients;
    expect(clients).toEqual([{ ...DEMO_OAUTH_CLIENT, redirectUris: ['http://localhost:8080/admin/oauth/callback', 'http://127.0.0.1:8080/admin/oauth/callback'] }]);

    const auth = new URL('/o/oauth2/v2/auth', emu.url);
    auth.search = new URLSearchParams({ client_id: DEMO_OAUTH_CLIENT.clientId, redirect_uri: DEMO_OAUTH_CLIENT.redirectUris[0]!, response_type: 'code', scope: 'openid email', hd: 'acme.test', login_hint: 'oliver.smith@acme.test', state: 's' }).toString();
    const page = await (await fetch(auth)).text();
    expect(page).toMatch(/value="oliver\.smith@acme\.test" required checked/);
    const request = /name="request" value="([^"]+)"/.exec(page)![1]!;
    const answer = await fetch(auth, { method: 'POST', body: new URLSearchParams({ request, account: 'oliver.smith@acme.test', action: 'allow' }), redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toMatch(/^http:\/\/localhost:8080\/admin\/oauth\/callback\?state=s&code=4%2F0A[^&]+&scope=email\+/);
  });
});
