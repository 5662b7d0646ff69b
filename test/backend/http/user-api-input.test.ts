import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import request from 'supertest';
import { expectStatus } from '../../support/app.js';
import { createAdminToken, createSession } from '../../support/factories.js';
import { as, idToken, startWorld } from '../scheduling/support.js';

const world = useWorld(() => startWorld());

const BAD_ZONES = ['Mars/Olympus_Mons', '+01:00', 'not a zone', 'Europe/Madrid/Extra'];

describe('time zones the user API is given', () => {
  it.each(BAD_ZONES)('refuses timeZone=%s on reads with 400 invalid_time_zone', async (zone) => {
    const ana = await as(world(), world().mentor.email);
    for (const path of ['/sessions/upcoming', `/matchings/${world().matchingId}/slots`]) {
      const response = await ana.get(`${path}?timeZone=${encodeURIComponent(zone)}`);
      expectStatus(response, 400);
      expect(response.body.error).toMatchObject({
        code: 'invalid_request',
        details: { location: 'query', issues: [{ field: 'timeZone', code: 'invalid_time_zone' }] },
      });
    }
  });

  it('refuses an invalid timeZone in a write body before doing anything', async () => {
    const ana = await as(world(), world().mentor.email);
    const response = await ana.post(`/matchings/${world().matchingId}/sessions`, {
      start: '2027-03-02T10:00:00Z',
      durationMinutes: 30,
      timeZone: 'Mars/Olympus_Mons',
    });
    expectStatus(response, 400);
    expect(response.body.error.details.issues).toEqual([expect.objectContaining({ field: 'timeZone', code: 'invalid_time_zone' })]);
    expect(await world().db.prisma.mentoringSession.count({ where: { matchingId: world().matchingId } })).toBe(0);
  });

  it('takes a zone in any case and answers in its canonical spelling', async () => {
    const ana = await as(world(), world().mentor.email);
    const response = await ana.get('/sessions/upcoming?timeZone=asia/tokyo');
    expectStatus(response, 200);
    const slots = await ana.get(`/matchings/${world().matchingId}/slots?timeZone=america/new_york`);
    expectStatus(slots, 200);
    expect(slots.body.timeZone).toBe('America/New_York');
  });

  it('refuses an invalid timeZone on the admin session routes too', async () => {
    const matching = await world().db.prisma.matching.findUniqueOrThrow({ where: { id: world().matchingId } });
    const session = await createSession(world().db.prisma, matching, {
      startAt: new Date('2027-03-10T10:00:00Z'),
      endAt: new Date('2027-03-10T11:00:00Z'),
    });
    const { token } = await createAdminToken(world().db.prisma, world().organizationId);
    const response = await request(world().app)
      .post(`/admin/v1/organizations/${world().organizationId}/sessions/${session.id}/cancel`)
      .set('Authorization', `Bearer ${token}`)
      .send({ version: session.version, timeZone: 'Mars/Olympus_Mons' });
    expectStatus(response, 400);
    expect(response.body.error.details.issues).toEqual([expect.objectContaining({ field: 'timeZone', code: 'invalid_time_zone' })]);
    expect((await world().db.prisma.mentoringSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('CONFIRMED');
  });
});

describe('user API bodies', () => {
  it('are read only after the ID token is verified', async () => {
    const malformed = await request(world().app)
      .post(`/addon/v1/matchings/${world().matchingId}/sessions`)
      .set('content-type', 'application/json')
      .send('{"start":');
    expectStatus(malformed, 401);
    const forged = await request(world().app)
      .post(`/addon/v1/matchings/${world().matchingId}/sessions`)
      .set('Authorization', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln')
      .set('content-type', 'application/json')
      .send('x'.repeat(500_000));
    expectStatus(forged, 401);
  });

  it('must be JSON: a form body is 415 and books nothing', async () => {
    const token = await idToken(world(), world().mentor.email);
    const sessionsBefore = await world().db.prisma.mentoringSession.count({ where: { matchingId: world().matchingId } });
    const response = await request(world().app)
      .post(`/addon/v1/matchings/${world().matchingId}/sessions`)
      .set('Authorization', `Bearer ${token}`)
      .type('form')
      .send('start=2027-03-02T10:00:00Z&durationMinutes=30');
    expectStatus(response, 415);
    expect(response.body.error.code).toBe('unsupported_media_type');
    expect(await world().db.prisma.mentoringSession.count({ where: { matchingId: world().matchingId } })).toBe(sessionsBefore);
  });

  it('are capped at 100 kB', async () => {
    const ana = await as(world(), world().mentor.email);
    const response = await ana.post(`/sessions/00000000-0000-4000-8000-000000000000/cancel`, { version: 1, reason: 'x'.repeat(120_000) });
    expectStatus(response, 413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('answers with Cache-Control: no-store', async () => {
    const ana = await as(world(), world().mentor.email);
    const me = await ana.get('/me');
    expectStatus(me, 200);
    expect(me.headers['cache-control']).toBe('no-store');
    const anonymous = await request(world().app).get('/addon/v1/me');
    expectStatus(anonymous, 401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });
});
