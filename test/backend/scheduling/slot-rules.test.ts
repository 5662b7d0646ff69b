import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { expectStatus } from '../../support/app.js';
import { localIso } from '../../support/clock.js';
import { createAdminToken } from '../../support/factories.js';
import { addPair, as, control, DOMAIN } from './support.js';
import { useWorld } from './use-world.js';

// Issue #13, items 2–8: ranges near the 90-day horizon, zone names, defaults and the rules decided.
const world = useWorld();

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms: number | Date) => new Date(ms).toISOString();
const calls = async (method: string) => (await world().google.requests()).perMethod[method] ?? 0;

describe('ranges near the 90-day horizon', () => {
  it('answers a range up to the horizon with a buffer, asking free/busy in 90-day pieces', async () => {
    const pair = await addPair(
      world(),
      { name: 'Hana', timeZone: 'Europe/Madrid', hours: ['09:00', '20:00'] },
      { name: 'Hugo', timeZone: 'America/Los_Angeles', hours: ['06:00', '12:00'] },
      { sessionDurations: [30], bufferMinutes: 15 },
    );
    const hana = await as(world(), pair.mentor.email);
    const now = world().clock.now().getTime();
    const response = await hana.get(`/matchings/${pair.matchingId}/slots?duration=30&to=${iso(now + 90 * DAY - MINUTE)}`);
    expectStatus(response, 200);
    expect(response.body.slots.length).toBeGreaterThan(0);
    expect(response.body.checked).toEqual({ viewer: true, match: true });
    // 90 days plus 15 minutes on each side: two queries, each within Google's limit.
    expect(await calls('calendar.freebusy.query')).toBe(2);
  });

  it('clamps the default 14 days to the horizon when `from` is near it', async () => {
    const ana = await as(world(), `ana@${DOMAIN}`);
    const now = world().clock.now().getTime();
    const response = await ana.get(`/matchings/${world().matchingId}/slots?from=${iso(now + 80 * DAY)}`);
    expectStatus(response, 200);
    // The horizon is the request's now: a moment after this test's.
    expect(response.body.range.from).toBe(iso(now + 80 * DAY));
    expect(Date.parse(response.body.range.to) - (now + 90 * DAY)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(response.body.range.to) - (now + 90 * DAY)).toBeLessThan(10_000);
    const beyond = await ana.get(`/matchings/${world().matchingId}/slots?from=${iso(now + 91 * DAY)}`);
    expectStatus(beyond, 400);
    expect(beyond.body.error.code).toBe('invalid_time_range');
  });

  it('answers a request Google refuses as invalid as our own 500, not as Google being unavailable', async () => {
    await control(world(), 'PUT', '/faults', { errors: [{ method: 'calendar.freebusy.query', status: 400, rate: 1 }] });
    try {
      const ana = await as(world(), `ana@${DOMAIN}`);
      const response = await ana.get(`/matchings/${world().matchingId}/slots?duration=30`);
      expectStatus(response, 500);
      expect(response.body.error.code).toBe('internal_error');
    } finally {
      await control(world(), 'DELETE', '/faults');
    }
  });
});

describe('defaults and zones', () => {
  it("defaults the duration to the program's first offered length", async () => {
    const pair = await addPair(
      world(),
      { name: 'Olga', timeZone: 'Europe/Madrid', hours: ['09:00', '20:00'] },
      { name: 'Omar', timeZone: 'Europe/Madrid', hours: ['09:00', '17:00'] },
      { sessionDurations: [45], bufferMinutes: 0 },
    );
    const olga = await as(world(), pair.mentor.email);
    const response = await olga.get(`/matchings/${pair.matchingId}/slots`);
    expectStatus(response, 200);
    expect(response.body.durationMinutes).toBe(45);
    for (const slot of response.body.slots as Array<{ start: string; end: string }>)
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(45 * MINUTE);
  });

  it.each([
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/calcutta', 'Asia/Kolkata'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['Asia/Katmandu', 'Asia/Kathmandu'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['europe/kiev', 'Europe/Kyiv'],
  ])('stores and shows %s as the current IANA name %s', async (typed, current) => {
    const { token } = await createAdminToken(world().db.prisma, world().organizationId);
    const email = `zone-${typed.replace('/', '-').toLowerCase()}@${DOMAIN}`;
    await control(world(), 'POST', '/users', { email, timeZone: current });
    const upsert = await request(world().app)
      .post(`/admin/v1/organizations/${world().organizationId}/people/bulk-upsert`)
      .set('Authorization', `Bearer ${token}`)
      .send({ rows: [{ email, displayName: 'Zoned', timeZone: typed }] });
    expectStatus(upsert, 200);
    expect((await world().db.prisma.person.findFirstOrThrow({ where: { email } })).timeZone).toBe(current);
    const me = await (await as(world(), email)).get('/me');
    expectStatus(me, 200);
    expect(me.body.person.timeZone).toBe(current);
    const ana = await as(world(), `ana@${DOMAIN}`);
    const slots = await ana.get(`/matchings/${world().matchingId}/slots?timeZone=${encodeURIComponent(typed)}`);
    expectStatus(slots, 200);
    expect(slots.body.timeZone).toBe(current);
  });

  it('renames zones stored under old names, by the data migration', async () => {
    const { readFileSync } = await import('node:fs');
    const { createPerson } = await import('../../support/factories.js');
    const old = await createPerson(world().db.prisma, world().organizationId, { email: `calcutta@${DOMAIN}`, timeZone: 'Asia/Calcutta' });
    const kept = await createPerson(world().db.prisma, world().organizationId, { email: `prague@${DOMAIN}`, timeZone: 'Europe/Prague' });
    await world().db.prisma.$executeRawUnsafe(readFileSync('prisma/migrations/20261201151500_current_zone_names/migration.sql', 'utf8'));
    const zoneOf = async (id: string) => (await world().db.prisma.person.findUniqueOrThrow({ where: { id } })).timeZone;
    expect([await zoneOf(old.id), await zoneOf(kept.id)]).toEqual(['Asia/Kolkata', 'Europe/Prague']);
  });

  it.each(['Mars/Olympus', '+02:00'])('refuses timeZone=%s with 400 invalid_request', async (zone) => {
    const ana = await as(world(), `ana@${DOMAIN}`);
    const response = await ana.get(`/matchings/${world().matchingId}/slots?timeZone=${encodeURIComponent(zone)}`);
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({
      code: 'invalid_request',
      details: { issues: [{ field: 'timeZone', code: 'invalid_time_zone' }] },
    });
  });
});

describe('the rules decided (user API README)', () => {
  it('refuses a booking or a move off the 15-minute grid with 400 start_not_on_grid, writing nothing', async () => {
    const day = world().days.next();
    const ana = await as(world(), `ana@${DOMAIN}`);
    const before = await world().db.prisma.mentoringSession.count();
    for (const start of [day.at('16:07'), new Date(day.at('16:15').getTime() + 1000)]) {
      const response = await ana.post(`/matchings/${world().matchingId}/sessions`, { start: iso(start), durationMinutes: 30 });
      expectStatus(response, 400);
      expect(response.body.error).toMatchObject({ code: 'start_not_on_grid', details: { stepMinutes: 15 } });
    }
    expect(await world().db.prisma.mentoringSession.count()).toBe(before);
    expect(await calls('calendar.freebusy.query')).toBe(0);
    const booked = await ana.post(`/matchings/${world().matchingId}/sessions`, { start: iso(day.at('16:15')), durationMinutes: 30 });
    expectStatus(booked, 201);
    const move = await ana.post(`/sessions/${booked.body.session.id}/reschedule`, {
      version: booked.body.session.version,
      start: iso(day.at('17:07')),
    });
    expectStatus(move, 400);
    expect(move.body.error.code).toBe('start_not_on_grid');
  });

  it('shows UTC viewers `Z` and zones at UTC+0 `+00:00` in startLocal', async () => {
    const ana = await as(world(), `ana@${DOMAIN}`);
    const utc = await ana.get(`/matchings/${world().matchingId}/slots?duration=30&timeZone=UTC`);
    expectStatus(utc, 200);
    const first = utc.body.slots[0] as { start: string; startLocal: string };
    expect(first.startLocal).toBe(first.start);
    expect(first.startLocal).toMatch(/Z$/);
    const london = await ana.get(`/matchings/${world().matchingId}/slots?duration=30&timeZone=Europe/London`);
    const slot = london.body.slots[0] as { start: string; startLocal: string };
    expect(slot.startLocal).toBe(localIso(slot.start, 'Europe/London'));
    expect(slot.startLocal).toMatch(/\+0[01]:00$/);
  });
});
