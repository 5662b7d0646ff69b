import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import request from 'supertest';
import { ChannelDirectory } from '../../../backend/domain/sync/accept-notification.js';
import { createTestApp, expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { setUpOrganization } from '../admin/support.js';
import { WorldClock } from '../../support/clock.js';

const db = useWorld(() => createTestDatabase());

describe('Cache-Control: no-store', () => {
  it('is on every answer: admin, webhook, health, errors', async () => {
    const webhook = {
      channels: new ChannelDirectory({ prisma: db().prisma, clock: new WorldClock().now }),
      requestSync: async () => undefined,
    };
    const { app, api } = await setUpOrganization(db(), { webhook });
    const answers = [
      await api.get(''),
      await api.get('/people'),
      await request(app).get('/admin/v1/token'),
      await request(app).post('/webhooks/google-calendar').set({ 'x-goog-channel-id': 'nope', 'x-goog-resource-state': 'exists' }),
      await request(app).get('/healthz'),
      await request(app).get('/no/such/route'),
      await api.patch('').set('content-type', 'application/json').send('{"name":'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 404, 200, 404, 400]);
    for (const response of answers) expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('paths', () => {
  // The router's URIError for a mis-encoded parameter used to fall through to 500 internal_error (found by the fuzz suite).
  it.each(['%E0%A4%A', '%', 'a%zz'])(
    'with a parameter that is not valid percent-encoding (%s) are 400 invalid_request and change nothing',
    async (segment) => {
      const { app, api } = await setUpOrganization(db());
      const answers = [
        await request(app).get(`/admin/v1/organizations/${segment}`).set('Authorization', `Bearer ${api.token}`),
        await api.delete(`/tokens/${segment}`),
        await api.post(`/sessions/${segment}/cancel`, { version: 1 }),
      ];
      for (const response of answers) {
        expectStatus(response, 400);
        expect(response.body.error).toMatchObject({ code: 'invalid_request', details: { location: 'path' } });
      }
      expect((await db().prisma.adminApiToken.findUniqueOrThrow({ where: { id: api.tokenId } })).revokedAt).toBeNull();
    },
  );
});

describe('text with a NUL character (U+0000), which PostgreSQL cannot store', () => {
  // It reached the database and came back as 500 internal_error, from a body, a query or a bulk row (found by the fuzz suite).
  it('is 400 invalid_request wherever it comes from, and changes nothing', async () => {
    const { api, organization, emailAt } = await setUpOrganization(db());
    const answers = [
      await api.patch('', { name: 'Acme\u0000Evil' }),
      await api.get('/integration/access?reason=%00'),
      await api.post('/people/bulk-upsert', { rows: [{ email: emailAt('ana'), displayName: 'Ana', externalId: 'a\u0000b' }] }),
      await api.post('/tokens', { name: 'HR\u0000sync' }),
    ];
    for (const response of answers) {
      expectStatus(response, 400);
      expect(response.body.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('NUL') });
    }
    expect((await db().prisma.organization.findUniqueOrThrow({ where: { id: organization.id } })).name).toBe(organization.name);
    expect(await db().prisma.person.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(await db().prisma.adminApiToken.count({ where: { organizationId: organization.id } })).toBe(1);
  });
});

describe('request logs', () => {
  it('redact token-like query parameters and keep the rest of the URL', async () => {
    const { app, logs } = createTestApp(db());
    const secret = 'tgc_0123456789abcdefSECRET';
    await request(app).get(
      `/readyz?access_token=${secret}&limit=5&Token=t2-SECRET&key=k-SECRET&code=c-SECRET&id_token=i-SECRET&state=s-SECRET&x=1`,
    );
    const line = logs.lines.find((l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/readyz'));
    expect((line?.req as { url: string }).url).toBe(
      '/readyz?access_token=[redacted]&limit=5&Token=[redacted]&key=[redacted]&code=[redacted]&id_token=[redacted]&state=[redacted]&x=1',
    );
    expect(logs.text()).not.toContain('SECRET');
  });

  it('leave URLs without a query as they are', async () => {
    const { app, logs } = createTestApp(db());
    await request(app).get('/readyz');
    expect(logs.lines.some((l) => (l.req as { url?: string } | undefined)?.url === '/readyz')).toBe(true);
  });
});
