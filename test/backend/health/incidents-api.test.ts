import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HealthDeps } from '../../../backend/domain/health/deps.js';
import { deliverNotification } from '../../../backend/domain/health/deliver-notification.js';
import { evaluateIntegrationHealth } from '../../../backend/domain/health/evaluate-integration-health.js';
import { createMailer } from '../../../backend/mail/mailer.js';
import { captureLogs, expectStatus } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createAdminToken } from '../../support/factories.js';
import { adminApi, setUpOrganization } from '../admin/support.js';
import { createMonitoredOrganization, setAccess } from './support.js';

let db: TestDatabase;
const { logger } = captureLogs('fatal');
let minute = 0;
const clock = () => new Date(Date.UTC(2031, 2, 1, 9, minute++));
let health: HealthDeps;

beforeAll(async () => {
  db = await createTestDatabase();
  const mailer = createMailer({ transport: 'capture', from: 'calendar@together.test' });
  // Capture mode, delivered right away as the mail job would.
  health = {
    prisma: db.prisma,
    clock,
    logger,
    failingShare: 0.2,
    deliverNotification: async (ref) => void (await deliverNotification({ prisma: db.prisma, clock, logger, mailer, maxAttempts: 3 }, ref)),
  };
});
afterAll(async () => {
  await db.close();
});

/** An organization with an admin API client, whose integration failed, recovered and failed again. */
async function organizationWithHistory() {
  const { organization, people } = await createMonitoredOrganization(db.prisma, ['ACTIVE', 'ACTIVE'], { name: 'Acme Captured' });
  const { record, token } = await createAdminToken(db.prisma, organization.id);
  const { app } = await setUpOrganization(db);
  const api = adminApi(app, organization.id, { token, tokenId: record.id });
  const ids = people.map((p) => p.id);
  for (const status of ['NOT_INSTALLED', 'ACTIVE', 'NOT_INSTALLED'] as const) {
    await setAccess(db.prisma, organization.id, ids, status);
    await evaluateIntegrationHealth(health, { organizationId: organization.id });
  }
  return { organization, api, app };
}

describe('incidents and notifications in the admin API', () => {
  it('lists incidents newest first with their notifications, filtered by open and paged', async () => {
    const { api } = await organizationWithHistory();
    const all = await api.get('/incidents');
    expectStatus(all, 200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.incidents).toMatchObject([
      { open: true, closedAt: null, notifications: [{ kind: 'INCIDENT_OPENED', status: 'SENT', attempts: 1 }] },
      {
        open: false,
        closedAt: expect.any(String),
        summary: expect.stringContaining('2 of 2 people'),
        details: { byStatus: { NOT_INSTALLED: 2 }, recovery: { byStatus: { ACTIVE: 2 } } },
        notifications: [
          { kind: 'INCIDENT_OPENED', status: 'SENT' },
          { kind: 'INCIDENT_RESOLVED', status: 'SENT' },
        ],
      },
    ]);

    const open = await api.get('/incidents?open=true');
    expect(open.body.incidents.map((i: { id: string }) => i.id)).toEqual([all.body.incidents[0].id]);
    const closed = await api.get('/incidents?open=false');
    expect(closed.body.incidents.map((i: { id: string }) => i.id)).toEqual([all.body.incidents[1].id]);

    const first = await api.get('/incidents?limit=1');
    expect(first.body.incidents.map((i: { id: string }) => i.id)).toEqual([all.body.incidents[0].id]);
    const second = await api.get(`/incidents?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.incidents.map((i: { id: string }) => i.id)).toEqual([all.body.incidents[1].id]);
    expect(second.body.nextCursor).toBeNull();

    const bad = await api.get('/incidents?open=maybe');
    expectStatus(bad, 400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', details: { location: 'query', issues: [expect.objectContaining({ field: 'open' })] } });
    expectStatus(await api.get('/incidents?cursor=nope'), 400);
  });

  it('shows the captured mails, newest first, with their full text', async () => {
    const { api, organization } = await organizationWithHistory();
    const response = await api.get('/notifications');
    expectStatus(response, 200);
    expect(response.body.notifications.map((n: { kind: string }) => n.kind)).toEqual(['INCIDENT_OPENED', 'INCIDENT_RESOLVED', 'INCIDENT_OPENED']);
    const [latest] = response.body.notifications;
    expect(latest).toMatchObject({
      recipient: 'owner@acme.example',
      status: 'SENT',
      transport: 'CAPTURE',
      lastError: null,
      message: { subject: '[Together Calendar] Failing for Acme Captured: 2 of 2 people' },
    });
    expect(latest.message.text).toContain('NOT_INSTALLED 2');
    expect(latest.message.text).toContain(`/admin/v1/organizations/${organization.id}/integration/access`);
    const recovery = response.body.notifications[1];
    expect(recovery.message.text).toContain('has recovered');

    const page = await api.get('/notifications?limit=2');
    expect(page.body.notifications).toHaveLength(2);
    const rest = await api.get(`/notifications?limit=2&cursor=${page.body.nextCursor}`);
    expect(rest.body.notifications.map((n: { id: string }) => n.id)).toEqual([response.body.notifications[2].id]);
  });

  it("never shows one organization's incidents or mails to another", async () => {
    const { organization: victim } = await organizationWithHistory();
    const { api: other } = await setUpOrganization(db);
    for (const path of ['/incidents', '/notifications']) {
      const own = await other.get(path);
      expectStatus(own, 200);
      expect(own.body[path.slice(1)]).toEqual([]);
    }
    const sneaky = adminApi((await setUpOrganization(db)).app, victim.id, { token: other.token, tokenId: other.tokenId });
    for (const path of ['/incidents', '/notifications']) {
      const response = await sneaky.get(path);
      expectStatus(response, 404);
      expect(response.body.error.code).toBe('not_found');
    }
  });
});
