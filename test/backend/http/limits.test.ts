import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import request from 'supertest';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { setUpOrganization } from '../admin/support.js';

const db = useWorld(() => createTestDatabase());

const json = { 'content-type': 'application/json' };
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const manyEmptyObjects = (count: number) => `[${new Array<string>(count).fill('{}').join(',')}]`;
const bulkRows = (count: number, domain: string) => ({
  rows: Array.from({ length: count }, (_, i) => ({ email: `person.${i}@${domain}`, displayName: `Person number ${i} with a longer name` })),
});

describe('JSON bodies: read only after authentication', () => {
  it('answers a request without a valid admin token 401 without reading its body, however bad', async () => {
    const { app, api } = await setUpOrganization(db());
    const path = `/admin/v1/organizations/${api.organizationId}/people/bulk-upsert`;
    const malformed = await request(app).post(path).set(json).send('{"rows": [');
    expectStatus(malformed, 401);
    const wrongToken = await request(app).post(path).set(json).set('Authorization', 'Bearer tgc_nope').send(manyEmptyObjects(200_000));
    expectStatus(wrongToken, 401);
    expect(wrongToken.body.error.code).toBe('unauthenticated');
  });

  it('does not read bodies sent to unknown routes or to another organization', async () => {
    const { app, api } = await setUpOrganization(db());
    const unknown = await request(app).post('/anything').set(json).send('{"a":');
    expectStatus(unknown, 404);
    expect(unknown.body.error.code).toBe('route_not_found');
    const otherOrganization = await request(app)
      .post('/admin/v1/organizations/00000000-0000-4000-8000-000000000000/people/bulk-upsert')
      .set(json)
      .set('Authorization', `Bearer ${api.token}`)
      .send('{"a":');
    expectStatus(otherOrganization, 404);
    expect(otherOrganization.body.error.code).toBe('not_found');
  });
});

describe('JSON bodies: size and structure', () => {
  it('caps ordinary bodies at 100 kB with 413 payload_too_large', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.patch('', { name: 'x'.repeat(150_000) });
    expectStatus(response, 413);
    expect(response.body.error).toMatchObject({ code: 'payload_too_large', details: { limit: '100kb' } });
  });

  it('gives bulk upserts their own, larger limit (HTTP_BODY_LIMIT)', async () => {
    const { api, domain } = await setUpOrganization(db(), { bodyLimit: '1mb' });
    const rows = bulkRows(5000, domain);
    expect(JSON.stringify(rows).length).toBeGreaterThan(300_000);
    const accepted = await api.post('/people/bulk-upsert?dryRun=true', rows);
    expectStatus(accepted, 200);
    expect(accepted.body.summary).toMatchObject({ total: 5000, created: 5000 });
    const tooLarge = await api.post('/people/bulk-upsert', { rows: rows.rows.map((row) => ({ ...row, displayName: 'y'.repeat(199) })) });
    expectStatus(tooLarge, 413);
    expect(tooLarge.body.error).toMatchObject({ code: 'payload_too_large', details: { limit: '1mb' } });
  });

  it.each([
    ['nesting deeper than 16 levels', () => `{"name": ${deep(17)}}`, { limit: 'depth', max: 16 }],
    ['more than 1,000 values', () => `{"name": ${manyEmptyObjects(1001)}}`, { limit: 'values', max: 1000 }],
  ])('refuses %s in an ordinary body with 400 json_too_complex', async (_label, body, details) => {
    const { api } = await setUpOrganization(db());
    const response = await api.patch('').set(json).send(body());
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({ code: 'json_too_complex', details });
  });

  it('refuses a bulk body of more than 500,000 values before building them', async () => {
    const { api } = await setUpOrganization(db(), { bodyLimit: '10mb' });
    const response = await api
      .post('/people/bulk-upsert')
      .set(json)
      .send(`{"rows": ${manyEmptyObjects(500_001)}}`);
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({ code: 'json_too_complex', details: { limit: 'values', max: 500_000 } });
    const deepBulk = await api
      .post('/people/bulk-upsert')
      .set(json)
      .send(`{"rows": [${deep(16)}]}`);
    expectStatus(deepBulk, 400);
    expect(deepBulk.body.error).toMatchObject({ code: 'json_too_complex', details: { limit: 'depth', max: 16 } });
  });

  it('counts brackets and commas inside strings as text, not structure', async () => {
    const { api } = await setUpOrganization(db());
    const name = `[[[[{{{{,,,,\\"]]]]}}}} "quoted" \\\\ ${'['.repeat(40)}${'{'.repeat(40)}${','.repeat(40)} ünïcödé 😀`;
    const response = await api.patch('', { name });
    expectStatus(response, 200);
    expect(response.body.organization.name).toBe(name);
    // 1,500 commas in one string are one value: the schema refuses the length, not the structure.
    const long = await api.patch('', { name: ','.repeat(1500) });
    expectStatus(long, 400);
    expect(long.body.error).toMatchObject({ code: 'invalid_request', details: { issues: [{ field: 'name', code: 'too_big' }] } });
  });
});

describe('request bodies that are not plain JSON', () => {
  it.each(['gzip', 'deflate', 'br', 'x-unknown'])(
    'refuses Content-Encoding %s with 415 unsupported_content_encoding on every path',
    async (encoding) => {
      const { app, api } = await setUpOrganization(db());
      for (const path of ['/healthz', '/anything', `/admin/v1/organizations/${api.organizationId}`]) {
        const response = await request(app)
          .post(path)
          .set(json)
          .set('Content-Encoding', encoding)
          .set('Authorization', `Bearer ${api.token}`)
          .send('garbage, not compressed');
        expectStatus(response, 415);
        expect(response.body.error).toMatchObject({ code: 'unsupported_content_encoding', details: { contentEncoding: encoding } });
      }
    },
  );

  it('refuses even a well-formed gzip body: bodies are never decompressed', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api
      .patch('')
      .set(json)
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(JSON.stringify({ name: 'Zipped' })));
    expectStatus(response, 415);
    expect(response.body.error.code).toBe('unsupported_content_encoding');
  });

  it('refuses a form or multipart body where JSON is expected with 415, starting nothing', async () => {
    const enqueued: string[] = [];
    const { api } = await setUpOrganization(db(), { enqueueIntegrationTest: async (runId) => void enqueued.push(runId) });
    expectStatus(await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'owner@acme.com' }), 200);
    expectStatus(await api.put('/integration/method', { method: 'DOMAIN_WIDE' }), 200);
    expectStatus(await api.post('/integration/install/confirm'), 200);

    const form = await api.post('/integration/test-runs').type('form').send('start=now');
    expectStatus(form, 415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    const multipart = await api.post('/integration/test-runs').field('start', 'now');
    expectStatus(multipart, 415);
    const text = await api.post('/integration/test-runs').set('content-type', 'text/plain').send('{}');
    expectStatus(text, 415);
    expect(enqueued).toEqual([]);
    expect(await db().prisma.integrationTestRun.count({ where: { organizationId: api.organizationId } })).toBe(0);

    // No body at all, or JSON, is still fine.
    expectStatus(await api.post('/integration/test-runs'), 202);
    expect(enqueued).toHaveLength(1);
  });

  it('refuses a JSON body in a charset other than UTF-8 with 415 unsupported_media_type', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.patch('').set('content-type', 'application/json; charset=latin1').send('{"name":"Acme"}');
    expectStatus(response, 415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });

  // body-parser itself decodes every utf-* charset: a UTF-16 body used to be read (as 400 malformed_json, or parsed).
  it.each(['utf-16', 'UTF-16LE', 'utf-32', '"utf-16"'])('refuses charset=%s too, and changes nothing', async (charset) => {
    const { api, organization } = await setUpOrganization(db());
    const response = await api
      .patch('')
      .set('content-type', `application/json; charset=${charset}`)
      .send(Buffer.from('{"name":"Renamed"}', 'utf16le'));
    expectStatus(response, 415);
    expect(response.body.error).toMatchObject({
      code: 'unsupported_media_type',
      details: { contentType: `application/json; charset=${charset}` },
    });
    expect((await db().prisma.organization.findUniqueOrThrow({ where: { id: organization.id } })).name).toBe(organization.name);
  });

  it('accepts charset=utf-8 in any spelling', async () => {
    const { api } = await setUpOrganization(db());
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"']) {
      expectStatus(await api.patch('').set('content-type', `application/json; charset=${charset}`).send('{"name":"Acme UTF-8"}'), 200);
    }
  });

  // Prisma's engine refused such text with an unknown error, a 500 (found by the fuzz suite).
  it.each(['\\ud800', '\\udfffx', 'a\\uDBFF'])(
    'refuses a string with a lone surrogate (%s) with 400 invalid_request, and changes nothing',
    async (escaped) => {
      const { api, organization } = await setUpOrganization(db());
      const renamed = await api.patch('').set(json).send(`{"name":"${escaped}"}`);
      expectStatus(renamed, 400);
      expect(renamed.body.error).toMatchObject({ code: 'invalid_request', details: { location: 'body' } });
      const dryRun = await api
        .post('/programs/bulk-upsert?dryRun=true')
        .set(json)
        .send(`{"rows":[{"externalId":"p","name":"L"},{"${escaped}":1}]}`);
      expectStatus(dryRun, 400);
      expect((await db().prisma.organization.findUniqueOrThrow({ where: { id: organization.id } })).name).toBe(organization.name);
    },
  );

  it('accepts surrogate pairs, escaped or not', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.patch('').set(json).send('{"name":"Acme \\ud83d\\ude00 \\\\ud800 😀"}');
    expectStatus(response, 200);
    expect(response.body.organization.name).toBe('Acme 😀 \\ud800 😀');
  });

  it('accepts application/*+json as JSON', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.patch('').set('content-type', 'application/merge-patch+json').send('{"name":"Acme Merge"}');
    expectStatus(response, 200);
    expect(response.body.organization.name).toBe('Acme Merge');
  });
});
