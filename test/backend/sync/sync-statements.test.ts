// The statements syncs share (backend/domain/sync/sync-statements.ts): what one sync asks is answered
// for it alone, even when another tenant's sync asks the same in the same statement.
import { describe, expect, it } from '@jest/globals';
import { SyncStatements } from '../../../backend/domain/sync/sync-statements.js';
import { directSql } from '../../../backend/store/database.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createMatching, createOrganization, createSession } from '../../support/factories.js';
import { useWorld } from '../../support/use-world.js';

const world = useWorld<TestDatabase>(() => createTestDatabase());

describe('SyncStatements', () => {
  it("answers each sync's session lookup within its own organization, when two tenants' syncs share one statement", async () => {
    const { prisma } = world();
    const acme = await createOrganization(prisma);
    const globex = await createOrganization(prisma);
    const acmeSession = await createSession(prisma, await createMatching(prisma, acme.id), { googleEventId: 'shared-event-id' });
    const globexSession = await createSession(prisma, await createMatching(prisma, globex.id), { googleEventId: 'shared-event-id' });
    const statements = new SyncStatements(directSql(prisma));
    let statementsRun = 0;
    const counting = new SyncStatements({
      ...directSql(prisma),
      query: (sql, params) => {
        statementsRun++;
        return directSql(prisma).query(sql, params);
      },
    });

    // Both lookups in the same turn of the event loop: one statement answers them.
    const [forAcme, forGlobex, byProperty] = await Promise.all([
      counting.sessions.load({ organizationId: acme.id, eventIds: ['shared-event-id'], sessionIds: [] }),
      counting.sessions.load({ organizationId: globex.id, eventIds: ['shared-event-id'], sessionIds: [] }),
      // Acme's calendar naming Globex's session by our private property finds nothing either.
      counting.sessions.load({ organizationId: acme.id, eventIds: [], sessionIds: [globexSession.id] }),
    ]);
    expect(statementsRun).toBe(1);
    expect(forAcme.map((session) => session.id)).toEqual([acmeSession.id]);
    expect(forGlobex.map((session) => session.id)).toEqual([globexSession.id]);
    expect(byProperty).toEqual([]);

    // A session no longer followed (cancelled) is not returned.
    await prisma.mentoringSession.update({ where: { id: acmeSession.id }, data: { status: 'CANCELLED' } });
    expect(await statements.sessions.load({ organizationId: acme.id, eventIds: ['shared-event-id'], sessionIds: [] })).toEqual([]);
  });

  it('reads and settles many calendars in one statement each, every sync its own row', async () => {
    const { prisma } = world();
    const org = await createOrganization(prisma);
    const matching = await createMatching(prisma, org.id);
    const people = [matching.mentorId, matching.menteeId];
    const states = await Promise.all(
      people.map((personId, i) =>
        prisma.calendarSyncState.create({
          data: { organizationId: org.id, personId, calendarId: `calendar-${i}`, requestedCount: 3 + i, dirtySince: new Date(0) },
        }),
      ),
    );
    const statements = new SyncStatements(directSql(prisma));
    const read = await Promise.all([
      ...states.map((state) => statements.states.load(state.id)),
      statements.states.load(crypto.randomUUID()),
    ]);
    expect(read.map((row) => row?.requestedCount)).toEqual([3, 4, undefined]);
    expect(read[0]!.verifiedDomains).toEqual(org.domains.map((domain) => domain.domain));

    const finishedAt = new Date(60_000);
    // The first sync covered every notification; the second only two of its four (two came during its listing).
    await Promise.all([
      statements.settlements.load({ syncStateId: states[0]!.id, syncToken: 'next-0', coveredCount: 3, finishedAt }),
      statements.settlements.load({ syncStateId: states[1]!.id, syncToken: null, coveredCount: 2, finishedAt }),
    ]);
    const settled = await prisma.calendarSyncState.findMany({ where: { organizationId: org.id }, orderBy: { calendarId: 'asc' } });
    expect(settled.map((s) => [s.syncToken, s.syncedCount, s.dirtySince?.getTime() ?? null, s.lastLagMs])).toEqual([
      ['next-0', 3, null, 60_000],
      [null, 2, 0, 60_000],
    ]);
  });
});
