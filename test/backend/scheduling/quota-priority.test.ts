import { describe, expect, it } from '@jest/globals';
import { expectStatus } from '../../support/app.js';
import { as, DOMAIN } from './support.js';
import { useWorld } from './use-world.js';

const world = useWorld();
const ANA = `ana@${DOMAIN}`;

describe("a person's requests and the shared Google budget", () => {
  it('availability and booking spend the shared buckets at interactive priority, as the people they act for', async () => {
    world().googleCalls.length = 0;
    const day = world().days.next();
    const ana = await as(world(), ANA);
    expectStatus(
      await ana.get(
        `/matchings/${world().matchingId}/slots?duration=60&from=${day.at('00:00').toISOString()}&to=${day.at('23:00').toISOString()}`,
      ),
      200,
    );
    const booked = await ana.post(`/matchings/${world().matchingId}/sessions`, {
      start: day.at('16:00').toISOString(),
      durationMinutes: 60,
    });
    expectStatus(booked, 201);

    const methods = new Set(world().googleCalls.map((call) => call.method));
    expect([...methods]).toEqual(expect.arrayContaining(['calendar.freebusy.query', 'calendar.events.insert']));
    expect(world().googleCalls.every((call) => call.priority === 'interactive')).toBe(true);
    expect(world().googleCalls.every((call) => call.subject === ANA)).toBe(true);
    const buckets = await world().db.prisma.googleQuotaBucket.findMany({ select: { key: true } });
    expect(buckets.map((bucket) => bucket.key).sort()).toEqual(['project', `user:${ANA}`]);
  });
});
