import { describe, expect, it } from '@jest/globals';
import { createMatching } from '../../support/factories.js';
import { as, DOMAIN, eventsOf } from './support.js';
import { useWorld } from './use-world.js';

const world = useWorld();
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;
const CLEO = `cleo@${DOMAIN}`;

/** Sessions events of a calendar that start at `start` and are not cancelled. */
const liveEventsAt = async (email: string, start: Date) =>
  (await eventsOf(world(), email)).filter(
    (e) => e.status !== 'cancelled' && new Date((e.start as { dateTime: string }).dateTime).getTime() === start.getTime(),
  );

async function bookAll(requests: Array<{ email: string; matchingId: string }>, start: Date) {
  const users = new Map(
    await Promise.all([...new Set(requests.map((r) => r.email))].map(async (email) => [email, await as(world(), email)] as const)),
  );
  return Promise.all(
    requests.map(({ email, matchingId }) =>
      users.get(email)!.post(`/matchings/${matchingId}/sessions`, { start: start.toISOString(), durationMinutes: 30 }),
    ),
  );
}

function expectOneBooked(responses: Array<{ status: number; body: { error?: { code: string; details?: { reason?: string } } } }>) {
  expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
  const refused = responses.filter((r) => r.status !== 201);
  for (const response of refused)
    expect([response.status, response.body.error?.code, response.body.error?.details?.reason]).toEqual([409, 'slot_unavailable', 'busy']);
}

describe('one session per person per slot, under any concurrency', () => {
  it('books one of 20 simultaneous requests of one slot by both members of a matching', async () => {
    const start = world().days.next().at('16:00');
    const responses = await bookAll(
      Array.from({ length: 20 }, (_, i) => ({ email: i % 2 ? BEN : ANA, matchingId: world().matchingId })),
      start,
    );
    expectOneBooked(responses);
    expect(await liveEventsAt(ANA, start)).toHaveLength(1);
    expect(await liveEventsAt(BEN, start)).toHaveLength(1);
    expect(await world().db.prisma.mentoringSession.count({ where: { startAt: start, status: { in: ['PENDING', 'CONFIRMED'] } } })).toBe(1);
  });

  it('books one session when two matchings that share a person ask for the same time', async () => {
    // Cleo works Ana's hours for this test, so both of Ana's matchings can meet at 16:00 UTC.
    const cleo = await world().db.prisma.person.update({
      where: { organizationId_email: { organizationId: world().organizationId, email: CLEO } },
      data: { workingHours: (await world().db.prisma.person.findUniqueOrThrow({ where: { id: world().mentor.id } })).workingHours ?? {} },
    });
    const second = await createMatching(world().db.prisma, world().organizationId, {
      programId: world().programId,
      mentorId: world().mentor.id,
      menteeId: cleo.id,
    });
    const start = world().days.next().at('16:30');
    const requests = Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? { email: i % 4 === 1 ? BEN : ANA, matchingId: world().matchingId }
        : { email: i % 4 === 0 ? CLEO : ANA, matchingId: second.id },
    );
    const responses = await bookAll(requests, start);
    expectOneBooked(responses);
    expect(await liveEventsAt(ANA, start)).toHaveLength(1);
    expect((await liveEventsAt(BEN, start)).length + (await liveEventsAt(CLEO, start)).length).toBe(1);
  });

  it('moves one of two sessions onto a time both ask for at once', async () => {
    const day = world().days.next();
    const ana = await as(world(), ANA);
    const first = await ana.post(`/matchings/${world().matchingId}/sessions`, {
      start: day.at('16:00').toISOString(),
      durationMinutes: 30,
    });
    const second = await ana.post(`/matchings/${world().matchingId}/sessions`, {
      start: day.at('17:00').toISOString(),
      durationMinutes: 30,
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    const target = day.at('16:30').toISOString();
    const moves = await Promise.all(
      [first, second].map((booked) =>
        ana.post(`/sessions/${booked.body.session.id}/reschedule`, { version: booked.body.session.version, start: target }),
      ),
    );
    expect(moves.map((m) => m.status).sort()).toEqual([200, 409]);
    expect(moves.find((m) => m.status === 409)!.body.error.code).toBe('slot_unavailable');
    expect(await liveEventsAt(ANA, day.at('16:30'))).toHaveLength(1);
  });
});
