import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { createPerson, createProgram } from '../../support/factories.js';
import { setUpOrganization } from './support.js';

const db = useWorld(() => createTestDatabase());

interface InvalidRow {
  index: number;
  errors: { field: string; code: string; message: string }[];
}

describe('error details of bulk upserts are bounded', () => {
  it('2,000 rows sharing one email: the first 100 invalid rows, each naming one other row, and how many more', async () => {
    const { api } = await setUpOrganization(db(), { bodyLimit: '10mb' });
    const rows = Array.from({ length: 2000 }, (_, i) => ({ email: 'same@acme.com', displayName: `Person ${i}` }));
    const response = await api.post('/people/bulk-upsert', { rows });
    expectStatus(response, 422);
    expect(response.text.length).toBeLessThan(30_000);
    const details = response.body.error.details as { total: number; invalid: number; rows: InvalidRow[]; moreRows: number };
    expect(details).toMatchObject({ total: 2000, invalid: 2000, moreRows: 1900 });
    expect(details.rows.map((r) => r.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(details.rows[0]?.errors).toEqual([
      { field: 'email', code: 'duplicate_in_batch', message: 'the same email is in row 1 of this batch (and 1998 other rows)' },
    ]);
    expect(details.rows[5]?.errors).toEqual([
      { field: 'email', code: 'duplicate_in_batch', message: 'the same email is in row 0 of this batch (and 1998 other rows)' },
    ]);
    expect(response.body.error.message).toBe('2000 of 2000 rows are invalid; nothing was written.');
  });

  it('5,000 rows sharing one email are answered small (the error details grow linearly, not quadratically)', async () => {
    const { api } = await setUpOrganization(db(), { bodyLimit: '10mb' });
    const rows = Array.from({ length: 5000 }, () => ({ email: 'same@acme.com', displayName: 'Same' }));
    const response = await api.post('/people/bulk-upsert', { rows });
    expectStatus(response, 422);
    expect(response.text.length).toBeLessThan(30_000);
    expect(response.body.error.details).toMatchObject({ total: 5000, invalid: 5000, moreRows: 4900 });
  });

  it('two rows only: the other row, and no "more"', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.post('/people/bulk-upsert', {
      rows: [
        { email: 'a@acme.com', displayName: 'A' },
        { email: 'A@acme.com', displayName: 'A2' },
      ],
    });
    expectStatus(response, 422);
    expect(response.body.error.details).toEqual({
      total: 2,
      invalid: 2,
      moreRows: 0,
      rows: [
        {
          index: 0,
          status: 'invalid',
          errors: [{ field: 'email', code: 'duplicate_in_batch', message: 'the same email is in row 1 of this batch' }],
        },
        {
          index: 1,
          status: 'invalid',
          errors: [{ field: 'email', code: 'duplicate_in_batch', message: 'the same email is in row 0 of this batch' }],
        },
      ],
    });
  });

  it('a row with thousands of problems lists 20 of them and counts the rest', async () => {
    const { api } = await setUpOrganization(db());
    const row = Object.fromEntries([
      ['email', 'a@acme.com'],
      ['displayName', 'A'],
      ...Array.from({ length: 500 }, (_, i) => [`typo${i}`, 1]),
    ]);
    const response = await api.post('/people/bulk-upsert', { rows: [row] });
    expectStatus(response, 422);
    const [invalid] = response.body.error.details.rows as (InvalidRow & { moreErrors: number })[];
    expect(invalid?.errors).toHaveLength(20);
    expect(invalid?.moreErrors).toBe(480);
  });

  it('rows pairing the same people in the same program name one other row', async () => {
    const { api } = await setUpOrganization(db(), { bodyLimit: '10mb' });
    const program = await createProgram(db().prisma, api.organizationId, { externalId: 'p-1' });
    const mentor = await createPerson(db().prisma, api.organizationId, { email: 'mentor@acme.com' });
    const mentee = await createPerson(db().prisma, api.organizationId, { email: 'mentee@acme.com' });
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      externalId: `m-${i}`,
      program: { id: program.id },
      mentor: { email: mentor.email },
      mentee: { email: mentee.email },
    }));
    const response = await api.post('/matchings/bulk-upsert', { rows });
    expectStatus(response, 422);
    expect(response.text.length).toBeLessThan(30_000);
    const details = response.body.error.details as { rows: InvalidRow[]; moreRows: number };
    expect(details.moreRows).toBe(2900);
    expect(details.rows[0]?.errors).toEqual([
      {
        field: 'mentee',
        code: 'duplicate_in_batch',
        message: 'row 1 of this batch (and 2998 other rows) match the same pair in the same program',
      },
    ]);
  });
});

describe('error details of other requests are bounded', () => {
  it('a body with thousands of unknown fields lists 100 issues and counts the rest', async () => {
    const { api } = await setUpOrganization(db());
    const body = Object.fromEntries([['name', 'Acme'], ...Array.from({ length: 900 }, (_, i) => [`f${i}`, 0])]);
    const response = await api.patch('', body);
    expectStatus(response, 400);
    expect(response.body.error.details.issues).toHaveLength(100);
    expect(response.body.error.details).toMatchObject({ location: 'body', moreIssues: 800 });
  });
});
