import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { expectStatus } from '../../support/app.js';
import { createAdminToken, createMatching, createOrganization, createPerson } from '../../support/factories.js';
import { localIso, zonedInstant } from '../../support/clock.js';
import { as, DOMAIN, eventOf } from './support.js';
import { useWorld } from './use-world.js';

const world = useWorld();
const ANA = `ana@${DOMAIN}`;
const MADRID = 'Europe/Madrid';
const hours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]));

const freebusyCalls = async () => (await world().google.requests()).perMethod['calendar.freebusy.query'] ?? 0;

async function outsider(email: string) {
  const person = await createPerson(world().db.prisma, world().organizationId, {
    email,
    displayName: email,
    timeZone: 'Europe/Madrid',
    workingHours: hours,
  });
  await world().db.prisma.personCalendarAccess.create({
    data: { organizationId: world().organizationId, personId: person.id, status: 'NOT_IN_WORKSPACE' },
  });
  return person;
}

describe('partial integration', () => {
  it("only the booker integrated: the booker's own availability, flagged", async () => {
    const eve = await outsider(`eve@${DOMAIN}`);
    const matching = await createMatching(world().db.prisma, world().organizationId, {
      programId: world().programId,
      mentorId: world().mentor.id,
      menteeId: eve.id,
    });
    const day = world().days.next();
    const ana = await as(world(), ANA);
    const response = await ana.get(`/matchings/${matching.id}/slots?duration=30&from=${day.range.from}&to=${day.range.to}`);
    expectStatus(response, 200);
    expect(response.body).toMatchObject({ checked: { viewer: true, match: false }, unchecked: false });
    // Ana and Eve both work from 09:00 in Madrid.
    expect(response.body.slots[0].start).toBe(zonedInstant(day.date, '09:00', MADRID).toISOString());
    expect(await freebusyCalls()).toBe(1);
  });

  it('neither integrated: working-hour slots flagged unchecked, no Google call; booking is refused', async () => {
    const fay = await outsider(`fay@${DOMAIN}`);
    const gil = await outsider(`gil@${DOMAIN}`);
    const matching = await createMatching(world().db.prisma, world().organizationId, {
      programId: world().programId,
      mentorId: fay.id,
      menteeId: gil.id,
    });
    const verifier = {
      verify: async (token: string) => ({ email: token, emailVerified: true, hostedDomain: DOMAIN, subject: token, audience: 'x' }),
    };
    const { createTestApp } = await import('../../support/app.js');
    const { app } = createTestApp(world().db, { clock: world().deps.clock, userApi: { ...world().deps, verifier } });
    const day = world().days.next();
    const opening = zonedInstant(day.date, '09:00', MADRID);
    const response = await request(app)
      .get(`/addon/v1/matchings/${matching.id}/slots?duration=60&from=${day.range.from}&to=${day.range.to}`)
      .set('Authorization', `Bearer ${fay.email}`);
    expectStatus(response, 200);
    expect(response.body).toMatchObject({ checked: { viewer: false, match: false }, unchecked: true });
    expect(response.body.slots[0]).toMatchObject({ start: opening.toISOString(), startLocal: localIso(opening, MADRID) });
    expect(await freebusyCalls()).toBe(0);
    const booking = await request(app)
      .post(`/addon/v1/matchings/${matching.id}/sessions`)
      .set('Authorization', `Bearer ${fay.email}`)
      .send({ start: day.at('09:00').toISOString(), durationMinutes: 60 });
    expectStatus(booking, 409);
    expect(booking.body.error.code).toBe('calendar_not_connected');
  });
});

describe('Together admins acting for users', () => {
  it('book, move and cancel a session for its members, with audit entries; other organizations see nothing', async () => {
    const { token } = await createAdminToken(world().db.prisma, world().organizationId);
    const base = `/admin/v1/organizations/${world().organizationId}`;
    const admin = (method: 'get' | 'post', path: string, body?: object) =>
      request(world().app)[method](`${base}${path}`).set('Authorization', `Bearer ${token}`).send(body);

    const day = world().days.next();
    const booked = await admin('post', `/matchings/${world().matchingId}/sessions`, {
      bookerId: world().mentee.id,
      start: day.at('16:00').toISOString(),
      durationMinutes: 30,
    });
    expectStatus(booked, 201);
    const session = booked.body.session;
    expect(session).toMatchObject({
      status: 'CONFIRMED',
      organizer: { id: world().mentee.id },
      attendee: { id: world().mentor.id },
      role: null,
    });
    const moved = await admin('post', `/sessions/${session.id}/reschedule`, {
      version: session.version,
      start: day.at('17:00').toISOString(),
    });
    expectStatus(moved, 200);
    expect(new Date((await eventOf(world(), `ben@${DOMAIN}`, session.calendar.eventId)).start.dateTime).toISOString()).toBe(
      day.at('17:00').toISOString(),
    );
    const stale = await admin('post', `/sessions/${session.id}/cancel`, { version: session.version });
    expect(stale.body.error.code).toBe('version_conflict');
    const cancelled = await admin('post', `/sessions/${session.id}/cancel`, {
      version: moved.body.session.version,
      reason: 'Program paused',
    });
    expectStatus(cancelled, 200);
    expect(cancelled.body.session.status).toBe('CANCELLED');
    const actions = await world().db.prisma.auditLogEntry.findMany({
      where: { organizationId: world().organizationId, targetId: session.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(['session.book', 'session.cancel', 'session.reschedule']);

    const other = await createOrganization(world().db.prisma);
    const foreign = await createAdminToken(world().db.prisma, other.id);
    const peek = await request(world().app)
      .get(`/admin/v1/organizations/${other.id}/sessions/${session.id}`)
      .set('Authorization', `Bearer ${foreign.token}`);
    expectStatus(peek, 404);
    const book = await request(world().app)
      .post(`/admin/v1/organizations/${other.id}/matchings/${world().matchingId}/sessions`)
      .set('Authorization', `Bearer ${foreign.token}`)
      .send({ bookerId: world().mentor.id, start: day.at('16:30').toISOString(), durationMinutes: 30 });
    expectStatus(book, 404);
  });
});
