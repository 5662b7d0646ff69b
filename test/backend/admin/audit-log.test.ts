import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { hashToken } from '../../../backend/domain/admin/token-secret.js';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { setUpOrganization } from './support.js';

const db = useWorld(() => createTestDatabase());

describe('audit log', () => {
  it('lists who did what to what and when, newest first, a page at a time, without secrets', async () => {
    let seconds = 0;
    const { api, emailAt } = await setUpOrganization(db(), { clock: () => new Date(Date.UTC(2031, 0, 1, 9, 0, seconds++)) });
    const created = await api.post('/tokens', { name: 'sync' });
    expectStatus(created, 201);
    expectStatus(await api.patch('', { name: 'Renamed' }), 200);
    expectStatus(await api.post('/people/bulk-upsert', { rows: [{ email: emailAt('a'), displayName: 'A' }] }), 200);
    expectStatus(await api.put('/integration/vendor', { vendor: 'GOOGLE_CALENDAR', ownerEmail: emailAt('owner') }), 200);
    expectStatus(await api.delete(`/tokens/${created.body.adminToken.id}`), 200);

    const first = await api.get('/audit-log?limit=3');
    expectStatus(first, 200);
    expect(first.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'admin_token.revoked',
      'integration.vendor.set',
      'people.upserted',
    ]);
    const second = await api.get(`/audit-log?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.entries.map((e: { action: string }) => e.action)).toEqual(['organization.updated', 'admin_token.created']);
    expect(second.body.nextCursor).toBeNull();

    const revoked = first.body.entries[0];
    expect(revoked).toEqual({
      id: expect.any(String),
      at: expect.stringMatching(/^2031-01-01T09:00:\d\d\.000Z$/),
      actor: { type: 'ADMIN_TOKEN', id: api.tokenId },
      action: 'admin_token.revoked',
      target: { type: 'AdminApiToken', id: created.body.adminToken.id },
      details: { name: 'sync', prefix: created.body.adminToken.prefix },
    });

    const everything = JSON.stringify([...first.body.entries, ...second.body.entries]);
    for (const secret of [created.body.token, hashToken(created.body.token), api.token, hashToken(api.token)]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('shows only the organization’s own entries', async () => {
    const a = await setUpOrganization(db());
    const b = await setUpOrganization(db());
    expectStatus(await a.api.patch('', { name: 'A only' }), 200);
    const response = await b.api.get('/audit-log');
    expectStatus(response, 200);
    expect(response.body).toEqual({ entries: [], nextCursor: null });
  });
});
