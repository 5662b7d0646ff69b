import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CLIENT_ID, startTestEmulator, testSeed, type TestEmulator } from './support/emulator.js';
import { SCOPES, googleError } from './support/google-clients.js';

const DOMAINS = 'https://www.googleapis.com/auth/admin.directory.domain.readonly';

interface DomainView {
  name: string;
  customerId: string;
  isPrimary: boolean;
  verified: boolean;
}

let emu: TestEmulator;
beforeAll(async () => {
  const seed = testSeed();
  // One customer (C0acme) with a primary and two secondary domains, one of them not yet verified.
  seed.domains!.push({ name: 'acme-labs.test', customerId: 'C0acme' }, { name: 'acme-new.test', customerId: 'C0acme', verified: false });
  seed.users!.push({ email: 'lab@acme-labs.test', givenName: 'Lab', familyName: 'Person', orgUnitPath: '/Engineering' });
  seed.grants!.push({ clientId: CLIENT_ID, domain: 'acme.test', scopes: [DOMAINS], reach: { groups: ['admins@acme.test'] } });
  emu = await startTestEmulator({ seed });
});
afterAll(async () => {
  await emu.close();
});

describe('Directory domains (a Workspace customer: primary and secondary domains)', () => {
  it('lists the customer’s domains, primary first, for my_customer and for its customer id', async () => {
    const directory = emu.directory('boss@acme.test', [DOMAINS]);
    const { data } = await directory.domains.list({ customer: 'my_customer' });
    expect(data.kind).toBe('admin#directory#domains');
    expect(data.domains).toEqual([
      {
        kind: 'admin#directory#domain',
        etag: expect.any(String),
        domainName: 'acme.test',
        isPrimary: true,
        verified: true,
        creationTime: expect.stringMatching(/^\d{13}$/),
      },
      expect.objectContaining({ domainName: 'acme-labs.test', isPrimary: false, verified: true }),
      expect.objectContaining({ domainName: 'acme-new.test', isPrimary: false, verified: false }),
    ]);
    const byId = await directory.domains.list({ customer: 'C0acme' });
    expect(byId.data.domains!.map((d) => d.domainName)).toEqual(['acme.test', 'acme-labs.test', 'acme-new.test']);
  });

  it('gets one domain; another customer’s domain or customer is refused', async () => {
    const directory = emu.directory('boss@acme.test', [DOMAINS]);
    const { data } = await directory.domains.get({ customer: 'my_customer', domainName: 'ACME-LABS.test' });
    expect(data).toMatchObject({ domainName: 'acme-labs.test', isPrimary: false, verified: true });
    const foreign = await googleError(directory.domains.get({ customer: 'my_customer', domainName: 'other.test' }));
    expect([foreign.status, foreign.message, foreign.reasons]).toEqual([404, 'Domain not found.', ['notFound']]);
    const otherCustomer = await googleError(directory.domains.list({ customer: 'C0other' }));
    expect([otherCustomer.status, otherCustomer.message]).toEqual([403, 'Not Authorized to access this resource/api']);
  });

  it('needs a domain scope', async () => {
    const error = await googleError(emu.directory('boss@acme.test', [SCOPES.directoryUsers]).domains.list({ customer: 'my_customer' }));
    expect(error.status).toBe(403);
    expect(error.reasons).toEqual(['insufficientPermissions']);
  });

  it('users.get shows primaryEmail, isAdmin and the shared customerId; a delegation in the primary domain reaches a secondary domain’s users', async () => {
    const directory = emu.directory('boss@acme.test');
    expect((await directory.users.get({ userKey: 'boss@acme.test' })).data).toMatchObject({
      primaryEmail: 'boss@acme.test',
      isAdmin: true,
      customerId: 'C0acme',
    });
    expect((await directory.users.get({ userKey: 'lab@acme-labs.test' })).data).toMatchObject({
      primaryEmail: 'lab@acme-labs.test',
      isAdmin: false,
      customerId: 'C0acme',
    });
    const listed = await directory.users.list({ customer: 'my_customer', maxResults: 500 });
    expect(listed.data.users!.map((u) => u.primaryEmail)).toContain('lab@acme-labs.test');
    // The acme.test install (org units /Engineering, /Sales) covers lab@acme-labs.test in /Engineering.
    await expect(emu.jwt('lab@acme-labs.test').authorize()).resolves.toHaveProperty('access_token');
    await expect(emu.jwt('olga@other.test').authorize()).rejects.toThrow(/unauthorized_client/);
  });

  it('seeds customers: `primary` picks the primary domain, a domain without customerId is its own customer; the controls list and patch domains', async () => {
    const seeded = await emu.control('POST', '/seed', {
      domains: [
        { name: 'beta.test', customerId: 'C0beta' },
        { name: 'beta.io', customerId: 'C0beta', primary: true },
        { name: 'solo.test' },
      ],
    });
    expect(seeded.status).toBe(200);
    const { body } = await emu.control<{ domains: DomainView[] }>('GET', '/domains');
    const byName = new Map(body.domains.map((d) => [d.name, d]));
    expect(byName.get('beta.io')).toMatchObject({ customerId: 'C0beta', isPrimary: true });
    expect(byName.get('beta.test')).toMatchObject({ customerId: 'C0beta', isPrimary: false });
    expect(byName.get('solo.test')).toMatchObject({ customerId: expect.stringMatching(/^C0/), isPrimary: true, verified: true });
    expect(byName.get('acme.test')).toMatchObject({ customerId: 'C0acme', isPrimary: true });

    expect((await emu.control<DomainView>('PATCH', '/domains/beta.test', { verified: false })).body.verified).toBe(false);
    expect((await emu.control('PATCH', '/domains/beta.test', { verified: 'no' })).status).toBe(400);
    expect((await emu.control('POST', '/seed', { domains: [{ name: 'x.test', primary: 'yes' }] })).status).toBe(400);
  });
});
