import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HealthDeps } from '../../../backend/domain/health/deps.js';
import { deliverMail } from '../../../backend/domain/outbox/deliver-mail.js';
import { evaluateIntegrationHealth } from '../../../backend/domain/health/evaluate-integration-health.js';
import { createMailer } from '../../../backend/mail/mailer.js';
import { captureLogs, expectStatus } from '../../support/app.js';
import { createAdminToken } from '../../support/factories.js';
import { adminApi, setUpOrganization } from '../admin/support.js';
import { createMonitoredOrganization, setAccess, startHealthWorld, type HealthWorld } from './support.js';

let world: HealthWorld;
const { logger } = captureLogs('fatal');
let health: HealthDeps;

beforeAll(async () => {
  world = await startHealthWorld();
  const { prisma } = world.db;
  const clock = world.clock.now;
  const mailer = createMailer({ transport: 'capture', from: 'calendar@together.test' });
  // Capture mode, delivered right away as the mail job would.
  health = {
    prisma,
    clock,
    logger,
    failingShare: 0.2,
    deliverNotification: async (ref) => void (await deliverMail({ prisma, clock, logger, mailer, maxAttempts: 3 }, ref)),
  };
});
afterAll(async () => {
  await world.db.close();
});

/** The admin API's app, on the world's clock. */
const appOf = async () => setUpOrganization(world.db, { clock: world.clock.now });

/**
 * An organization with an admin API client, whose integration failed, recovered an hour later and
 * failed again an hour after that (the world's clock moves on between the transitions).
 */
async function organizationWithHistory() {
  const { organization, people } = await createMonitoredOrganization(world, ['ACTIVE', 'ACTIVE'], { name: 'Acme Captured' });
  const { record, token } = await createAdminToken(world.db.prisma, organization.id);
  const { app } = await appOf();
  const api = adminApi(app, organization.id, { token, tokenId: record.id });
  const ids = people.map((p) => p.id);
  const transitions: Window[] = [];
  for (const status of ['NOT_INSTALLED', 'ACTIVE', 'NOT_INSTALLED'] as const) {
    await setAccess(world, organization.id, ids, status);
    const from = world.clock.now();
    await evaluateIntegrationHealth(health, { organizationId: organization.id });
    transitions.push({ from, to: world.clock.now() });
    world.clock.advance(HOUR);
  }
  return { organization, api, app, transitions };
}

const HOUR = 3_600_000;

/** When something happened on the world's clock: between `from` and `to`. */
interface Window {
  from: Date;
  to: Date;
}
const during = (window: Window) => ({
  asymmetricMatch: (value: unknown) =>
    typeof value === 'string' && Date.parse(value) >= window.from.getTime() && Date.parse(value) <= window.to.getTime(),
  toString: () => `an instant from ${window.from.toISOString()} to ${window.to.toISOString()}`,
});

describe('incidents and notifications in the admin API', () => {
  it('lists incidents newest first with their notifications, filtered by open and paged', async () => {
    const { api, transitions } = await organizationWithHistory();
    const [failed, recovered, failedAgain] = transitions.map(during);
    const all = await api.get('/incidents');
    expectStatus(all, 200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.incidents).toMatchObject([
      { open: true, openedAt: failedAgain, closedAt: null, notifications: [{ kind: 'INCIDENT_OPENED', status: 'SENT', attempts: 1 }] },
      {
        open: false,
        openedAt: failed,
        closedAt: recovered,
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
    expect(bad.body.error).toMatchObject({
      code: 'invalid_request',
      details: { location: 'query', issues: [expect.objectContaining({ field: 'open' })] },
    });
    expectStatus(await api.get('/incidents?cursor=nope'), 400);
  });

  it('shows the captured mails, newest first, with their full text', async () => {
    const { api, organization, transitions } = await organizationWithHistory();
    const response = await api.get('/notifications');
    expectStatus(response, 200);
    expect(response.body.notifications.map((n: { kind: string }) => n.kind)).toEqual([
      'INCIDENT_OPENED',
      'INCIDENT_RESOLVED',
      'INCIDENT_OPENED',
    ]);
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
    // Each mail tells the times of its world: the transitions an hour apart.
    const [newest, recovery, oldest] = response.body.notifications.map((n: { message: { text: string } }) => n.message.text);
    const timeIn = (text: string, pattern: RegExp) => pattern.exec(text)?.[1];
    expect(timeIn(oldest, /started failing at (\S+)\./)).toEqual(during(transitions[0]!));
    expect(recovery).toContain('has recovered');
    expect(timeIn(recovery, /works again since (\S+)\./)).toEqual(during(transitions[1]!));
    expect(timeIn(recovery, /had been failing since (\S+) /)).toEqual(during(transitions[0]!));
    expect(recovery).toContain('(about 60 minutes)');
    expect(timeIn(newest, /started failing at (\S+)\./)).toEqual(during(transitions[2]!));

    const page = await api.get('/notifications?limit=2');
    expect(page.body.notifications).toHaveLength(2);
    const rest = await api.get(`/notifications?limit=2&cursor=${page.body.nextCursor}`);
    expect(rest.body.notifications.map((n: { id: string }) => n.id)).toEqual([response.body.notifications[2].id]);
  });

  it('shows one incident with the owner mails it sent, oldest first, subject and text as sent', async () => {
    const { api } = await organizationWithHistory();
    const [, resolved] = (await api.get('/incidents')).body.incidents as Array<{ id: string; open: boolean }>;
    const one = await api.get(`/incidents/${resolved!.id}`);
    expectStatus(one, 200);
    expect(one.body.incident).toMatchObject({ id: resolved!.id, open: false });
    expect(one.body.notifications.map((n: { kind: string }) => n.kind)).toEqual(['INCIDENT_OPENED', 'INCIDENT_RESOLVED']);
    for (const mail of one.body.notifications as Array<{ incidentId: string; message: { subject: string; text: string } }>) {
      expect(mail.incidentId).toBe(resolved!.id);
      expect(mail.message.subject.length).toBeGreaterThan(0);
      expect(mail.message.text.length).toBeGreaterThan(0);
    }
  });

  it("never shows one organization's incidents or mails to another", async () => {
    const { organization: victim } = await organizationWithHistory();
    const { api: other } = await appOf();
    for (const path of ['/incidents', '/notifications']) {
      const own = await other.get(path);
      expectStatus(own, 200);
      expect(own.body[path.slice(1)]).toEqual([]);
    }
    const victimIncident = await world.db.prisma.incident.findFirstOrThrow({ where: { organizationId: victim.id } });
    // Another organization's incident through one's own organization is unknown, like a made-up id.
    for (const id of [victimIncident.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await other.get(`/incidents/${id}`);
      expectStatus(response, 404);
      expect(response.body.error.code).toBe('not_found');
    }
    const sneaky = adminApi((await appOf()).app, victim.id, { token: other.token, tokenId: other.tokenId });
    for (const path of ['/incidents', '/notifications', `/incidents/${victimIncident.id}`]) {
      const response = await sneaky.get(path);
      expectStatus(response, 404);
      expect(response.body.error.code).toBe('not_found');
    }
  });
});
