import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import request from 'supertest';
import { hashToken } from '../../../backend/domain/admin/token-secret.js';
import { createTestApp, expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { createAdminToken, createOrganization } from '../../support/factories.js';
import { adminApi, auditEntries, setUpOrganization } from './support.js';

const db = useWorld(() => createTestDatabase());

describe('admin token authentication', () => {
  it('refuses a request without a token, with a Bearer challenge', async () => {
    const { app, organization } = await setUpOrganization(db());
    const response = await request(app).get(`/admin/v1/organizations/${organization.id}`);
    expectStatus(response, 401);
    expect(response.body.error).toMatchObject({ code: 'unauthenticated', requestId: expect.any(String) });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="together-admin"');
  });

  it.each([
    ['another scheme', (token: string) => `Basic ${Buffer.from(`x:${token}`).toString('base64')}`],
    ['no token', () => 'Bearer '],
    ['a token of the wrong shape', () => 'Bearer not-a-token'],
    ['a well-formed unknown token', () => `Bearer tgc_${'A'.repeat(43)}`],
    ['a token with a character changed', (token: string) => `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
  ])('refuses %s', async (_label, header) => {
    const { app, api } = await setUpOrganization(db());
    const response = await request(app).get(`/admin/v1/organizations/${api.organizationId}`).set('Authorization', header(api.token));
    expectStatus(response, 401);
    expect(response.body.error.code).toBe('unauthenticated');
  });

  it('answers unknown admin paths with 401 before 404, so nothing is learnt without a token', async () => {
    const { app } = await setUpOrganization(db());
    expectStatus(await request(app).get('/admin/v1/nothing-here'), 401);
  });

  it('tells who the caller is, and never shows the token or its hash', async () => {
    const { app, api } = await setUpOrganization(db());
    const response = await request(app).get('/admin/v1/token').set('Authorization', `Bearer ${api.token}`);
    expectStatus(response, 200);
    expect(response.body).toEqual({
      organizationId: api.organizationId,
      adminToken: expect.objectContaining({ id: api.tokenId, active: true, prefix: api.token.slice(0, 10) }),
    });
    expect(JSON.stringify(response.body)).not.toContain(api.token);
    expect(JSON.stringify(response.body)).not.toContain(hashToken(api.token));
  });

  it('records lastUsedAt at most once a minute', async () => {
    let now = new Date('2031-01-01T10:00:00Z');
    const { api } = await setUpOrganization(db(), { clock: () => now });
    const lastUsed = async () =>
      (await db().prisma.adminApiToken.findUniqueOrThrow({ where: { id: api.tokenId } })).lastUsedAt?.toISOString();
    expectStatus(await api.get(''), 200);
    expect(await lastUsed()).toBe('2031-01-01T10:00:00.000Z');
    now = new Date('2031-01-01T10:00:59Z');
    expectStatus(await api.get(''), 200);
    expect(await lastUsed()).toBe('2031-01-01T10:00:00.000Z');
    now = new Date('2031-01-01T10:01:01Z');
    expectStatus(await api.get(''), 200);
    expect(await lastUsed()).toBe('2031-01-01T10:01:01.000Z');
  });
});

describe('admin tokens', () => {
  it('creates a token that works, shows it once, and stores only its hash', async () => {
    const { app, api, logs } = await setUpOrganization(db());
    const created = await api.post('/tokens', { name: 'HR sync' });
    expectStatus(created, 201);
    const { token, adminToken } = created.body;
    expect(token).toMatch(/^tgc_[A-Za-z0-9_-]{43}$/);
    expect(adminToken).toMatchObject({ name: 'HR sync', active: true, prefix: token.slice(0, 10), revokedAt: null });

    const stored = await db().prisma.adminApiToken.findUniqueOrThrow({ where: { id: adminToken.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const second = adminApi(app, api.organizationId, { token, tokenId: adminToken.id });
    expectStatus(await second.get(''), 200);

    const list = await api.get('/tokens');
    expectStatus(list, 200);
    expect(list.body.adminTokens.map((t: { id: string }) => t.id).sort()).toEqual([api.tokenId, adminToken.id].sort());
    for (const listed of list.body.adminTokens)
      expect(Object.keys(listed).sort()).toEqual(['active', 'createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
    expect(JSON.stringify(list.body)).not.toMatch(/tgc_[A-Za-z0-9_-]{20}/);
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain(api.token);
  });

  it('refuses a token without a name', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.post('/tokens', { name: '  ' });
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({
      code: 'invalid_request',
      details: { location: 'body', issues: [expect.objectContaining({ field: 'name' })] },
    });
  });

  it('revokes a token: it stops working at once, revoking again changes nothing', async () => {
    const { app, api } = await setUpOrganization(db());
    const other = await createAdminToken(db().prisma, api.organizationId, { name: 'to revoke' });
    const revoked = await api.delete(`/tokens/${other.record.id}`);
    expectStatus(revoked, 200);
    expect(revoked.body.adminToken).toMatchObject({ id: other.record.id, active: false, revokedAt: expect.any(String) });
    const response = await adminApi(app, api.organizationId, { token: other.token, tokenId: other.record.id }).get('');
    expectStatus(response, 401);
    expect(response.body.error.code).toBe('unauthenticated');

    expectStatus(await api.delete(`/tokens/${other.record.id}`), 200);
    const actions = (await auditEntries(db(), api.organizationId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'admin_token.revoked')).toHaveLength(1);
  });

  it('lets a token revoke itself', async () => {
    const { api } = await setUpOrganization(db());
    expectStatus(await api.delete(`/tokens/${api.tokenId}`), 200);
    expectStatus(await api.get(''), 401);
  });

  it('answers 404 for a token id that is unknown or not a UUID', async () => {
    const { api } = await setUpOrganization(db());
    expectStatus(await api.delete('/tokens/00000000-0000-4000-8000-000000000000'), 404);
    expectStatus(await api.delete('/tokens/nope'), 404);
  });

  it('audits creation and revocation with the acting token, without secrets', async () => {
    const { api } = await setUpOrganization(db());
    const created = await api.post('/tokens', { name: 'audited' });
    await api.delete(`/tokens/${created.body.adminToken.id}`);
    const entries = await auditEntries(db(), api.organizationId);
    expect(entries.map((e) => [e.action, e.actorType, e.actorId, e.targetId])).toEqual([
      ['admin_token.created', 'ADMIN_TOKEN', api.tokenId, created.body.adminToken.id],
      ['admin_token.revoked', 'ADMIN_TOKEN', api.tokenId, created.body.adminToken.id],
    ]);
    const stored = await db().prisma.adminApiToken.findUniqueOrThrow({ where: { id: created.body.adminToken.id } });
    expect(JSON.stringify(entries)).not.toContain(created.body.token);
    expect(JSON.stringify(entries)).not.toContain(stored.tokenHash);
  });
});

describe('tenant isolation', () => {
  // Three columns each: jest treats a callback with more parameters than columns as taking `done`.
  const routes: [string, string, object | undefined][] = [
    ['get', '', undefined],
    ['patch', '', { name: 'Stolen' }],
    ['get', '/tokens', undefined],
    ['post', '/tokens', { name: 'backdoor' }],
    ['get', '/people', undefined],
    ['post', '/people/bulk-upsert', { rows: [{ email: 'x@evil.test', displayName: 'X' }] }],
    ['get', '/programs', undefined],
    ['post', '/programs/bulk-upsert', { rows: [{ externalId: 'p', name: 'P' }] }],
    ['get', '/matchings', undefined],
    ['post', '/matchings/bulk-upsert', { rows: [] }],
    ['get', '/integration', undefined],
    ['put', '/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: 'x@evil.test' }],
    ['put', '/integration/method', { method: 'DOMAIN_WIDE' }],
    ['post', '/integration/install/confirm', {}],
    ['get', '/audit-log', undefined],
  ];

  it.each(routes)('a token of one organization gets 404 for %s %s of another, and changes nothing', async (method, path, body) => {
    const victim = await setUpOrganization(db());
    const attacker = await setUpOrganization(db());
    const before = await snapshot(victim.organization.id);
    const intruder = adminApi(attacker.app, victim.organization.id, attacker.api);
    const response = method === 'get' ? await intruder.get(path) : await intruder[method as 'post' | 'put' | 'patch'](path, body);
    expectStatus(response, 404);
    expect(response.body.error).toMatchObject({ code: 'not_found', message: 'No such organization.' });
    expect(await snapshot(victim.organization.id)).toEqual(before);

    // The same as for an organization that does not exist at all: nothing is learnt.
    const ghost = adminApi(attacker.app, '00000000-0000-4000-8000-000000000000', attacker.api);
    const unknown = method === 'get' ? await ghost.get(path) : await ghost[method as 'post' | 'put' | 'patch'](path, body);
    expect({ status: unknown.status, code: unknown.body.error.code, message: unknown.body.error.message }).toEqual({
      status: 404,
      code: 'not_found',
      message: 'No such organization.',
    });
  });

  it('cannot revoke another organization’s token by id', async () => {
    const victim = await setUpOrganization(db());
    const attacker = await setUpOrganization(db());
    expectStatus(await attacker.api.delete(`/tokens/${victim.api.tokenId}`), 404);
    expectStatus(await victim.api.get(''), 200);
  });

  it('answers 404 for a path organization id that is not a UUID', async () => {
    const { app, api } = await setUpOrganization(db());
    expectStatus(await adminApi(app, 'not-a-uuid', api).get(''), 404);
  });

  it('keeps the same admin app serving several organizations apart', async () => {
    const a = await createOrganization(db().prisma);
    const b = await createOrganization(db().prisma);
    const tokenA = await createAdminToken(db().prisma, a.id);
    const tokenB = await createAdminToken(db().prisma, b.id);
    const { app } = createTestApp(db());
    const asA = adminApi(app, a.id, { token: tokenA.token, tokenId: tokenA.record.id });
    const asB = adminApi(app, b.id, { token: tokenB.token, tokenId: tokenB.record.id });
    expect((await asA.get('')).body.organization.id).toBe(a.id);
    expect((await asB.get('')).body.organization.id).toBe(b.id);
    expect((await asA.get('/tokens')).body.adminTokens.map((t: { id: string }) => t.id)).toEqual([tokenA.record.id]);
  });
});

async function snapshot(organizationId: string) {
  const where = { organizationId };
  return {
    organization: await db().prisma.organization.findUnique({ where: { id: organizationId } }),
    tokens: await db().prisma.adminApiToken.count({ where }),
    people: await db().prisma.person.count({ where }),
    programs: await db().prisma.program.count({ where }),
    integration: await db().prisma.calendarIntegration.findUnique({ where }),
    audit: await db().prisma.auditLogEntry.count({ where }),
  };
}
