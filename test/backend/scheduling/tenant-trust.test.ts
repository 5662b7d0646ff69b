import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ensureWatchChannels } from '../../../backend/domain/sync/ensure-watch-channels.js';
import { createAdminToken, createMatching, createOrganization, createPerson, createProgram } from '../../support/factories.js';
import { as, control, DOMAIN, eventsOf, startWorld, type SchedulingWorld } from './support.js';

// The probe: organization B, whose own verified domain is beta.test, gets people of organization A's
// Workspace (acme.test) into its data — here written directly, as data kept from before the bulk
// upsert refused them — pairs them and books for them through the admin API.
let world: SchedulingWorld;
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;
let b: { organizationId: string; token: string; matchingId: string; bookerId: string };

/** Working all day on weekdays, so only calendars and Together sessions decide. */
const ALL_WEEKDAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['00:00', '24:00']]]));

beforeAll(async () => {
  world = await startWorld();
  const organization = await createOrganization(world.db.prisma, { name: 'Org B' }, ['beta.test']);
  const booker = await createPerson(world.db.prisma, organization.id, {
    email: ANA,
    workingHours: ALL_WEEKDAYS,
  });
  const match = await createPerson(world.db.prisma, organization.id, {
    email: BEN,
    workingHours: ALL_WEEKDAYS,
  });
  const program = await createProgram(world.db.prisma, organization.id, { sessionDurations: [30], minimumNoticeMinutes: 0 });
  const matching = await createMatching(world.db.prisma, organization.id, {
    programId: program.id,
    mentorId: booker.id,
    menteeId: match.id,
  });
  const { token } = await createAdminToken(world.db.prisma, organization.id);
  b = { organizationId: organization.id, token, matchingId: matching.id, bookerId: booker.id };
});
afterAll(async () => {
  await world.close();
});

describe("no organization reaches another's Workspace", () => {
  it("books nothing into A's calendars for B, asks Google nothing as A's people, and leaks none of their free/busy", async () => {
    const day = world.days.next();
    // Ana has a meeting there: a 409 with its interval would tell B about A's calendars.
    await control(world, 'POST', `/users/${ANA}/events`, {
      summary: 'Board meeting',
      start: { dateTime: day.at('16:00').toISOString() },
      end: { dateTime: day.at('17:00').toISOString() },
    });
    const eventsBefore = (await eventsOf(world, ANA)).length;
    await world.google.resetRequests();
    for (const start of [day.at('16:00'), day.at('17:30')]) {
      const response = await request(world.app)
        .post(`/admin/v1/organizations/${b.organizationId}/matchings/${b.matchingId}/sessions`)
        .set('Authorization', `Bearer ${b.token}`)
        .send({ bookerId: b.bookerId, start: start.toISOString(), durationMinutes: 30 });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('calendar_not_connected');
      expect(JSON.stringify(response.body)).not.toContain('Board meeting');
      expect(response.body.error.details?.conflict).toBeUndefined();
    }
    expect((await world.google.requests()).total).toBe(0);
    expect((await eventsOf(world, ANA)).length).toBe(eventsBefore);
    expect((await eventsOf(world, BEN)).filter((e) => e.status !== 'cancelled')).toHaveLength(0);
    expect(await world.db.prisma.mentoringSession.count({ where: { organizationId: b.organizationId } })).toBe(0);
  });

  it("opens no push channel on A's calendars for B's copies of A's people", async () => {
    // Even with a session in B's data (written directly), the channel pass leaves A's people alone.
    const day = world.days.next();
    await world.db.prisma.mentoringSession.create({
      data: {
        organizationId: b.organizationId,
        matchingId: b.matchingId,
        organizerId: b.bookerId,
        attendeeId: (await world.db.prisma.matching.findUniqueOrThrow({ where: { id: b.matchingId } })).menteeId,
        sequenceNumber: 1,
        startAt: day.at('16:00'),
        endAt: day.at('16:30'),
        status: 'CONFIRMED',
        operation: 'NONE',
      },
    });
    await world.google.resetRequests();
    const outcome = await ensureWatchChannels({
      ...world.deps,
      channels: { webhookUrl: 'https://together.example/webhooks/google-calendar', ttlMs: 3_600_000, renewalMarginMs: 60_000 },
    });
    expect(outcome).toMatchObject({ opened: 0, failed: 0 });
    expect(await world.db.prisma.watchChannel.count({ where: { organizationId: b.organizationId } })).toBe(0);
    expect((await world.google.requests()).total).toBe(0);
  });

  it('maps an ID token only to an organization that verified its domain: a claim alone maps nobody', async () => {
    // Org C lists nowhere.test (a Workspace nobody of C administers) without verifying it.
    const claimer = await createOrganization(world.db.prisma, { name: 'Org C' }, []);
    await world.db.prisma.workspaceDomain.create({ data: { organizationId: claimer.id, domain: 'nowhere.test' } });
    await createPerson(world.db.prisma, claimer.id, { email: 'zoe@nowhere.test' });
    const zoe = await as(world, 'zoe@nowhere.test');
    const refused = await zoe.get('/me');
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(claimer.id);
    // A's people still sign in to A.
    const ana = await as(world, ANA);
    expect((await ana.get('/me')).body.organization.id).toBe(world.organizationId);
  });
});
