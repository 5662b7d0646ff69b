import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { DEFAULT_WORKING_HOURS, WEEKDAYS } from '../../backend/domain/values.js';
import { DEMO_OAUTH_CLIENT, demoSeed, type OAuthClient, type ServiceAccountKeyJson } from '../../backend/emulator/index.js';
import { SCOPES, calendarFor, directoryFor, jwtFor } from './support/google-clients.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

type KeyFile = ServiceAccountKeyJson;

describe('control API', () => {
  it('resets and seeds from a JSON document, returning Google-format key files that work with google-auth-library', async () => {
    const seed = {
      users: [{ email: 'zoe@zeta.test', timeZone: 'Europe/Madrid' }],
      serviceAccounts: [{ clientEmail: 'zeta@zeta-project.iam.gserviceaccount.com' }],
      grants: [{ serviceAccount: 'zeta@zeta-project.iam.gserviceaccount.com', domain: 'zeta.test', scopes: [SCOPES.calendar] }],
      events: [
        {
          calendarId: 'zoe@zeta.test',
          event: { summary: 'Seeded', start: { dateTime: '2031-01-01T10:00:00Z' }, end: { dateTime: '2031-01-01T11:00:00Z' } },
        },
      ],
    };
    const { status, body } = await emu.control<{ serviceAccounts: KeyFile[] }>('POST', '/reset', { seed });
    expect(status).toBe(200);
    const [key] = body.serviceAccounts;
    expect(key).toMatchObject({
      type: 'service_account',
      project_id: 'zeta-project',
      client_email: 'zeta@zeta-project.iam.gserviceaccount.com',
      token_uri: 'https://oauth2.googleapis.com/token',
    });
    expect(key!.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(key!.client_id).toMatch(/^\d{21}$/);
    const zoe = calendarFor(emu.url, jwtFor(emu.url, key!, 'zoe@zeta.test', [SCOPES.calendar]));
    expect((await zoe.events.list({ calendarId: 'primary' })).data.items?.map((e) => e.summary)).toEqual(['Seeded']);
    expect((await emu.control<{ users: unknown[] }>('GET', '/users')).body.users).toHaveLength(1);
    expect((await emu.control<{ serviceAccounts: KeyFile[] }>('GET', '/serviceAccounts')).body.serviceAccounts[0]?.private_key_id).toBe(
      key!.private_key_id,
    );
  });

  it("rejects malformed seeds with 400 and unknown routes with Google's 404", async () => {
    expect((await emu.control('POST', '/reset', { seed: { users: [{ email: 'not an email' }] } })).status).toBe(400);
    expect((await emu.control('POST', '/seed', { grants: [{ domain: 'x.test', scopes: [] }] })).status).toBe(400);
    expect(
      (await emu.control('POST', '/seed', { grants: [{ clientId: '1', domain: 'x.test', scopes: [], reach: { everyone: true } }] })).status,
    ).toBe(400);
    const unknown = await emu.control('GET', '/nonsense');
    expect(unknown).toEqual({
      status: 404,
      body: { error: { errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }], code: 404, message: 'Not Found' } },
    });
  });

  it('adds, lists and removes users and grants', async () => {
    expect((await emu.control('POST', '/users', { email: 'yan@zeta.test', orgUnitPath: '/Ops', groups: ['ops@zeta.test'] })).status).toBe(
      200,
    );
    const { body: grant } = await emu.control<{ id: string }>('POST', '/grants', {
      serviceAccount: 'zeta@zeta-project.iam.gserviceaccount.com',
      domain: 'zeta.test',
      scopes: [SCOPES.calendar],
      reach: { groups: ['ops@zeta.test'] },
    });
    const { body: grants } = await emu.control<{ grants: Array<{ id: string; reach: unknown; source: string }> }>('GET', '/grants');
    expect(grants.grants.find((g) => g.id === grant.id)).toMatchObject({
      reach: { kind: 'groups', groups: ['ops@zeta.test'] },
      source: 'marketplace',
    });
    expect((await emu.control<{ revoked: number }>('DELETE', '/grants?clientId=nope&domain=zeta.test')).body.revoked).toBe(0);
    expect((await emu.control('DELETE', '/grants/no-such-grant')).status).toBe(404);
    expect((await emu.control('DELETE', '/users/yan@zeta.test')).status).toBe(204);
    expect((await emu.control('GET', '/users/yan@zeta.test')).status).toBe(404);
  });

  it('changes settings and domain free/busy sharing', async () => {
    expect(
      (await emu.control<{ conferenceDelayMs: number }>('PATCH', '/settings', { conferenceDelayMs: 1234 })).body.conferenceDelayMs,
    ).toBe(1234);
    expect((await emu.control('PATCH', '/settings', { conferenceDelayMs: -1 })).status).toBe(400);
    expect(
      (await emu.control<{ freeBusyVisibleInDomain: boolean }>('PATCH', '/domains/zeta.test', { freeBusyVisibleInDomain: false })).body
        .freeBusyVisibleInDomain,
    ).toBe(false);
  });

  it('seeds the demo company: ~30 people, five time zones, suspended users, some outside the install, busy calendars', async () => {
    const now = (await emu.control<{ nowMs: number }>('GET', '/clock')).body.nowMs;
    const seed = demoSeed(now);
    const { body } = await emu.control<{ serviceAccounts: KeyFile[] }>('POST', '/reset', { seed });
    const users = seed.users ?? [];
    expect(users.length).toBeGreaterThanOrEqual(30);
    expect(new Set(users.map((u) => u.timeZone)).size).toBeGreaterThanOrEqual(5);
    expect(users.filter((u) => u.suspended).length).toBeGreaterThanOrEqual(2);
    const key = body.serviceAccounts[0]!;
    const inside = users.find((u) => u.orgUnitPath === '/Engineering' && !u.suspended)!;
    const outside = users.find((u) => u.orgUnitPath === '/Contractors')!;
    const scopes = [SCOPES.calendar, SCOPES.directoryUsers];
    const calendar = calendarFor(emu.url, jwtFor(emu.url, key!, inside.email, scopes));
    const { data } = await calendar.events.list({
      calendarId: 'primary',
      timeMin: new Date(now).toISOString(),
      singleEvents: true,
      orderBy: 'startTime',
    });
    expect(data.items!.length).toBeGreaterThan(10);
    // Busy as Google computes it, from now on: every block on a weekday, inside working hours, in the person's own zone.
    const horizon = DateTime.fromMillis(now).plus({ weeks: 3, days: 2 });
    const { data: freeBusy } = await calendar.freebusy.query({
      requestBody: { timeMin: new Date(now).toISOString(), timeMax: horizon.toISO()!, items: [{ id: inside.email }] },
    });
    const busy = freeBusy.calendars?.[inside.email]?.busy ?? [];
    expect(busy.length).toBeGreaterThanOrEqual(15);
    expect(busy.map((block) => outsideWorkingHours(block.start!, block.end!, inside.timeZone!)).filter(Boolean)).toEqual([]);
    await expect(jwtFor(emu.url, key!, outside.email, scopes).authorize()).rejects.toThrow(/unauthorized_client/);
  });

  it("gives the demo company a secondary domain and the sandbox backend's OAuth client (callback /admin/oauth/callback on :8080)", async () => {
    const now = (await emu.control<{ nowMs: number }>('GET', '/clock')).body.nowMs;
    const reset = await emu.control<{ serviceAccounts: KeyFile[] }>('POST', '/reset', { seed: demoSeed(now) });
    const { body } = await emu.control<{ domains: Array<{ name: string; customerId: string; isPrimary: boolean }> }>('GET', '/domains');
    expect(body.domains.filter((d) => d.customerId === 'C0demo01').map((d) => [d.name, d.isPrimary])).toEqual([
      ['acme.test', true],
      ['acme-labs.test', false],
    ]);
    // The install lets the backend list the customer's domains as its super admin.
    const domainScope = 'https://www.googleapis.com/auth/admin.directory.domain.readonly';
    const asOliver = directoryFor(emu.url, jwtFor(emu.url, reset.body.serviceAccounts[0]!, 'oliver.smith@acme.test', [domainScope]));
    expect((await asOliver.domains.list({ customer: 'my_customer' })).data.domains?.map((d) => d.domainName)).toEqual([
      'acme.test',
      'acme-labs.test',
    ]);

    const clients = (await emu.control<{ oauthClients: OAuthClient[] }>('GET', '/oauthClients')).body.oauthClients;
    expect(clients).toEqual([
      { ...DEMO_OAUTH_CLIENT, redirectUris: ['http://localhost:8080/admin/oauth/callback', 'http://127.0.0.1:8080/admin/oauth/callback'] },
    ]);

    const auth = new URL('/o/oauth2/v2/auth', emu.url);
    auth.search = new URLSearchParams({
      client_id: DEMO_OAUTH_CLIENT.clientId,
      redirect_uri: DEMO_OAUTH_CLIENT.redirectUris[0]!,
      response_type: 'code',
      scope: 'openid email',
      hd: 'acme.test',
      login_hint: 'oliver.smith@acme.test',
      state: 's',
    }).toString();
    const page = await (await fetch(auth)).text();
    expect(page).toMatch(/value="oliver\.smith@acme\.test" required checked/);
    const request = /name="request" value="([^"]+)"/.exec(page)![1]!;
    const answer = await fetch(auth, {
      method: 'POST',
      body: new URLSearchParams({ request, account: 'oliver.smith@acme.test', action: 'allow' }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toMatch(
      /^http:\/\/localhost:8080\/admin\/oauth\/callback\?state=s&code=4%2F0A[^&]+&scope=email\+/,
    );
  });
});

/**
 * The date matrix's instants (test/dates/run.sh). demoSeed is a function of the instant, so it is
 * checked at each of them in every run, besides at the emulator clock's now above.
 */
const INSTANTS = [
  '2026-12-07T00:10:00Z', // a Monday just after midnight: still Sunday in the Americas
  '2026-12-11T23:50:00Z', // a Friday just before midnight: already Saturday in Madrid and Tokyo
  '2026-12-13T23:30:00Z', // a Sunday night: already Monday east of UTC
  '2027-03-14T01:30:00Z', // the United States start summer time
  '2027-03-28T01:30:00Z', // Europe has just started summer time
  '2027-10-31T01:30:00Z', // Europe ends summer time
  '2027-11-07T01:30:00Z', // the United States end summer time
  '2028-02-28T23:00:00Z', // a leap day comes next
  '2027-12-31T23:59:00Z', // a minute before the new year
];

describe('the demo seed at every instant of the date matrix', () => {
  it.each(INSTANTS)(
    'at %s: a stand-up on each of the next 15 business days of every team, every meeting in working hours of everyone in it',
    (instant) => {
      expect(demoSeedProblems(Date.parse(instant))).toEqual([]);
    },
  );
});

/** A wall-clock time in its zone as an instant, or null when the zone skips it (or it is no time at all). */
function wallClock(time: { dateTime?: unknown; timeZone?: unknown }): DateTime | null {
  if (typeof time.dateTime !== 'string' || typeof time.timeZone !== 'string') return null;
  const at = DateTime.fromISO(time.dateTime, { zone: time.timeZone });
  return at.isValid && at.toFormat("yyyy-MM-dd'T'HH:mm:ss") === time.dateTime ? at : null;
}

/** Why `start`–`end` is outside working hours (Monday to Friday 09:00–17:00, the demo people's) in `timeZone`, or ''. */
function outsideWorkingHours(start: string | DateTime, end: string | DateTime, timeZone: string): string {
  const from = (typeof start === 'string' ? DateTime.fromISO(start) : start).setZone(timeZone);
  const to = (typeof end === 'string' ? DateTime.fromISO(end) : end).setZone(timeZone);
  const intervals = DEFAULT_WORKING_HOURS[WEEKDAYS[from.weekday - 1]!] ?? [];
  const fits =
    from.hasSame(to, 'day') && intervals.some(([open, close]) => from.toFormat('HH:mm') >= open && to.toFormat('HH:mm') <= close);
  return fits ? '' : `${from.toFormat('ccc yyyy-MM-dd HH:mm')}–${to.toFormat('HH:mm')} ${timeZone}`;
}

/** The business days (Monday to Friday) of the `weeks` weeks after today in `timeZone`, as dates there. */
function businessDaysAfter(now: number, timeZone: string, weeks: number): string[] {
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  return Array.from({ length: weeks * 7 }, (_, i) => today.plus({ days: i + 1 }))
    .filter((day) => day.weekday <= 5)
    .map((day) => day.toISODate()!);
}

/**
 * What is wrong with the demo seed made at `now`: every event a real wall-clock time in the future,
 * inside the working hours of its organizer and of every attendee in their own zone; and every team
 * member busy over the next three weeks of their own zone (a stand-up on each business day from
 * their tomorrow on, and on no other day).
 */
function demoSeedProblems(now: number): string[] {
  const seed = demoSeed(now);
  const zoneOf = new Map((seed.users ?? []).map((user) => [user.email, user.timeZone ?? 'UTC']));
  const standUps = new Map<string, Set<string>>();
  const problems: string[] = [];
  for (const { calendarId, event } of seed.events ?? []) {
    const start = event.start as { dateTime?: string; timeZone?: string };
    const end = event.end as { dateTime?: string; timeZone?: string };
    const label = `${calendarId} "${String(event.summary)}" ${start.dateTime} ${start.timeZone}`;
    const [from, to] = [wallClock(start), wallClock(end)];
    if (!from || !to) {
      problems.push(`${label}: not a wall-clock time of its zone`);
      continue;
    }
    if (from.toMillis() <= now) problems.push(`${label}: not after now (${new Date(now).toISOString()})`);
    if (to <= from) problems.push(`${label}: ends before it starts`);
    const people = [calendarId, ...((event.attendees as Array<{ email: string }> | undefined) ?? []).map((a) => a.email)];
    for (const email of people) {
      const zone = zoneOf.get(email) ?? 'UTC';
      const outside = outsideWorkingHours(from, to, zone);
      if (outside) problems.push(`${label}: outside the working hours of ${email} (${outside})`);
      if (event.summary === 'Daily stand-up') {
        const days = standUps.get(email) ?? new Set<string>();
        days.add(from.setZone(zone).toISODate()!);
        standUps.set(email, days);
      }
    }
  }
  for (const user of seed.users ?? []) {
    if (!user.email.endsWith('@acme.test')) continue;
    const expected = businessDaysAfter(now, zoneOf.get(user.email)!, 3);
    const actual = [...(standUps.get(user.email) ?? [])].sort();
    if (actual.join() !== expected.join())
      problems.push(`${user.email} (${user.timeZone}): stand-ups on ${actual.join(' ')}; expected ${expected.join(' ')}`);
  }
  return problems;
}
