// The per-user method end to end over the emulator's real OAuth flow: a connect link, Google's consent
// page, the callback, the encrypted refresh token, calls with the person's own credential through the
// same CalendarAdapter as delegation, a revoked grant marking the person NEEDS_RECONNECT, and every
// refusal storing nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CALENDAR_SCOPE } from '../../../backend/google/per-user-auth.js';
import { GoogleApiError } from '../../../backend/google/errors.js';
import { actAs } from '../../../backend/domain/verified-domains.js';
import { disconnectCalendar } from '../../../backend/domain/connections/connect-calendar.js';
import { startConnectWorld, textOf, type ConnectWorld, CONNECT_CLIENT } from './connect-world.js';

let world: ConnectWorld;
beforeAll(async () => {
  world = await startConnectWorld();
});
afterAll(async () => {
  await world?.close();
});

const as = (email: string) => actAs(email, ['acme.test']);
const requests = async () =>
  (await world.emu.control<{ perSubject: Record<string, unknown>; tokenRequests: Record<string, number> }>('GET', '/requests')).body;

describe('connecting through Google', () => {
  it('asks the person to continue, then Google connects them: encrypted token, access ACTIVE, their calendar reachable', async () => {
    const org = await world.organization();
    const ana = org.people['ana@acme.test']!;
    const secret = await world.link(org.id, ana);
    const page = await world.open(secret);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('This link is for ana (ana@acme.test)');
    expect(page.html).toContain('Continue to Google');
    // What a browser needs for this page to work when the add-on opens it: its form's post keeps its Origin
    // (no-referrer would send Origin: null), the post's redirect may go to Google's sign-in, and Calendar
    // still sees the window close (OnClose.RELOAD; COOP same-origin would sever it at once).
    expect(page.html).toContain('<meta name="referrer" content="same-origin">');
    expect(page.headers.get('content-security-policy')).toMatch(/form-action 'self' https?:\/\/[^\s;]+;/);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');

    const started = await world.start(secret);
    expect(started.status).toBe(303);
    const google = new URL(started.location!);
    expect(google.searchParams.get('access_type')).toBe('offline');
    expect(google.searchParams.get('include_granted_scopes')).toBe('true');
    expect(google.searchParams.get('login_hint')).toBe('ana@acme.test');
    expect(google.searchParams.get('code_challenge_method')).toBe('S256');
    expect(google.searchParams.get('scope')).toContain(CALENDAR_SCOPE);

    const callbackUrl = await world.consent(started.location!);
    const done = await world.callback(callbackUrl);
    expect(done.status).toBe(200);
    expect(textOf(done.html)).toContain('Connected: you can close this tab');

    const row = await world.db.prisma.calendarConnection.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: org.id, personId: ana } },
    });
    expect(row.status).toBe('CONNECTED');
    expect(row.keyId).toBe('test-1');
    expect(row.grantedScopes).toContain(CALENDAR_SCOPE);
    const stored = await world.vault.connectionOf(as('ana@acme.test'));
    // Only ciphertext is stored: the token does not appear in the row's bytes.
    expect(Buffer.from(row.encryptedRefreshToken).toString('utf8')).not.toContain(stored!.refreshToken);
    const access = await world.db.prisma.personCalendarAccess.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: org.id, personId: ana } },
    });
    expect(access.status).toBe('ACTIVE');

    await world.emu.control('DELETE', '/requests');
    await expect(world.google.calendar.getTimeZone(as('ana@acme.test'), { freshToken: true })).resolves.toBe('Europe/Madrid');
    const log = await requests();
    expect(log.tokenRequests['ana@acme.test']).toBe(1);
    expect(log.perSubject['ana@acme.test']).toEqual({ 'calendar.settings.get': 1 });

    // A replayed callback is refused, and changes nothing.
    const replay = await world.callback(callbackUrl);
    expect(replay.status).toBe(410);
    expect(textOf(replay.html)).toContain('already been used');
    // The link served once.
    expect((await world.start(secret)).status).toBe(410);
  });

  it('refuses another Google account than the link is for, and a consent without Calendar: nothing stored', async () => {
    const org = await world.organization();
    const ben = org.people['ben@acme.test']!;
    const wrong = await world.connect(org.id, ben, { account: 'cara@acme.test' });
    expect(wrong.status).toBe(403);
    expect(textOf(wrong.html)).toContain('You signed in to Google as cara@acme.test, but this link is for ben@acme.test');
    const noCalendar = await world.connect(org.id, ben, { untick: [CALENDAR_SCOPE] });
    expect(noCalendar.status).toBe(403);
    expect(textOf(noCalendar.html)).toContain('You did not allow Together to use your Google Calendar');
    const cancelled = await world.connect(org.id, ben, { action: 'cancel' });
    expect(textOf(cancelled.html)).toContain('Nothing was connected');
    expect(await world.db.prisma.calendarConnection.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('refuses a forged state, an expired link and an organization that is not per-user', async () => {
    const org = await world.organization();
    const forged = await world.callback(`${world.url}/connect/callback?state=forged&code=4/abc`);
    expect(forged.status).toBe(410);
    const secret = await world.link(org.id, org.people['cara@acme.test']!);
    world.clock.advance(16 * 60_000);
    expect((await world.open(secret)).status).toBe(410);
    expect(textOf((await world.start(secret)).html)).toContain('expired');
    const domainWide = await world.organization('DOMAIN_WIDE');
    await expect(world.link(domainWide.id, domainWide.people['ana@acme.test']!)).rejects.toMatchObject({ code: 'not_per_user' });
    expect(await world.db.prisma.calendarConnection.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('a person without a connection is "not connected" without asking Google', async () => {
    await world.organization();
    await world.emu.control('DELETE', '/requests');
    const error = await world.google.calendar.getTimeZone(as('dan@acme.test')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoogleApiError);
    expect(error).toMatchObject({ kind: 'not_installed', details: { reason: 'not_connected' } });
    expect((await requests()).tokenRequests['dan@acme.test'] ?? 0).toBe(0);
  });
});

describe('faults and disconnecting', () => {
  it('Google down during the callback: a retryable page, nothing stored; the same callback then connects', async () => {
    const org = await world.organization();
    const cara = org.people['cara@acme.test']!;
    const started = await world.start(await world.link(org.id, cara));
    const callbackUrl = await world.consent(started.location!);
    await world.emu.control('PUT', '/faults', { errors: [{ method: 'oauth2.token', status: 503, rate: 1 }] });
    const down = await world.callback(callbackUrl);
    await world.emu.control('DELETE', '/faults');
    expect(down.status).toBe(503);
    expect(textOf(down.html)).toContain('Google did not answer');
    expect(down.html).toContain('Try again');
    expect(await world.db.prisma.calendarConnection.count({ where: { organizationId: org.id } })).toBe(0);
    const again = await world.callback(callbackUrl);
    expect(textOf(again.html)).toContain('Connected: you can close this tab');
  });

  it('disconnect stops the channels, revokes the grant at Google and deletes the token; the person is not connected', async () => {
    const org = await world.organization();
    const ana = org.people['ana@acme.test']!;
    expect((await world.connect(org.id, ana)).status).toBe(200);
    const grants = async () =>
      (await world.emu.control<{ grants: Array<{ clientId: string }> }>('GET', '/users/ana@acme.test/oauthGrants')).body.grants.filter(
        (g) => g.clientId === CONNECT_CLIENT.clientId,
      );
    expect(await grants()).toHaveLength(1);
    const stopped: string[] = [];
    const outcome = await disconnectCalendar(
      {
        prisma: world.db.prisma,
        clock: world.clock.now,
        keyring: world.keyring,
        gateway: {
          authorizationRequest: async () => ({ url: '', codeVerifier: '' }),
          complete: async () => {
            throw new Error('unused');
          },
          revoke: (token) => world.google.perUser.revoke(token),
          forget: (subject) => world.google.credentials.forget(subject),
        },
        requestHealthEvaluation: async () => undefined,
        onConnected: async () => undefined,
        stopChannels: async (personId) => void stopped.push(personId),
      },
      { organizationId: org.id, personId: ana, email: 'ana@acme.test' },
    );
    expect(outcome).toEqual({ disconnected: true });
    expect(stopped).toEqual([ana]);
    expect(await grants()).toHaveLength(0);
    expect(await world.db.prisma.calendarConnection.count({ where: { organizationId: org.id } })).toBe(0);
    const access = await world.db.prisma.personCalendarAccess.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: org.id, personId: ana } },
    });
    expect(access.status).toBe('NOT_CONNECTED');
    await expect(world.google.calendar.getTimeZone(as('ana@acme.test'))).rejects.toMatchObject({ details: { reason: 'not_connected' } });
  });
});

describe('a connection Google stops honouring', () => {
  it('removed in the Google account: the next refresh marks it NEEDS_RECONNECT, the access CONNECTION_REVOKED, health asked', async () => {
    const org = await world.organization();
    const ben = org.people['ben@acme.test']!;
    expect((await world.connect(org.id, ben)).status).toBe(200);
    await world.google.calendar.getTimeZone(as('ben@acme.test'), { freshToken: true });
    const removed = await world.emu.control('DELETE', `/users/ben@acme.test/oauthGrants/${CONNECT_CLIENT.clientId}`);
    expect(removed.status).toBeLessThan(300);
    world.evaluations.length = 0;
    const error = await world.google.calendar.getTimeZone(as('ben@acme.test'), { freshToken: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_installed', details: { reason: 'connection_revoked' } });
    const row = await world.db.prisma.calendarConnection.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: org.id, personId: ben } },
    });
    expect(row.status).toBe('NEEDS_RECONNECT');
    expect(row.statusReason).toContain('invalid_grant');
    const access = await world.db.prisma.personCalendarAccess.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: org.id, personId: ben } },
    });
    expect(access.status).toBe('CONNECTION_REVOKED');
    expect(world.evaluations).toEqual([org.id]);
    // Reconnecting makes it work again.
    expect((await world.connect(org.id, ben)).status).toBe(200);
    await expect(world.google.calendar.getTimeZone(as('ben@acme.test'), { freshToken: true })).resolves.toBe('America/New_York');
  });

  it('never logs the refresh token or the access token', async () => {
    const stored = await world.vault.connectionOf(as('ben@acme.test'));
    expect(stored).not.toBeNull();
    expect(world.logs.text()).not.toContain(stored!.refreshToken);
  });
});
