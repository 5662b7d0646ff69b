import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SCOPES, googleError } from './support/google-clients.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

const ACME = ['ana@acme.test', 'ben@acme.test', 'boss@acme.test', 'cara@acme.test', 'dan@acme.test', 'eve@acme.test', 'fay@acme.test'];

describe('Directory users.list and users.get', () => {
  it("lists the customer's users ordered by email, suspended ones flagged", async () => {
    const directory = emu.directory('boss@acme.test');
    const { data } = await directory.users.list({ customer: 'my_customer', orderBy: 'email' });
    expect(data.kind).toBe('admin#directory#users');
    expect(data.users?.map((u) => u.primaryEmail)).toEqual(ACME);
    expect(data.users?.find((u) => u.primaryEmail === 'dan@acme.test')).toMatchObject({
      suspended: true,
      name: { givenName: 'Dan', familyName: 'Suspended', fullName: 'Dan Suspended' },
    });
    expect(data.users?.[0]).toMatchObject({
      kind: 'admin#directory#user',
      id: expect.stringMatching(/^\d+$/),
      orgUnitPath: '/Engineering',
      customerId: 'C0acme',
    });
    const { data: byDomain } = await directory.users.list({ domain: 'acme.test' });
    expect(byDomain.users).toHaveLength(ACME.length);
  });

  it('pages with maxResults and pageToken, and caps maxResults at 500', async () => {
    const directory = emu.directory('ana@acme.test');
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await directory.users.list({ customer: 'my_customer', maxResults: 3, pageToken });
      expect(data.users!.length).toBeLessThanOrEqual(3);
      seen.push(...data.users!.map((u) => u.primaryEmail!));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(seen).toEqual(ACME);
    const tooMany = await googleError(directory.users.list({ customer: 'my_customer', maxResults: 501 }));
    expect(tooMany).toMatchObject({ status: 400, reasons: ['invalid'] });
  });

  it('searches by email and sorts descending', async () => {
    const directory = emu.directory('ana@acme.test');
    const { data } = await directory.users.list({ customer: 'my_customer', query: 'email:cara@acme.test' });
    expect(data.users?.map((u) => u.primaryEmail)).toEqual(['cara@acme.test']);
    const { data: prefix } = await directory.users.list({
      domain: 'acme.test',
      query: 'email:b*',
      orderBy: 'email',
      sortOrder: 'DESCENDING',
    });
    expect(prefix.users?.map((u) => u.primaryEmail)).toEqual(['boss@acme.test', 'ben@acme.test']);
    const { data: none } = await directory.users.list({ customer: 'my_customer', query: 'email:nobody@acme.test' });
    expect(none.users).toEqual([]);
  });

  it("needs customer or domain (400) and refuses another customer's domain (403)", async () => {
    const directory = emu.directory('ana@acme.test');
    expect((await googleError(directory.users.list({}))).status).toBe(400);
    const foreign = await googleError(directory.users.list({ domain: 'other.test' }));
    expect(foreign).toMatchObject({ status: 403, message: 'Not Authorized to access this resource/api' });
  });

  it('gets a user by email or id; unknown → 404 "Resource Not Found: userKey"', async () => {
    const directory = emu.directory('ana@acme.test');
    const { data } = await directory.users.get({ userKey: 'ben@acme.test' });
    expect(data).toMatchObject({ primaryEmail: 'ben@acme.test', name: { fullName: 'Ben Okafor' } });
    expect((await directory.users.get({ userKey: data.id! })).data.primaryEmail).toBe('ben@acme.test');
    const missing = await googleError(directory.users.get({ userKey: 'nobody@acme.test' }));
    expect(missing.data).toEqual({
      error: {
        errors: [{ message: 'Resource Not Found: userKey', domain: 'global', reason: 'notFound' }],
        code: 404,
        message: 'Resource Not Found: userKey',
      },
    });
    expect((await googleError(directory.users.get({ userKey: 'olga@other.test' }))).status).toBe(403);
  });

  it('checks the Directory scope', async () => {
    const error = await googleError(emu.directory('ana@acme.test', [SCOPES.calendar]).users.list({ customer: 'my_customer' }));
    expect(error).toMatchObject({ status: 403, reasons: ['insufficientPermissions'] });
  });
});

describe('People people.get(people/me)', () => {
  it("returns the caller's basic profile for the requested fields", async () => {
    const { data } = await emu.people('cara@acme.test').people.get({ resourceName: 'people/me', personFields: 'names,emailAddresses' });
    expect(data.resourceName).toMatch(/^people\/\d+$/);
    expect(data.names?.[0]).toMatchObject({ displayName: 'Cara Ito', givenName: 'Cara', familyName: 'Ito' });
    expect(data.emailAddresses?.[0]).toMatchObject({ value: 'cara@acme.test', metadata: { primary: true } });
    expect(data.photos).toBeUndefined();
  });

  it('requires personFields (400 INVALID_ARGUMENT) and a profile scope (403)', async () => {
    const missing = await googleError(emu.people('cara@acme.test').people.get({ resourceName: 'people/me' }));
    expect(missing.status).toBe(400);
    expect(missing.data).toEqual({
      error: {
        code: 400,
        message:
          'personFields mask is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/get.',
        status: 'INVALID_ARGUMENT',
      },
    });
    const unknown = await googleError(emu.people('cara@acme.test').people.get({ resourceName: 'people/me', personFields: 'shoeSize' }));
    expect(unknown.status).toBe(400);
    const scope = await googleError(
      emu.people('cara@acme.test', [SCOPES.calendar]).people.get({ resourceName: 'people/me', personFields: 'names' }),
    );
    expect(scope).toMatchObject({ status: 403, reasons: ['insufficientPermissions'] });
  });
});
