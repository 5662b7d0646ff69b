// Refresh-token rotation and admin policy through the backend: the emulator rotates refresh tokens for the
// world's client (opt-in, PATCH /emulator/v1/oauthClients/{id}), and the real OAuth2Client inside PerUserAuth
// refreshes against it while DatabaseConnectionVault keeps the row. A rotated token is stored sealed with
// the one it replaced until the new one has worked; a crash before the store, or a new token Google no
// longer knows, loses nothing; a Workspace that stops trusting the app blocks the connection with its fix.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { checkPersonAccess, type CheckContext } from '../../../backend/domain/integration/check-person-access.js';
import { actAs } from '../../../backend/domain/verified-domains.js';
import { GoogleApiError } from '../../../backend/google/errors.js';
import { PER_USER_FIXES, type ConnectionVault } from '../../../backend/google/per-user-auth.js';
import { openPage, parseSignInForm, submitForm } from '../../emulator/support/sign-in.js';
import { emulatorControl } from '../../support/emulator-control.js';
import { emulatedGoogle } from '../../support/google.js';
import { CONNECT_CLIENT, startConnectWorld, textOf, type ConnectWorld } from './connect-world.js';

let world: ConnectWorld;
beforeAll(async () => {
  world = await startConnectWorld();
});
afterEach(async () => {
  await control().setRefreshTokenRotation(CONNECT_CLIENT.clientId, false);
  await control()
    .clearAdminPolicy('acme.test', CONNECT_CLIENT.clientId)
    .catch(() => undefined);
});
afterAll(async () => {
  await world?.close();
});

const control = () => emulatorControl(world.emu.url);
const as = (email: string) => actAs(email, ['acme.test']);
const rotation = (on: boolean) => control().setRefreshTokenRotation(CONNECT_CLIENT.clientId, on);
/** A connection check: PerUserAuth asks Google for a new access token (a refresh), then reads the calendar. */
const check = (email: string) => world.google.calendar.getTimeZone(as(email), { freshToken: true });

/** Every refresh token the file has seen: none may reach a log. */
const seenTokens = new Set<string>();

/** The person's stored tokens, decrypted through the vault (current and the one a rotation replaced), and the raw row. */
async function stored(organizationId: string, personId: string, email: string) {
  const row = await world.db.prisma.calendarConnection.findUniqueOrThrow({
    where: { organizationId_personId: { organizationId, personId } },
  });
  const connection = (await world.vault.connectionOf(as(email)))!;
  seenTokens.add(connection.refreshToken);
  if (connection.previousRefreshToken) seenTokens.add(connection.previousRefreshToken);
  return { row, current: connection.refreshToken, previous: connection.previousRefreshToken };
}

/** Sealed bytes that do not contain the token in clear. */
const sealedWithout = (sealed: Uint8Array | null, token: string) => {
  expect(sealed).not.toBeNull();
  expect(Buffer.from(sealed!).toString('utf8')).not.toContain(token);
  expect(Buffer.from(sealed!).toString('base64')).not.toContain(Buffer.from(token).toString('base64'));
};

async function connected(email: string) {
  const org = await world.organization();
  const personId = org.people[email]!;
  const done = await world.connect(org.id, personId);
  if (done.status !== 200) throw new Error(`connecting ${email} answered ${done.status}:\n${done.html}`);
  const first = await stored(org.id, personId, email);
  expect(first.previous).toBeUndefined();
  return { org, personId, first: first.current, stored: () => stored(org.id, personId, email) };
}

const liveTokens = async (email: string) =>
  (await control().oauthGrants(email)).find((grant) => grant.clientId === CONNECT_CLIENT.clientId)?.refreshTokens ?? 0;

describe('Google rotates the refresh token', () => {
  it('stores the new token sealed and keeps the replaced one; the next refresh with the new one drops it', async () => {
    const { first, stored: now } = await connected('ana@acme.test');
    await rotation(true);

    await expect(check('ana@acme.test')).resolves.toBe('Europe/Madrid');
    const rotated = await now();
    expect(rotated.current).not.toBe(first);
    expect(rotated.previous).toBe(first);
    expect(rotated.row).toMatchObject({ status: 'CONNECTED', keyId: 'test-1', previousKeyId: 'test-1' });
    sealedWithout(rotated.row.encryptedRefreshToken, rotated.current);
    sealedWithout(rotated.row.previousEncryptedRefreshToken, first);

    // Rotating again: the refresh with the new token worked, so the first one is no longer kept.
    await expect(check('ana@acme.test')).resolves.toBe('Europe/Madrid');
    const again = await now();
    expect(again.previous).toBe(rotated.current);
    expect(new Set([first, rotated.current]).has(again.current)).toBe(false);

    // Google answers without a new token: the refresh with the current one confirms it, and the replaced one is dropped.
    await rotation(false);
    await expect(check('ana@acme.test')).resolves.toBe('Europe/Madrid');
    const confirmed = await now();
    expect(confirmed.current).toBe(again.current);
    expect(confirmed.previous).toBeUndefined();
    expect(confirmed.row).toMatchObject({ previousEncryptedRefreshToken: null, previousKeyId: null });
    // Google's side agrees: only the current token is alive.
    expect(await liveTokens('ana@acme.test')).toBe(1);
    // A refresh that changes nothing writes nothing.
    await expect(check('ana@acme.test')).resolves.toBe('Europe/Madrid');
    expect((await now()).row.updatedAt).toEqual(confirmed.row.updatedAt);
  });

  it('a crash between Google’s answer and the store loses nothing: the still-stored old token works after a restart', async () => {
    const { first, stored: now } = await connected('ben@acme.test');
    const before = await now();
    await rotation(true);

    // A backend whose write of the rotated token fails (the process dies there): the token Google gave is never stored.
    const issued: string[] = [];
    const dying: ConnectionVault = {
      methodOf: (who) => world.vault.methodOf(who),
      connectionOf: (who) => world.vault.connectionOf(who),
      rotated: async (_who, next) => {
        issued.push(next);
        seenTokens.add(next);
        throw new Error('the process died before the rotated refresh token was stored');
      },
      rotationConfirmed: (who) => world.vault.rotationConfirmed(who),
      refused: (who, refusal) => world.vault.refused(who, refusal),
    };
    const crashing = emulatedGoogle(world.emu.url, world.emu.key, { vault: dying, oauthClient: CONNECT_CLIENT });
    const crash = await crashing.calendar.getTimeZone(as('ben@acme.test'), { freshToken: true }).catch((e: unknown) => e);
    expect(crash).toBeInstanceOf(GoogleApiError);
    expect((crash as GoogleApiError).retryable).toBe(true);
    expect(issued).toHaveLength(1);
    expect(issued[0]).not.toBe(first);

    // Nothing was written: the row still holds the old token, still connected, the person still ACTIVE.
    const after = await now();
    expect(after.current).toBe(first);
    expect(after.previous).toBeUndefined();
    expect(Buffer.from(after.row.encryptedRefreshToken)).toEqual(Buffer.from(before.row.encryptedRefreshToken));
    expect(after.row.status).toBe('CONNECTED');

    // The restarted backend (another PerUserAuth, the real vault) refreshes with the old token: Google still honours it.
    world.evaluations.length = 0;
    await expect(check('ben@acme.test')).resolves.toBe('America/New_York');
    const recovered = await now();
    expect(recovered.previous).toBe(first);
    expect(new Set([first, issued[0]]).has(recovered.current)).toBe(false);
    await expect(check('ben@acme.test')).resolves.toBe('America/New_York');
    expect((await now()).row.status).toBe('CONNECTED');
    const access = await world.db.prisma.personCalendarAccess.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: recovered.row.organizationId, personId: recovered.row.personId } },
    });
    expect(access.status).toBe('ACTIVE');
    expect(world.evaluations).toEqual([]);
    expect(JSON.stringify({ message: (crash as Error).message, details: (crash as GoogleApiError).details })).not.toContain(issued[0]);
  });

  it('a new token Google no longer knows: the kept previous one is used, and nothing is lost', async () => {
    const { first, stored: now } = await connected('cara@acme.test');
    await rotation(true);
    await expect(check('cara@acme.test')).resolves.toBe('Asia/Tokyo');
    const rotated = await now();
    expect(rotated.previous).toBe(first);

    // Google loses its record of the new token before it was ever used; it answers without rotating now.
    await rotation(false);
    await control().forgetRefreshToken(rotated.current);
    world.evaluations.length = 0;
    await expect(check('cara@acme.test')).resolves.toBe('Asia/Tokyo');
    const fellBack = await now();
    expect(fellBack.row.status).toBe('CONNECTED');
    expect(fellBack.current).toBe(first);
    // The next refresh with the token that worked confirms it; the refused one is dropped.
    await expect(check('cara@acme.test')).resolves.toBe('Asia/Tokyo');
    const settled = await now();
    expect(settled.current).toBe(first);
    expect(settled.previous).toBeUndefined();
    expect(world.evaluations).toEqual([]);
  });

  it('the fallback refresh itself rotates: the newest token Google gave is the one stored, the one that worked kept', async () => {
    const { first, stored: now } = await connected('ana@acme.test');
    await rotation(true);
    await expect(check('ana@acme.test')).resolves.toBe('Europe/Madrid');
    const rotated = await now();
    await control().forgetRefreshToken(rotated.current);

    await expect(check('ana@acme.test')).resolves.toBe('Europe/Madrid');
    const fellBack = await now();
    expect(fellBack.row.status).toBe('CONNECTED');
    expect(new Set([first, rotated.current]).has(fellBack.current)).toBe(false);
    expect(fellBack.previous).toBe(first);
    // The newest token works; once it has, the first one is dropped (and ends at Google).
    await rotation(false);
    await expect(check('ana@acme.test')).resolves.toBe('Europe/Madrid');
    const settled = await now();
    expect(settled.current).toBe(fellBack.current);
    expect(settled.previous).toBeUndefined();
  });

  it('Google down when the kept token is tried: a retryable failure, both tokens still stored, then the fallback works', async () => {
    const { first, stored: now } = await connected('cara@acme.test');
    await rotation(true);
    await check('cara@acme.test');
    const rotated = await now();
    await rotation(false);
    await control().forgetRefreshToken(rotated.current);
    // The refresh with the forgotten token is refused (invalid_grant); the token endpoint then fails for the retry.
    await world.emu.control('PUT', '/faults', { errors: [{ method: 'oauth2.token', status: 503, rate: 1, afterCalls: 1 }] });
    const error = await check('cara@acme.test').catch((e: unknown) => e);
    await world.emu.control('DELETE', '/faults');
    expect(error).toMatchObject({ kind: 'unavailable' });
    const kept = await now();
    expect(kept.row.status).toBe('CONNECTED');
    expect([kept.current, kept.previous]).toEqual([rotated.current, first]);

    await check('cara@acme.test');
    const fellBack = await now();
    expect(fellBack.row.status).toBe('CONNECTED');
    expect(fellBack.current).toBe(first);
  });

  it('both tokens refused: NEEDS_RECONNECT, and nothing kept', async () => {
    const { stored: now, org, personId } = await connected('ben@acme.test');
    await rotation(true);
    await expect(check('ben@acme.test')).resolves.toBe('America/New_York');
    await control().removeAppAccess('ben@acme.test', CONNECT_CLIENT.clientId);
    const error = await check('ben@acme.test').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_installed', details: { reason: 'connection_revoked' } });
    const row = (await now()).row;
    expect(row).toMatchObject({ status: 'NEEDS_RECONNECT', previousEncryptedRefreshToken: null, previousKeyId: null });
    const access = await world.db.prisma.personCalendarAccess.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: org.id, personId } },
    });
    expect(access.status).toBe('CONNECTION_REVOKED');
  });
});

describe('the Workspace stops trusting Together for Calendar (admin_policy_enforced)', () => {
  const context = (): CheckContext => ({
    domains: new Set(['acme.test']),
    verifiedDomains: ['acme.test'],
    domainAdmins: new Map([['acme.test', 'boss@acme.test']]),
    renewedTokens: new Set(),
    refusedTokens: new Map(),
    refusedReaders: new Map(),
  });
  const accessCheck = () => ({
    calendar: world.google.calendar,
    directory: world.google.directory,
    backoff: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
  });

  it('the next refresh is refused: connection and access BLOCKED_BY_POLICY with the fix, the check says blocked by admin policy', async () => {
    const { org, personId, stored: now } = await connected('ana@acme.test');
    await expect(check('ana@acme.test')).resolves.toBe('Europe/Madrid');
    await control().setAdminPolicy({ domain: 'acme.test', clientId: CONNECT_CLIENT.clientId, restrictedServices: ['calendar'] });
    world.evaluations.length = 0;

    const error = await check('ana@acme.test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoogleApiError);
    expect(error).toMatchObject({
      kind: 'not_installed',
      details: { reason: 'admin_policy_enforced', fix: PER_USER_FIXES.admin_policy_enforced },
    });
    const { row } = await now();
    expect(row.status).toBe('BLOCKED_BY_POLICY');
    expect(row.statusReason).toContain('admin_policy_enforced');
    const access = await world.db.prisma.personCalendarAccess.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: org.id, personId } },
    });
    expect(access.status).toBe('BLOCKED_BY_POLICY');
    expect(access.reason).toContain("Blocked by the Google Workspace admin's policy");
    expect(access.fix).toContain('A Google Workspace administrator marks Together as trusted');
    expect(access.fix).toContain('API controls');
    expect(world.evaluations).toEqual([org.id]);

    // The integration test's check of the person: blocked by admin policy, in words, without asking Google again.
    await control().resetRequests();
    const verdict = await checkPersonAccess(accessCheck(), context(), 'ana@acme.test');
    expect(verdict).toMatchObject({ status: 'BLOCKED_BY_POLICY', fix: PER_USER_FIXES.admin_policy_enforced });
    expect(verdict.reason).toContain('restricts Google Calendar to trusted apps');
    expect((await control().requests()).tokenRequests['ana@acme.test'] ?? 0).toBe(0);
  });

  it('connecting while the policy holds: Google shows its admin_policy_enforced page, the backend stores nothing', async () => {
    const org = await world.organization();
    const ben = org.people['ben@acme.test']!;
    await control().setAdminPolicy({ domain: 'acme.test', clientId: CONNECT_CLIENT.clientId, restrictedServices: ['calendar'] });
    const started = await world.start(await world.link(org.id, ben));
    expect(started.status).toBe(303);
    const consent = await openPage(started.location!);
    const answered = await submitForm(parseSignInForm(consent.html, started.location!), { account: 'ben@acme.test', action: 'allow' });
    // Google ends it on its own page: no redirect to the backend, so the app hears nothing.
    expect(answered.status).toBe(400);
    expect(answered.location).toBeUndefined();
    expect(textOf(answered.html)).toContain('admin_policy_enforced');
    expect(textOf(answered.html)).toContain('Please contact the administrator for acme.test');
    expect(await world.db.prisma.calendarConnection.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await world.db.prisma.personCalendarAccess.count({ where: { organizationId: org.id, personId: ben } })).toBe(0);
  });

  it('Google sending the person back with error=admin_policy_enforced: a plain page with the fix, nothing stored', async () => {
    const org = await world.organization();
    const ben = org.people['ben@acme.test']!;
    const started = await world.start(await world.link(org.id, ben));
    const state = new URL(started.location!).searchParams.get('state')!;
    const back = await world.callback(`${world.url}/connect/callback?${new URLSearchParams({ state, error: 'admin_policy_enforced' })}`);
    const text = textOf(back.html);
    expect(text).toContain('Nothing was connected');
    expect(text).toContain('Your Google Workspace administrator does not let Together use Google Calendar');
    expect(text).toContain('API controls');
    // The state is burnt: the same callback again is refused.
    expect((await world.callback(`${world.url}/connect/callback?${new URLSearchParams({ state, code: '4/x' })}`)).status).toBe(410);
    expect(await world.db.prisma.calendarConnection.count({ where: { organizationId: org.id } })).toBe(0);
  });
});

describe('logs', () => {
  it('never carry a refresh token', () => {
    expect(seenTokens.size).toBeGreaterThan(5);
    const logs = world.logs.text();
    for (const token of seenTokens) expect(logs).not.toContain(token);
  });
});
