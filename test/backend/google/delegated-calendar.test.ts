import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../../backend/emulator/index.js';
import { DELEGATED_SCOPES } from '../../../backend/google/delegated-auth.js';
import { GoogleEndpoints } from '../../../backend/google/endpoints.js';
import { GoogleApiError } from '../../../backend/google/errors.js';
import { ServiceAccountKey } from '../../../backend/google/service-account-key.js';
import { emulatedGoogle } from '../../support/google.js';
import { emulatorControl } from '../../support/emulator-control.js';

const SERVICE_ACCOUNT = 'together@together-test.iam.gserviceaccount.com';
const CLIENT_ID = '111111111111111111111';
const LISTING = 'https://workspace.google.com/marketplace/app/together/111';

let emulator: RunningEmulator;
let key: ServiceAccountKey;

beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      domains: [{ name: 'acme.test' }],
      users: [
        { email: 'ana@acme.test', timeZone: 'Europe/Madrid', orgUnitPath: '/Staff' },
        { email: 'bob@acme.test', timeZone: 'America/Los_Angeles', orgUnitPath: '/Staff', suspended: true },
        { email: 'carl@acme.test', orgUnitPath: '/Contractors' },
        { email: 'dee@acme.test', orgUnitPath: '/Staff' },
      ],
      serviceAccounts: [{ clientEmail: SERVICE_ACCOUNT, clientId: CLIENT_ID }],
      grants: [{ serviceAccount: SERVICE_ACCOUNT, domain: 'acme.test', scopes: [...DELEGATED_SCOPES], reach: { orgUnits: ['/Staff'] } }],
    },
  });
  key = ServiceAccountKey.parse(JSON.stringify(emulator.serviceAccounts[0]));
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulatorControl(emulator.url).resetRequests();
});

function adapter(maxCachedSubjects = 100) {
  return emulatedGoogle(emulator.url, key, { maxCachedSubjects, marketplaceListingUrl: LISTING });
}

/** Acting for an organization whose one verified domain is acme.test. */
const acme = (subject: string) => ({ subject, verifiedDomains: ['acme.test'] });

async function failure(call: Promise<unknown>): Promise<GoogleApiError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(GoogleApiError);
    return error as GoogleApiError;
  }
  throw new Error('expected the call to fail');
}

describe('delegated calendar access through the emulator', () => {
  it("reads a user's calendar time zone acting as that user, with one token per user", async () => {
    const { calendar } = adapter();
    for (let i = 0; i < 3; i++) expect(await calendar.getTimeZone(acme('ana@acme.test'))).toBe('Europe/Madrid');
    expect(await calendar.getTimeZone(acme('Dee@Acme.test'))).toBe('UTC');
    const log = await emulatorControl(emulator.url).requests();
    expect(log.tokenRequests).toEqual({ 'ana@acme.test': 1, 'dee@acme.test': 1 });
    expect(log.perSubject['ana@acme.test']).toEqual({ 'calendar.settings.get': 3 });
  });

  it('keeps at most the configured number of clients, fetching a token again for an evicted user', async () => {
    const { auth, calendar } = adapter(1);
    await calendar.getTimeZone(acme('ana@acme.test'));
    await calendar.getTimeZone(acme('dee@acme.test'));
    expect(auth.cachedSubjects).toBe(1);
    await calendar.getTimeZone(acme('ana@acme.test'));
    expect((await emulatorControl(emulator.url).requests()).tokenRequests['ana@acme.test']).toBe(2);
  });

  it('keeps only the token of a user whose client was let go: a new client starts from it, no second token request', async () => {
    const { auth, calendar } = emulatedGoogle(emulator.url, key, {
      maxCachedSubjects: 10,
      maxLiveClients: 1,
      marketplaceListingUrl: LISTING,
    });
    await calendar.getTimeZone(acme('ana@acme.test'));
    await calendar.getTimeZone(acme('dee@acme.test'));
    const first = auth.clientFor(acme('dee@acme.test'));
    await calendar.getTimeZone(acme('ana@acme.test'));
    expect(auth.clientFor(acme('dee@acme.test'))).not.toBe(first);
    expect(auth.cachedSubjects).toBe(2);
    expect((await emulatorControl(emulator.url).requests()).tokenRequests).toEqual({ 'ana@acme.test': 1, 'dee@acme.test': 1 });
    auth.forget('Ana@acme.test');
    expect(auth.cachedSubjects).toBe(1);
    await calendar.getTimeZone(acme('ana@acme.test'));
    expect((await emulatorControl(emulator.url).requests()).tokenRequests['ana@acme.test']).toBe(2);
  });

  it('asks Google for a new token when told to, whatever is cached, and caches that one for ordinary calls', async () => {
    const { auth, calendar, directory } = adapter();
    await calendar.getTimeZone(acme('ana@acme.test'));
    await calendar.getTimeZone(acme('ana@acme.test'), { freshToken: true });
    await calendar.getTimeZone(acme('ana@acme.test'));
    await directory.getUser(acme('ana@acme.test'), 'dee@acme.test', { freshToken: true });
    await directory.getUser(acme('ana@acme.test'), 'dee@acme.test');
    expect((await emulatorControl(emulator.url).requests()).tokenRequests).toEqual({ 'ana@acme.test': 3 });
    expect(auth.cachedSubjects).toBe(1);
    // Refused before anything is dropped: a subject outside the verified domains keeps nothing from asking.
    expect(() => auth.freshClientFor({ subject: 'olga@other.test', verifiedDomains: ['acme.test'] })).toThrow(/not a verified domain/);
    expect(auth.cachedSubjects).toBe(1);
  });

  it('tells the admin how to install the app when the user is outside the grant', async () => {
    const error = await failure(adapter().calendar.getTimeZone(acme('carl@acme.test')));
    expect(error.kind).toBe('not_installed');
    expect(error.details.reason).toBe('unauthorized_client');
    expect(error.details.fix).toContain(LISTING);
    expect(error.details.fix).toContain(`client ID ${CLIENT_ID}`);
    expect(error.details.fix).toContain(DELEGATED_SCOPES.join(','));
    expect(error.retryable).toBe(false);
  });

  it('recognises users Google Workspace does not know or has suspended', async () => {
    const { calendar } = adapter();
    expect((await failure(calendar.getTimeZone(acme('nobody@acme.test')))).kind).toBe('user_unknown_or_suspended');
    expect((await failure(calendar.getTimeZone(acme('bob@acme.test')))).kind).toBe('user_unknown_or_suspended');
  });

  it('reports a key Google does not accept as a credentials problem', async () => {
    const { privateKey } = ServiceAccountKey.parse(JSON.stringify(emulator.serviceAccounts[0]));
    const other = await startEmulator({ seed: { serviceAccounts: [{ clientEmail: SERVICE_ACCOUNT, clientId: CLIENT_ID }] } });
    try {
      // The same account name with a key the emulator never issued.
      const foreignKey = ServiceAccountKey.parse(
        JSON.stringify({ ...other.serviceAccounts[0], private_key: other.serviceAccounts[0]!.private_key }),
      );
      expect(foreignKey.privateKey).not.toBe(privateKey);
      const { calendar } = emulatedGoogle(emulator.url, foreignKey, {
        maxCachedSubjects: 10,
        clientId: CLIENT_ID,
        marketplaceListingUrl: LISTING,
      });
      const error = await failure(calendar.getTimeZone(acme('ana@acme.test')));
      expect(error.kind).toBe('invalid_credentials');
      expect(error.details.fix).toMatch(/service-account key/);
    } finally {
      await other.close();
    }
  });

  it('classifies rate limits and outages as retryable, carrying Retry-After', async () => {
    const { calendar } = adapter();
    const setFaults = (faults: unknown) =>
      fetch(`${emulator.url}/emulator/v1/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(faults),
      });
    try {
      await setFaults({ quotas: { perUserPerMinute: 1, retryAfterSeconds: 7 } });
      await calendar.getTimeZone(acme('ana@acme.test'));
      const limited = await failure(calendar.getTimeZone(acme('ana@acme.test')));
      expect(limited.retryable).toBe(true);
      expect(limited).toMatchObject({
        kind: 'rate_limited',
        details: { status: 403, reason: 'userRateLimitExceeded', retryAfterMs: 7000 },
      });

      await setFaults({ errors: [{ method: 'calendar.settings.get', status: 503, rate: 1 }] });
      const outage = await failure(calendar.getTimeZone(acme('dee@acme.test')));
      expect(outage.retryable).toBe(true);
      expect(outage).toMatchObject({ kind: 'unavailable', details: { status: 503, reason: 'backendError' } });
    } finally {
      await fetch(`${emulator.url}/emulator/v1/faults`, { method: 'DELETE' });
    }
  });

  it('reaches nothing but the emulator when redirected, and Google when not', () => {
    expect(new GoogleEndpoints(emulator.url).apiOptions()).toEqual({ rootUrl: `${emulator.url}/` });
    expect(new GoogleEndpoints().apiOptions()).toEqual({});
    expect(new GoogleEndpoints().tokenInterceptor()).toBeUndefined();
    expect(new GoogleEndpoints().certsUrl).toBe('https://www.googleapis.com/oauth2/v1/certs');
  });
});

describe('the service-account key', () => {
  it('never shows its private key when printed, logged or serialised', () => {
    const secret = key.privateKey;
    expect(secret).toContain('PRIVATE KEY');
    expect(JSON.stringify({ key })).not.toContain(secret.slice(40, 80));
    expect(inspect(key)).not.toContain('PRIVATE');
    expect(`${JSON.stringify(key)}`).toContain('[redacted]');
  });

  it('refuses malformed keys without echoing them', () => {
    expect(() => ServiceAccountKey.parse('{not json')).toThrow('is not valid JSON');
    const broken = { ...emulator.serviceAccounts[0], private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' };
    expect(() => ServiceAccountKey.parse(JSON.stringify(broken))).toThrow('private_key cannot be read');
    const missing = { type: 'service_account', private_key: 'xyz-secret' };
    let message = '';
    try {
      ServiceAccountKey.parse(JSON.stringify(missing));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/client_email/);
    expect(message).not.toContain('xyz-secret');
  });
});

describe("impersonation only inside the organization's verified domains", () => {
  it("refuses, without asking Google, to act as anyone outside the organization's verified domains", async () => {
    const { auth, calendar } = adapter();
    // The probe: organization B (verified domain beta.test) names people of acme.test, A's Workspace.
    const forB = (subject: string) => ({ subject, verifiedDomains: ['beta.test'] });
    for (const call of [
      calendar.getTimeZone(forB('ana@acme.test')),
      calendar.freeBusy(forB('ana@acme.test'), { timeMin: new Date(0), timeMax: new Date(3_600_000), calendars: ['ana@acme.test'] }),
      calendar.insertEvent(forB('ana@acme.test'), {
        id: 'tgprobe',
        summary: 'x',
        description: '',
        start: new Date(0),
        end: new Date(1),
        timeZone: 'UTC',
        attendees: ['dee@acme.test'],
        privateProperties: {},
      }),
      calendar.getTimeZone({ subject: 'ana@acme.test', verifiedDomains: [] }),
      // A look-alike domain is not the verified one.
      calendar.getTimeZone({ subject: 'ana@evil-acme.test', verifiedDomains: ['acme.test'] }),
      calendar.getTimeZone({ subject: 'ana@sub.acme.test', verifiedDomains: ['acme.test'] }),
    ]) {
      const error = await failure(call);
      expect(error.kind).toBe('domain_not_verified');
      expect(error.details.fix).toMatch(/super administrator/);
    }
    expect(() => auth.clientFor(forB('ana@acme.test'))).toThrow(GoogleApiError);
    expect((await emulatorControl(emulator.url).requests()).total).toBe(0);
    expect(auth.cachedSubjects).toBe(0);
    // The same people, for the organization that verified acme.test: any spelling of the domain.
    expect(await calendar.getTimeZone({ subject: 'Ana@ACME.test', verifiedDomains: ['acme.test'] })).toBe('Europe/Madrid');
  });
});
