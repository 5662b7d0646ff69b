import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { setUpOrganization, type AdminApi } from './support.js';

let db: TestDatabase;
let api: AdminApi;
beforeAll(async () => {
  db = await createTestDatabase();
  ({ api } = await setUpOrganization(db));
});
afterAll(async () => {
  await db.close();
});

const ID = '0b1f9c6e-3c0a-4d7e-9a51-2f4f7c1d8e90';
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const LIST_ROUTES = ['/people', '/programs', '/matchings', '/audit-log', '/integration/test-runs', '/incidents', '/notifications'];

const FORGED: [string, string][] = [
  ['a date after the database range', cursor(['+275760-09-13T00:00:00.000Z', ID])],
  ['a date before the database range', cursor(['-271821-04-20T00:00:00.000Z', ID])],
  ['a date in year 0, which PostgreSQL does not have', cursor(['0000-01-01T00:00:00.000Z', ID])],
  ['a date that does not exist', cursor(['2026-02-30T00:00:00.000Z', ID])],
  ['a date in another format', cursor(['Thu, 01 Jan 2026 00:00:00 GMT', ID])],
  ['an id of hyphens', cursor(['2026-01-01T00:00:00.000Z', '-'.repeat(36)])],
  ['an id of the wrong shape', cursor(['2026-01-01T00:00:00.000Z', '0b1f9c6e3c0a4d7e9a512f4f7c1d8e90----'])],
  ['an upper-case id', cursor(['2026-01-01T00:00:00.000Z', ID.toUpperCase()])],
  ['a third element', cursor(['2026-01-01T00:00:00.000Z', ID, 1])],
  ['not JSON', Buffer.from('not json').toString('base64url')],
];

describe('list cursors', () => {
  it.each(LIST_ROUTES.flatMap((route) => FORGED.map(([label, value]) => [route, label, value] as const)))(
    '%s refuses a cursor with %s: 400 invalid_cursor',
    async (route, _label, value) => {
      const response = await api.get(`${route}?cursor=${value}`);
      expectStatus(response, 400);
      expect(response.body.error).toMatchObject({
        code: 'invalid_request',
        details: { location: 'query', issues: [{ field: 'cursor', code: 'invalid_cursor' }] },
      });
    },
  );

  it('/integration/access refuses an id cursor that is not a UUID: 400 invalid_cursor', async () => {
    const response = await api.get(`/integration/access?cursor=${Buffer.from('-'.repeat(36)).toString('base64url')}`);
    expectStatus(response, 400);
    expect(response.body.error.details.issues).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' })]);
  });

  it.each(LIST_ROUTES)('%s still takes back its own cursors', async (route) => {
    const response = await api.get(`${route}?cursor=${cursor(['2026-01-01T00:00:00.000Z', ID])}`);
    expectStatus(response, 200);
  });
});
