// A Together admin mails a person a connect link (per-user method): from the admin API
// (POST …/people/:personId/connect-link → 202) and from the console's per-person table. The mail
// reaches a real SMTP server with the link; the link works once through the real connect pages and
// Google's (the emulator's) consent; another organization's person is 404; a domain-wide
// organization and an INACTIVE person are clear 409s; a new link ends the earlier unused one;
// everything is audited.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createAdminToken, createOrganization } from '../../support/factories.js';
import { consoleCookie, postSignIn, SAME_ORIGIN, CROSS_SITE, withCookie } from '../console/support.js';
import { startConnectWorld, textOf, type ConnectWorld } from './connect-world.js';

let world: ConnectWorld;
beforeAll(async () => {
  world = await startConnectWorld();
});
afterAll(async () => {
  await world?.close();
});

const linkIn = (text: string): string => {
  const found = /\/connect\?link=([A-Za-z0-9_-]+)/.exec(text);
  if (!found) throw new Error(`no connect link in:\n${text}`);
  return found[1]!;
};

const apiSend = (organizationId: string, personId: string, token: string) =>
  request(world.app)
    .post(`/admin/v1/organizations/${organizationId}/people/${personId}/connect-link`)
    .set('authorization', `Bearer ${token}`);

async function signIn(token: string): Promise<string> {
  const cookie = consoleCookie(await postSignIn(world.app, { token }));
  if (!cookie) throw new Error('sign-in failed');
  return cookie.value;
}

describe('mailing a connect link from the admin API', () => {
  it('mails the person a single-use 72-hour link that connects them, audited', async () => {
    const org = await world.organization();
    const { record, token } = await createAdminToken(world.db.prisma, org.id, { name: 'HR team' });
    const ana = org.people['ana@acme.test']!;
    const before = world.smtp.mails.length;

    const askedAt = world.clock.now().getTime();
    const sent = await apiSend(org.id, ana, token);
    const answeredAt = world.clock.now().getTime();
    expect(sent.status).toBe(202);
    const stored = await world.db.prisma.calendarConnectRequest.findFirstOrThrow({ where: { organizationId: org.id, personId: ana } });
    expect(sent.body).toEqual({ recipient: 'ana@acme.test', expiresAt: stored.linkExpiresAt.toISOString() });
    // 72 hours from when it was made, on the world's clock.
    expect(stored.linkExpiresAt.getTime()).toBeGreaterThanOrEqual(askedAt + 72 * 3_600_000);
    expect(stored.linkExpiresAt.getTime()).toBeLessThanOrEqual(answeredAt + 72 * 3_600_000);

    const mails = world.smtp.mails.slice(before);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toEqual(['ana@acme.test']);
    expect(mail.subject).toBe('Connect your Google Calendar to Together');
    expect(mail.text).toContain('(HR team) asked Together Calendar to send you this link');
    expect(mail.text).toContain('The link works once');
    expect(mail.text).toContain(`${world.url}/connect?link=`);

    const secret = linkIn(mail.text);
    const page = await world.open(secret);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('This link is for ana (ana@acme.test)');
    const started = await world.start(secret);
    expect(started.status).toBe(303);
    const done = await world.callback(await world.consent(started.location!));
    expect(textOf(done.html)).toContain('Connected: you can close this tab');
    // It served once.
    expect((await world.start(secret)).status).toBe(410);

    const request_ = await world.db.prisma.calendarConnectRequest.findFirstOrThrow({ where: { organizationId: org.id, personId: ana } });
    expect(request_).toMatchObject({ source: 'ADMIN_MAIL', requestedBy: record.id });
    const audit = await world.db.prisma.auditLogEntry.findMany({ where: { organizationId: org.id, action: 'calendar.connect_link.sent' } });
    expect(audit).toMatchObject([{ actorType: 'ADMIN_TOKEN', actorId: record.id, targetType: 'Person', targetId: ana }]);
    const notification = await world.db.prisma.notification.findFirstOrThrow({ where: { organizationId: org.id, kind: 'CONNECT_LINK' } });
    expect(notification).toMatchObject({ recipient: 'ana@acme.test', status: 'SENT' });
  });

  it("refuses another organization's person (404) and a domain-wide organization (409), sending and creating nothing", async () => {
    const org = await world.organization();
    const other = await createOrganization(world.db.prisma);
    const { token: otherToken } = await createAdminToken(world.db.prisma, other.id);
    const { token } = await createAdminToken(world.db.prisma, org.id);
    const ben = org.people['ben@acme.test']!;
    const before = world.smtp.mails.length;

    // The other organization's admin names our person under their own organization: no such person there.
    const foreign = await apiSend(other.id, ben, otherToken);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    // …and cannot reach our organization at all.
    expect((await apiSend(org.id, ben, otherToken)).status).toBe(404);
    expect((await apiSend(org.id, 'not-a-uuid', token)).status).toBe(404);

    const domainWide = await world.organization('DOMAIN_WIDE');
    const { token: dwToken } = await createAdminToken(world.db.prisma, domainWide.id);
    const refused = await apiSend(domainWide.id, domainWide.people['ben@acme.test']!, dwToken);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_per_user');
    expect(refused.body.error.message).toContain('does not use the per-user method');

    expect(world.smtp.mails.length).toBe(before);
    expect(await world.db.prisma.calendarConnectRequest.count({ where: { personId: ben } })).toBe(0);
    expect(await world.db.prisma.auditLogEntry.count({ where: { action: 'calendar.connect_link.sent', targetId: ben } })).toBe(0);
  });
});

describe('who gets a link, and which link works', () => {
  it('refuses an INACTIVE person with a clear 409 person_inactive: nothing created, audited or mailed', async () => {
    const org = await world.organization();
    const { token } = await createAdminToken(world.db.prisma, org.id);
    const cara = org.people['cara@acme.test']!;
    // An add-on link made while she was active: the refusal must not end it either.
    const earlier = await world.link(org.id, cara);
    await world.db.prisma.person.update({ where: { id: cara }, data: { status: 'INACTIVE' } });
    const requestsBefore = await world.db.prisma.calendarConnectRequest.findMany({ where: { personId: cara } });
    const before = world.smtp.mails.length;

    const refused = await apiSend(org.id, cara, token);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('person_inactive');
    expect(refused.body.error.message).toContain('cara (cara@acme.test) is INACTIVE in Together, so no connect link was sent');

    expect(world.smtp.mails.length).toBe(before);
    expect(await world.db.prisma.calendarConnectRequest.findMany({ where: { personId: cara } })).toEqual(requestsBefore);
    expect(await world.db.prisma.auditLogEntry.count({ where: { action: 'calendar.connect_link.sent', targetId: cara } })).toBe(0);
    expect(await world.db.prisma.notification.count({ where: { organizationId: org.id, kind: 'CONNECT_LINK' } })).toBe(0);
    expect((await world.open(earlier)).status).toBe(200);

    // Active again: the link is sent.
    await world.db.prisma.person.update({ where: { id: cara }, data: { status: 'ACTIVE' } });
    expect((await apiSend(org.id, cara, token)).status).toBe(202);
    expect(world.smtp.mails.slice(before).map((mail) => mail.to)).toEqual([['cara@acme.test']]);
  });

  it('a new link supersedes the earlier unused one: the earlier one shows the expired page, the new one connects', async () => {
    const org = await world.organization();
    const { token } = await createAdminToken(world.db.prisma, org.id);
    const dan = org.people['dan@acme.test']!;
    const ben = org.people['ben@acme.test']!;
    const before = world.smtp.mails.length;
    const benLink = await world.link(org.id, ben);

    expect((await apiSend(org.id, dan, token)).status).toBe(202);
    expect((await apiSend(org.id, dan, token)).status).toBe(202);
    const [first, second] = world.smtp.mails.slice(before).map((mail) => linkIn(mail.text));
    expect(first).not.toBe(second);

    // Only the person's own earlier links end: ben's link stays usable.
    expect((await world.open(benLink)).status).toBe(200);

    // The earlier link reads as an expired one does (ben's add-on link after its 15 minutes), on its page and when continuing.
    world.clock.advance(60_000);
    const stale = await world.open(first!);
    expect(stale.status).toBe(410);
    world.clock.advance(15 * 60_000);
    const expired = await world.open(benLink);
    expect(expired.status).toBe(410);
    expect(textOf(stale.html)).toBe(textOf(expired.html));
    expect(textOf(stale.html)).toContain('expired');
    expect((await world.start(first!)).status).toBe(410);

    // The newest link works, once.
    const page = await world.open(second!);
    expect(page.status).toBe(200);
    const started = await world.start(second!);
    expect(started.status).toBe(303);
    expect((await world.start(second!)).status).toBe(410);
  });
});

describe('mailing a connect link from the console', () => {
  async function completedRun(organizationId: string, people: Record<string, string>) {
    const now = world.clock.now();
    const run = await world.db.prisma.integrationTestRun.create({
      data: {
        organizationId,
        trigger: 'MANUAL',
        status: 'COMPLETED',
        total: 2,
        checked: 2,
        active: 1,
        countsByReason: { ACTIVE: 1, NOT_CONNECTED: 1 },
        startedAt: now,
        finishedAt: now,
      },
    });
    await world.db.prisma.integrationTestResult.createMany({
      data: [
        { organizationId, runId: run.id, personId: people['ana@acme.test']!, status: 'ACTIVE', checkedAt: now },
        { organizationId, runId: run.id, personId: people['cara@acme.test']!, status: 'NOT_CONNECTED', checkedAt: now },
      ],
    });
    await world.db.prisma.calendarIntegration.update({ where: { organizationId }, data: { wizardStep: 'DONE', status: 'ACTIVE' } });
    return run.id;
  }

  it('shows each person\'s state and a "Send a connect link" button where a link helps; posting it mails the link and says so', async () => {
    const org = await world.organization();
    const runId = await completedRun(org.id, org.people);
    const { token } = await createAdminToken(world.db.prisma, org.id);
    const cookie = await signIn(token);

    const page = await withCookie(request(world.app).get(`/admin/test?run=${runId}`).set('accept', 'text/html'), cookie);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('Not connected yet');
    expect(text).toContain('Send a connect link to cara');
    // Working people need no link.
    expect(text).not.toContain('Send a connect link to ana');
    const cara = org.people['cara@acme.test']!;
    expect(page.text).toContain(`action="/admin/people/${cara}/connect-link"`);

    const before = world.smtp.mails.length;
    const posted = await withCookie(
      request(world.app)
        .post(`/admin/people/${cara}/connect-link`)
        .set('accept', 'text/html')
        .type('form')
        .send(`run=${runId}&status=NOT_CONNECTED`),
      cookie,
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/admin/test?run=${runId}&status=NOT_CONNECTED&sent=${cara}#people`);
    const mails = world.smtp.mails.slice(before);
    expect(mails.map((mail) => mail.to)).toEqual([['cara@acme.test']]);
    const secret = linkIn(mails[0]!.text);
    expect((await world.start(secret)).status).toBe(303);
    expect((await world.start(secret)).status).toBe(410);

    const confirmed = await withCookie(request(world.app).get(posted.headers.location!).set('accept', 'text/html'), cookie);
    expect(textOf(confirmed.text)).toContain('Connect link sent to cara (cara@acme.test). It works once, within 72 hours.');

    // Cara connects through the link: the table says how she is now, beside the test's older result.
    const callbackUrl = await world.consent((await world.start(await world.link(org.id, cara))).location!);
    expect((await world.callback(callbackUrl)).status).toBe(200);
    const after = await withCookie(
      request(world.app).get(`/admin/test?run=${runId}&status=NOT_CONNECTED`).set('accept', 'text/html'),
      cookie,
    );
    expect(after.text).toContain('Connection now');
    const caraRow = /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*cara@acme\.test(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(after.text)![0];
    expect(textOf(caraRow)).toContain('Not connected yet');
    expect(textOf(caraRow)).toContain('Working');
    expect(caraRow).not.toContain('Send a connect link');
  });

  it("refuses a cross-site post, another organization's person and a domain-wide organization, mailing nothing", async () => {
    const org = await world.organization();
    const { token } = await createAdminToken(world.db.prisma, org.id);
    const cookie = await signIn(token);
    const dan = org.people['dan@acme.test']!;
    const before = world.smtp.mails.length;
    const post = (personId: string, headers: Record<string, string> = SAME_ORIGIN, secret = cookie) =>
      withCookie(
        request(world.app).post(`/admin/people/${personId}/connect-link`).set('accept', 'text/html').type('form').send(''),
        secret,
        headers,
      );

    const crossSite = await post(dan, CROSS_SITE);
    expect(crossSite.status).toBe(403);

    const other = await createOrganization(world.db.prisma);
    const { token: otherToken } = await createAdminToken(world.db.prisma, other.id);
    const foreign = await post(dan, SAME_ORIGIN, await signIn(otherToken));
    expect(foreign.status).toBe(404);
    expect(textOf(foreign.text)).toContain('Page not found');

    // An INACTIVE person: the page says why in words, nothing is sent.
    await world.db.prisma.person.update({ where: { id: dan }, data: { status: 'INACTIVE' } });
    const inactive = await post(dan);
    expect(inactive.status).toBe(409);
    expect(textOf(inactive.text)).toContain('is INACTIVE in Together, so no connect link was sent');

    const domainWide = await world.organization('DOMAIN_WIDE');
    const { token: dwToken } = await createAdminToken(world.db.prisma, domainWide.id);
    const refused = await post(domainWide.people['dan@acme.test']!, SAME_ORIGIN, await signIn(dwToken));
    expect(refused.status).toBe(409);
    expect(textOf(refused.text)).toContain('does not use the per-user method');

    expect(world.smtp.mails.length).toBe(before);
    expect(await world.db.prisma.calendarConnectRequest.count({ where: { personId: dan } })).toBe(0);
  });
});
