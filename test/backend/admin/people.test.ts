import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createPerson } from '../../support/factories.js';
import { auditEntries, setUpOrganization, type AdminApi } from './support.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const ana = { externalId: 'u-1', email: 'Ana@Acme.com', displayName: 'Ana', timeZone: 'europe/madrid', workingHours: { tue: [['14:00', '18:00'], ['09:00', '12:00']], mon: [['09:00', '17:00']] } };
const ben = { email: 'ben@acme.com', displayName: 'Ben' };

async function upsert(api: AdminApi, rows: unknown[], query = '') {
  return api.post(`/people/bulk-upsert${query}`, { rows });
}

async function peopleOf(organizationId: string) {
  return db.prisma.person.findMany({ where: { organizationId }, orderBy: { email: 'asc' } });
}

describe('bulk upsert of people', () => {
  it('creates people with canonical values and defaults, and reports each row', async () => {
    const { api } = await setUpOrganization(db);
    const response = await upsert(api, [ana, ben]);
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
        email: 'ana@acme.com',
        timeZone: 'Europe/Madrid',
        workingHours: { mon: [['09:00', '17:00']], tue: [['09:00', '12:00'], ['14:00', '18:00']] },
        status: 'ACTIVE',
      }),
      expect.objectContaining({ email: 'ben@acme.com', externalId: null, timeZone: 'UTC', workingHours: expect.objectContaining({ fri: [['09:00', '17:00']] }) }),
    ]);
    expect(Object.keys(listed[0].workingHours)).toEqual(['mon', 'tue']);
  });

  it('is idempotent: the same batch again reports unchanged and writes nothing', async () => {
    const { api } = await setUpOrganization(db);
    const first = await upsert(api, [ana, ben]);
    const before = await peopleOf(api.organizationId);
    const again = await upsert(api, [ana, ben]);
    expectStatus(again, 200);
    expect(again.body.rows).toEqual([
      { index: 0, status: 'unchanged', id: first.body.rows[0].id },
      { index: 1, status: 'unchanged', id: first.body.rows[1].id },
    ]);
    expect(await peopleOf(api.organizationId)).toEqual(before);
  });

  it('updates only what a row gives: absent fields keep their stored values', async () => {
    const { api } = await setUpOrganization(db);
    const first = await upsert(api, [ana, ben]);
    const response = await upsert(api, [
      { externalId: 'u-1', email: 'ana.new@acme.com', displayName: 'Ana M.' },
      { email: 'ben@acme.com', displayName: 'Ben', externalId: 'u-2', status: 'INACTIVE' },
    ]);
    expectStatus(response, 200);
    expect(response.body.rows.map((r: { status: string }) => r.status)).toEqual(['updated', 'updated']);
    const [anaNow, benNow] = await peopleOf(api.organizationId);
    expect(anaNow).toMatchObject({ id: first.body.rows[0].id, email: 'ana.new@acme.com', displayName: 'Ana M.', timeZone: 'Europe/Madrid' });
    expect(benNow).toMatchObject({ id: first.body.rows[1].id, externalId: 'u-2', status: 'INACTIVE', timeZone: 'UTC' });
  });

  it('reports what would happen on a dry run, and writes nothing', async () => {
    const { api } = await setUpOrganization(db);
    const response = await upsert(api, [ana], '?dryRun=true');
    expectStatus(response, 200);
    expect(response.body).toMatchObject({ dryRun: true, rows: [{ index: 0, status: 'created' }] });
    expect(await peopleOf(api.organizationId)).toEqual([]);
    expect(await auditEntries(db, api.organizationId)).toEqual([]);
  });

  it('audits every batch with its counts and the acting token', async () => {
    const { api } = await setUpOrganization(db);
    await upsert(api, [ana, ben]);
    await upsert(api, [ana, { ...ben, displayName: 'Benjamin' }]);
    const entries = await auditEntries(db, api.organizationId);
    expect(entries.map((e) => [e.action, e.actorType, e.actorId, e.targetType, e.details])).toEqual([
      ['people.upserted', 'ADMIN_TOKEN', api.tokenId, 'Person', { total: 2, created: 2, updated: 0, unchanged: 0, invalid: 0 }],
      ['people.upserted', 'ADMIN_TOKEN', api.tokenId, 'Person', { total: 2, created: 0, updated: 1, unchanged: 1, invalid: 0 }],
    ]);
  });

  it.each([
    ['an invalid email', { email: 'not-an-email', displayName: 'X' }, 'email', 'invalid_format'],
    ['a missing display name', { email: 'x@acme.com' }, 'displayName', 'invalid_type'],
    ['an unknown time zone', { ...ben, timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'invalid_time_zone'],
    ['a fixed offset instead of a zone', { ...ben, timeZone: '+01:00' }, 'timeZone', 'invalid_time_zone'],
    ['an interval that ends before it starts', { ...ben, workingHours: { mon: [['17:00', '09:00']] } }, 'workingHours.mon.0', 'invalid_interval'],
    ['overlapping intervals', { ...ben, workingHours: { wed: [['09:00', '12:00'], ['11:00', '13:00']] } }, 'workingHours.wed', 'overlapping_intervals'],
    ['a malformed time', { ...ben, workingHours: { mon: [['9:00', '17:00']] } }, 'workingHours.mon.0.0', 'invalid_format'],
    ['an hour past 24:00', { ...ben, workingHours: { mon: [['09:00', '25:00']] } }, 'workingHours.mon.0.1', 'invalid_format'],
    ['an unknown day', { ...ben, workingHours: { monday: [['09:00', '17:00']] } }, 'workingHours.monday', 'unrecognized_key'],
    ['an unknown status', { ...ben, status: 'GONE' }, 'status', 'invalid_value'],
    ['an unknown field', { ...ben, emial: 'typo@acme.com' }, 'emial', 'unrecognized_key'],
    ['a row that is not an object', 'ben@acme.com', '', 'invalid_type'],
  ])('refuses a batch with %s: 422 with the row’s errors, and nothing written', async (_label, bad, field, code) => {
    const { api } = await setUpOrganization(db);
    const response = await upsert(api, [ana, bad]);
    expectStatus(response, 422);
    expect(response.body.error).toMatchObject({ code: 'invalid_rows', details: { total: 2, rows: [{ index: 1, status: 'invalid' }] } });
    expect(response.body.error.details.rows[0].errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(await peopleOf(api.organizationId)).toEqual([]);
    expect(await auditEntries(db, api.organizationId)).toEqual([]);
  });

  it('accepts 24:00 as the end of a day and leaves empty days out', async () => {
    const { api } = await setUpOrganization(db);
    const response = await upsert(api, [{ ...ben, workingHours: { sat: [['20:00', '24:00']], sun: [] } }]);
    expectStatus(response, 200);
    expect((await peopleOf(api.organizationId))[0]?.workingHours).toEqual({ sat: [['20:00', '24:00']] });
  });

  it('refuses two rows for the same email or externalId', async () => {
    const { api } = await setUpOrganization(db);
    const response = await upsert(api, [ben, { ...ben, email: 'BEN@acme.com ' }, ana, { ...ana, email: 'other@acme.com' }]);
    expectStatus(response, 422);
    const rows = response.body.error.details.rows;
    expect(rows.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3]);
    expect(rows[0].errors).toEqual([expect.objectContaining({ field: 'email', code: 'duplicate_in_batch' })]);
    expect(rows[3].errors).toEqual([expect.objectContaining({ field: 'externalId', code: 'duplicate_in_batch' })]);
  });

  it('refuses a row whose externalId and email name two different people', async () => {
    const { api } = await setUpOrganization(db);
    await upsert(api, [ana, ben]);
    const response = await upsert(api, [{ externalId: 'u-1', email: 'ben@acme.com', displayName: 'Ana' }]);
    expectStatus(response, 422);
    expect(response.body.error.details.rows[0].errors).toEqual([expect.objectContaining({ field: 'email', code: 'conflict' })]);
  });

  it('refuses a row with a new externalId for a person who already has another', async () => {
    const { api } = await setUpOrganization(db);
    await upsert(api, [ana]);
    const response = await upsert(api, [{ ...ana, externalId: 'u-9' }]);
    expectStatus(response, 422);
    expect(response.body.error.details.rows[0].errors).toEqual([expect.objectContaining({ field: 'externalId', code: 'conflict' })]);
  });

  it('refuses a batch larger than 5000 rows with 413 batch_too_large', async () => {
    const { api } = await setUpOrganization(db);
    const response = await upsert(api, Array.from({ length: 5001 }, () => ({})));
    expectStatus(response, 413);
    expect(response.body.error).toMatchObject({ code: 'batch_too_large', details: { maxRows: 5000, rows: 5001 } });
  });

  it.each([
    ['no rows', { rows: [] }, 'rows'],
    ['rows that are not a list', { rows: { email: 'x@acme.com' } }, 'rows'],
    ['a body without rows', { people: [] }, 'people'],
  ])('refuses %s with 400 invalid_request', async (_label, body, field) => {
    const { api } = await setUpOrganization(db);
    const response = await api.post('/people/bulk-upsert', body);
    expectStatus(response, 400);
    expect(response.body.error.code).toBe('invalid_request');
    expect(response.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
  });

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const { api } = await setUpOrganization(db);
    const response = await api.post('/people/bulk-upsert').set('Content-Type', 'application/json').send('{"rows": [');
    expectStatus(response, 400);
    expect(response.body.error.code).toBe('malformed_json');
  });

  it('keeps people of another organization with the same email apart', async () => {
    const other = await setUpOrganization(db);
    const outsider = await createPerson(db.prisma, other.organization.id, { email: 'ben@acme.com', displayName: 'Other Ben' });
    const { api } = await setUpOrganization(db);
    const response = await upsert(api, [ben]);
    expectStatus(response, 200);
    expect(response.body.rows[0]).toMatchObject({ status: 'created' });
    expect(response.body.rows[0].id).not.toBe(outsider.id);
    expect(await db.prisma.person.findUniqueOrThrow({ where: { id: outsider.id } })).toEqual(outsider);
    expect((await other.api.get('/people')).body.people.map((p: { id: string }) => p.id)).toEqual([outsider.id]);
  });
});

describe('listing people', () => {
  it('pages through people, oldest first, with an opaque cursor', async () => {
    const { api } = await setUpOrganization(db);
    await upsert(api, Array.from({ length: 5 }, (_, i) => ({ email: `p${i}@acme.com`, displayName: `P${i}` })));
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
    expect(seen.sort()).toEqual(['p0@acme.com', 'p1@acme.com', 'p2@acme.com', 'p3@acme.com', 'p4@acme.com']);
  });

  it.each([['limit=0'], ['limit=201'], ['limit=ten'], ['cursor=garbage']])('refuses ?%s with 400', async (query) => {
    const { api } = await setUpOrganization(db);
    const response = await api.get(`/people?${query}`);
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request', details: { location: 'query' } });
  });
});
