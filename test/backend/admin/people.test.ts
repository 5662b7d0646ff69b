import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { createPerson } from '../../support/factories.js';
import { auditEntries, setUpOrganization, type AdminApi } from './support.js';

const db = useWorld(() => createTestDatabase());

/** Ana at `domain`, written as a customer's export might: mixed case (stored as `ana@<domain>`), a lower-case zone, days out of order. */
const ana = (domain: string) => ({
  externalId: 'u-1',
  email: `Ana@${domain.toUpperCase()}`,
  displayName: 'Ana',
  timeZone: 'europe/madrid',
  workingHours: {
    tue: [
      ['14:00', '18:00'],
      ['09:00', '12:00'],
    ],
    mon: [['09:00', '17:00']],
  },
});
/** Ben at `domain`, with only what a row needs. */
const ben = (domain: string) => ({ email: `ben@${domain}`, displayName: 'Ben' });

/** A domain no organization has. */
const unheldDomain = () => `nobody-${randomUUID().slice(0, 8)}.example.org`;

async function upsert(api: AdminApi, rows: unknown[], query = '') {
  return api.post(`/people/bulk-upsert${query}`, { rows });
}

async function peopleOf(organizationId: string) {
  return db().prisma.person.findMany({ where: { organizationId }, orderBy: { email: 'asc' } });
}

describe('bulk upsert of people', () => {
  it('creates people with canonical values and defaults, and reports each row', async () => {
    const { api, domain, emailAt } = await setUpOrganization(db());
    const response = await upsert(api, [ana(domain), ben(domain)]);
    expectStatus(response, 200);
    expect(response.body).toEqual({
      rows: [
        { index: 0, status: 'created', id: expect.any(String) },
        { index: 1, status: 'created', id: expect.any(String) },
      ],
      summary: { total: 2, created: 2, updated: 0, unchanged: 0, invalid: 0 },
      dryRun: false,
    });
    const list = await api.get('/people');
    expectStatus(list, 200);
    // Oldest first; rows created by one batch share a timestamp and come in id order.
    const listed = [...list.body.people].sort((a, b) => a.email.localeCompare(b.email));
    expect(listed).toEqual([
      expect.objectContaining({
        id: response.body.rows[0].id,
        externalId: 'u-1',
        email: emailAt('ana'),
        timeZone: 'Europe/Madrid',
        workingHours: {
          mon: [['09:00', '17:00']],
          tue: [
            ['09:00', '12:00'],
            ['14:00', '18:00'],
          ],
        },
        status: 'ACTIVE',
      }),
      expect.objectContaining({
        email: emailAt('ben'),
        externalId: null,
        timeZone: 'UTC',
        workingHours: expect.objectContaining({ fri: [['09:00', '17:00']] }),
      }),
    ]);
    expect(Object.keys(listed[0].workingHours)).toEqual(['mon', 'tue']);
  });

  it('is idempotent: the same batch again reports unchanged and writes nothing', async () => {
    const { api, domain } = await setUpOrganization(db());
    const first = await upsert(api, [ana(domain), ben(domain)]);
    const before = await peopleOf(api.organizationId);
    const again = await upsert(api, [ana(domain), ben(domain)]);
    expectStatus(again, 200);
    expect(again.body.rows).toEqual([
      { index: 0, status: 'unchanged', id: first.body.rows[0].id },
      { index: 1, status: 'unchanged', id: first.body.rows[1].id },
    ]);
    expect(await peopleOf(api.organizationId)).toEqual(before);
  });

  it('updates only what a row gives: absent fields keep their stored values', async () => {
    const { api, domain, emailAt } = await setUpOrganization(db());
    const first = await upsert(api, [ana(domain), ben(domain)]);
    const response = await upsert(api, [
      { externalId: 'u-1', email: emailAt('ana.new'), displayName: 'Ana M.' },
      { email: emailAt('ben'), displayName: 'Ben', externalId: 'u-2', status: 'INACTIVE' },
    ]);
    expectStatus(response, 200);
    expect(response.body.rows.map((r: { status: string }) => r.status)).toEqual(['updated', 'updated']);
    const [anaNow, benNow] = await peopleOf(api.organizationId);
    expect(anaNow).toMatchObject({
      id: first.body.rows[0].id,
      email: emailAt('ana.new'),
      displayName: 'Ana M.',
      timeZone: 'Europe/Madrid',
    });
    expect(benNow).toMatchObject({ id: first.body.rows[1].id, externalId: 'u-2', status: 'INACTIVE', timeZone: 'UTC' });
  });

  it('reports what would happen on a dry run, and writes nothing', async () => {
    const { api, domain } = await setUpOrganization(db());
    const response = await upsert(api, [ana(domain)], '?dryRun=true');
    expectStatus(response, 200);
    expect(response.body).toMatchObject({ dryRun: true, rows: [{ index: 0, status: 'created' }] });
    expect(await peopleOf(api.organizationId)).toEqual([]);
    expect(await auditEntries(db(), api.organizationId)).toEqual([]);
  });

  it('audits every batch with its counts and the acting token', async () => {
    const { api, domain } = await setUpOrganization(db());
    await upsert(api, [ana(domain), ben(domain)]);
    await upsert(api, [ana(domain), { ...ben(domain), displayName: 'Benjamin' }]);
    const entries = await auditEntries(db(), api.organizationId);
    expect(entries.map((e) => [e.action, e.actorType, e.actorId, e.targetType, e.details])).toEqual([
      ['people.upserted', 'ADMIN_TOKEN', api.tokenId, 'Person', { total: 2, created: 2, updated: 0, unchanged: 0, invalid: 0 }],
      ['people.upserted', 'ADMIN_TOKEN', api.tokenId, 'Person', { total: 2, created: 0, updated: 1, unchanged: 1, invalid: 0 }],
    ]);
  });

  // Each bad row is a function of the organization's domain, so that it is wrong only in the way named.
  it.each<[string, (domain: string) => unknown, string, string]>([
    ['an invalid email', () => ({ email: 'not-an-email', displayName: 'X' }), 'email', 'invalid_format'],
    ['a missing display name', (domain) => ({ email: `x@${domain}` }), 'displayName', 'invalid_type'],
    ['an unknown time zone', (domain) => ({ ...ben(domain), timeZone: 'Mars/Olympus_Mons' }), 'timeZone', 'invalid_time_zone'],
    ['a fixed offset instead of a zone', (domain) => ({ ...ben(domain), timeZone: '+01:00' }), 'timeZone', 'invalid_time_zone'],
    [
      'an interval that ends before it starts',
      (domain) => ({ ...ben(domain), workingHours: { mon: [['17:00', '09:00']] } }),
      'workingHours.mon.0',
      'invalid_interval',
    ],
    [
      'overlapping intervals',
      (domain) => ({
        ...ben(domain),
        workingHours: {
          wed: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
      }),
      'workingHours.wed',
      'overlapping_intervals',
    ],
    [
      'a malformed time',
      (domain) => ({ ...ben(domain), workingHours: { mon: [['9:00', '17:00']] } }),
      'workingHours.mon.0.0',
      'invalid_format',
    ],
    [
      'an hour past 24:00',
      (domain) => ({ ...ben(domain), workingHours: { mon: [['09:00', '25:00']] } }),
      'workingHours.mon.0.1',
      'invalid_format',
    ],
    [
      'an unknown day',
      (domain) => ({ ...ben(domain), workingHours: { monday: [['09:00', '17:00']] } }),
      'workingHours.monday',
      'unrecognized_key',
    ],
    ['an unknown status', (domain) => ({ ...ben(domain), status: 'GONE' }), 'status', 'invalid_value'],
    ['an unknown field', (domain) => ({ ...ben(domain), emial: `typo@${domain}` }), 'emial', 'unrecognized_key'],
    ['a row that is not an object', (domain) => `ben@${domain}`, '', 'invalid_type'],
  ])('refuses a batch with %s: 422 with the row’s errors, and nothing written', async (_label, bad, field, code) => {
    const { api, domain } = await setUpOrganization(db());
    const response = await upsert(api, [ana(domain), bad(domain)]);
    expectStatus(response, 422);
    expect(response.body.error).toMatchObject({ code: 'invalid_rows', details: { total: 2, rows: [{ index: 1, status: 'invalid' }] } });
    expect(response.body.error.details.rows[0].errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(await peopleOf(api.organizationId)).toEqual([]);
    expect(await auditEntries(db(), api.organizationId)).toEqual([]);
  });

  it('accepts 24:00 as the end of a day and leaves empty days out', async () => {
    const { api, domain } = await setUpOrganization(db());
    const response = await upsert(api, [{ ...ben(domain), workingHours: { sat: [['20:00', '24:00']], sun: [] } }]);
    expectStatus(response, 200);
    expect((await peopleOf(api.organizationId))[0]?.workingHours).toEqual({ sat: [['20:00', '24:00']] });
  });

  it('refuses two rows for the same email or externalId', async () => {
    const { api, domain, emailAt } = await setUpOrganization(db());
    const response = await upsert(api, [
      ben(domain),
      { ...ben(domain), email: `BEN@${domain.toUpperCase()} ` },
      ana(domain),
      { ...ana(domain), email: emailAt('other') },
    ]);
    expectStatus(response, 422);
    const rows = response.body.error.details.rows;
    expect(rows.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3]);
    expect(rows[0].errors).toEqual([expect.objectContaining({ field: 'email', code: 'duplicate_in_batch' })]);
    expect(rows[3].errors).toEqual([expect.objectContaining({ field: 'externalId', code: 'duplicate_in_batch' })]);
  });

  it('refuses a row whose externalId and email name two different people', async () => {
    const { api, domain, emailAt } = await setUpOrganization(db());
    await upsert(api, [ana(domain), ben(domain)]);
    const response = await upsert(api, [{ externalId: 'u-1', email: emailAt('ben'), displayName: 'Ana' }]);
    expectStatus(response, 422);
    expect(response.body.error.details.rows[0].errors).toEqual([expect.objectContaining({ field: 'email', code: 'conflict' })]);
  });

  it('refuses a row with a new externalId for a person who already has another', async () => {
    const { api, domain } = await setUpOrganization(db());
    await upsert(api, [ana(domain)]);
    const response = await upsert(api, [{ ...ana(domain), externalId: 'u-9' }]);
    expectStatus(response, 422);
    expect(response.body.error.details.rows[0].errors).toEqual([expect.objectContaining({ field: 'externalId', code: 'conflict' })]);
  });

  it('refuses a batch larger than 5000 rows with 413 batch_too_large', async () => {
    const { api } = await setUpOrganization(db());
    const response = await upsert(
      api,
      Array.from({ length: 5001 }, () => ({})),
    );
    expectStatus(response, 413);
    expect(response.body.error).toMatchObject({ code: 'batch_too_large', details: { maxRows: 5000, rows: 5001 } });
  });

  it.each([
    ['no rows', { rows: [] }, 'rows'],
    ['rows that are not a list', { rows: { email: 'x@example.com' } }, 'rows'],
    ['a body without rows', { people: [] }, 'people'],
  ])('refuses %s with 400 invalid_request', async (_label, body, field) => {
    const { api } = await setUpOrganization(db());
    const response = await api.post('/people/bulk-upsert', body);
    expectStatus(response, 400);
    expect(response.body.error.code).toBe('invalid_request');
    expect(response.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
  });

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.post('/people/bulk-upsert').set('Content-Type', 'application/json').send('{"rows": [');
    expectStatus(response, 400);
    expect(response.body.error.code).toBe('malformed_json');
  });

  it('keeps people of another organization with the same email apart', async () => {
    const other = await setUpOrganization(db());
    const { api, domain } = await setUpOrganization(db());
    // The upsert would refuse this row in `other` (the domain is ours): the factory writes it as a
    // person kept from before the domain moved to us might be, so the lookup by email must be ours alone.
    const outsider = await createPerson(db().prisma, other.organization.id, { email: ben(domain).email, displayName: 'Other Ben' });
    const response = await upsert(api, [ben(domain)]);
    expectStatus(response, 200);
    expect(response.body.rows[0]).toMatchObject({ status: 'created' });
    expect(response.body.rows[0].id).not.toBe(outsider.id);
    expect(await db().prisma.person.findUniqueOrThrow({ where: { id: outsider.id } })).toEqual(outsider);
    expect((await other.api.get('/people')).body.people.map((p: { id: string }) => p.id)).toEqual([outsider.id]);
  });
});

describe('people belong to the organization’s own domains', () => {
  /** Expects `response` to refuse exactly row `index` of `total`, for its email's domain. */
  function expectOutsideDomains(response: Awaited<ReturnType<typeof upsert>>, index: number, total: number) {
    expectStatus(response, 422);
    expect(response.body.error).toMatchObject({
      code: 'invalid_rows',
      details: { total, invalid: 1, rows: [{ index, status: 'invalid' }] },
    });
    expect(response.body.error.details.rows[0].errors).toEqual([
      expect.objectContaining({ field: 'email', code: 'outside_organization_domains' }),
    ]);
  }

  it('refuses a row at another organization’s domain, and writes none of the batch', async () => {
    const a = await setUpOrganization(db());
    const b = await setUpOrganization(db());
    expectStatus(await upsert(a.api, [ana(a.domain)]), 200);
    const aBefore = await peopleOf(a.api.organizationId);
    const aAudit = await auditEntries(db(), a.api.organizationId);

    // B names A's Ana (her very address, and as written by A), next to a valid person of its own.
    const response = await upsert(b.api, [ben(b.domain), { ...ana(a.domain), displayName: 'Ana, taken over' }]);
    expectOutsideDomains(response, 1, 2);
    expect(await peopleOf(b.api.organizationId)).toEqual([]);
    expect(await auditEntries(db(), b.api.organizationId)).toEqual([]);
    expect(await peopleOf(a.api.organizationId)).toEqual(aBefore);
    expect(await auditEntries(db(), a.api.organizationId)).toEqual(aAudit);

    // A dry run says the same; nor can B take the domain to get round the rule.
    expectOutsideDomains(await upsert(b.api, [{ email: a.emailAt('someone'), displayName: 'Someone' }], '?dryRun=true'), 0, 1);
    const claim = await b.api.patch('', { domains: [b.domain, a.domain] });
    expectStatus(claim, 409);
    expect(claim.body.error.code).toBe('domain_unavailable');
    expectOutsideDomains(await upsert(b.api, [{ email: a.emailAt('someone'), displayName: 'Someone' }]), 0, 1);
    expect(await peopleOf(b.api.organizationId)).toEqual([]);
  });

  it('answers the same for a domain another organization has as for one nobody has', async () => {
    const a = await setUpOrganization(db());
    const b = await setUpOrganization(db());
    const unheld = unheldDomain();
    const response = await upsert(b.api, [ben(a.domain), ben(unheld)]);
    expectStatus(response, 422);
    const [taken, nobodys] = response.body.error.details.rows;
    expect(taken).toMatchObject({ index: 0, errors: [expect.objectContaining({ field: 'email', code: 'outside_organization_domains' })] });
    // Nothing tells B that A holds its domain: with the domain itself masked, the two errors are alike.
    const masked = (row: { errors: unknown }, domain: string) => JSON.stringify(row.errors).split(domain).join('<domain>');
    expect(masked(taken, a.domain)).toBe(masked(nobodys, unheld));
    expect(JSON.stringify(taken)).not.toContain(a.organization.id);
    expect(JSON.stringify(taken)).not.toContain(a.organization.name);
  });

  it('refuses a row at a domain no organization has, and writes none of the batch', async () => {
    const { api, domain } = await setUpOrganization(db());
    const response = await upsert(api, [ana(domain), ben(unheldDomain())]);
    expectOutsideDomains(response, 1, 2);
    expect(await peopleOf(api.organizationId)).toEqual([]);
    expect(await auditEntries(db(), api.organizationId)).toEqual([]);
  });

  it('refuses moving a person’s email out of the organization’s domains', async () => {
    const a = await setUpOrganization(db());
    const b = await setUpOrganization(db());
    expectStatus(await upsert(b.api, [ana(b.domain)]), 200);
    const before = await peopleOf(b.api.organizationId);
    expectOutsideDomains(await upsert(b.api, [{ externalId: 'u-1', email: a.emailAt('ana'), displayName: 'Ana' }]), 0, 1);
    expect(await peopleOf(b.api.organizationId)).toEqual(before);
  });

  it('accepts the same row once the organization adds the domain', async () => {
    const { api, domain } = await setUpOrganization(db());
    const added = unheldDomain();
    const row = { email: `Cy@${added.toUpperCase()}`, displayName: 'Cy' };
    expectOutsideDomains(await upsert(api, [row]), 0, 1);

    expectStatus(await api.patch('', { domains: [domain, added] }), 200);
    const response = await upsert(api, [row]);
    expectStatus(response, 200);
    expect(response.body.rows).toEqual([{ index: 0, status: 'created', id: expect.any(String) }]);
    expect((await peopleOf(api.organizationId)).map((p) => [p.id, p.email])).toEqual([[response.body.rows[0].id, `cy@${added}`]]);
    expect((await auditEntries(db(), api.organizationId)).map((e) => e.action)).toEqual(['organization.updated', 'people.upserted']);
  });
});

describe('listing people', () => {
  it('pages through people, oldest first, with an opaque cursor', async () => {
    const { api, emailAt } = await setUpOrganization(db());
    await upsert(
      api,
      Array.from({ length: 5 }, (_, i) => ({ email: emailAt(`p${i}`), displayName: `P${i}` })),
    );
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const response = await api.get(`/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expectStatus(response, 200);
      seen.push(...response.body.people.map((p: { email: string }) => p.email));
      cursor = response.body.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4'].map(emailAt));
  });

  it.each([['limit=0'], ['limit=201'], ['limit=ten'], ['cursor=garbage']])('refuses ?%s with 400', async (query) => {
    const { api } = await setUpOrganization(db());
    const response = await api.get(`/people?${query}`);
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request', details: { location: 'query' } });
  });
});
