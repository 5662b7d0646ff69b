import { describe, expect, it } from '@jest/globals';
import { activeVerdict } from '../../../backend/domain/integration/access-classification.js';
import { recordPersonChecks, RunStopped, type PersonCheck } from '../../../backend/domain/integration/record-person-check.js';
import { runIntegrationTest } from '../../../backend/domain/integration/run-integration-test.js';
import { control, createTestOrganization, eventually, queuedRun, runnerDeps, useTestWorkspace } from './support.js';

const world = useTestWorkspace();

describe('outcomes stored a batch at a time', () => {
  it('counts a person an earlier attempt already recorded once, and keeps their first outcome', async () => {
    const { organization } = await createTestOrganization(world, { unverified: ['acme.test'] });
    const run = await queuedRun(world, organization.id);
    await world.db.prisma.integrationTestRun.update({ where: { id: run.id }, data: { status: 'RUNNING' } });
    const people = await world.db.prisma.person.findMany({
      where: { organizationId: organization.id, email: { in: ['ana@acme.test', 'ben@acme.test', 'dee@acme.test'] } },
      orderBy: { email: 'asc' },
    });
    const check = (index: number, timeZone: string): PersonCheck => ({
      personId: people[index]!.id,
      email: people[index]!.email,
      verdict: activeVerdict(timeZone),
      checkedAt: world.clock.now(),
    });
    const deps = { prisma: world.db.prisma, clock: world.clock.now };
    await recordPersonChecks(deps, {
      organizationId: organization.id,
      runId: run.id,
      checks: [check(0, 'Europe/Madrid'), check(1, 'UTC')],
    });
    await recordPersonChecks(deps, { organizationId: organization.id, runId: run.id, checks: [check(1, 'Asia/Tokyo'), check(2, 'UTC')] });
    expect(await world.db.prisma.integrationTestRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ checked: 3, active: 3 });
    const ben = await world.db.prisma.integrationTestResult.findUniqueOrThrow({
      where: { runId_personId: { runId: run.id, personId: people[1]!.id } },
    });
    expect(ben.googleTimeZone).toBe('UTC');
    const access = await world.db.prisma.personCalendarAccess.findMany({
      where: { organizationId: organization.id, personId: { in: people.map((p) => p.id) } },
    });
    expect(access.map((a) => [a.personId, a.status, a.googleTimeZone]).sort()).toEqual(
      [
        [people[0]!.id, 'ACTIVE', 'Europe/Madrid'],
        [people[1]!.id, 'ACTIVE', 'UTC'],
        [people[2]!.id, 'ACTIVE', 'UTC'],
      ].sort(),
    );
    // Delegation working proves nothing about whose domain it is: only a Workspace admin's sign-in verifies one.
    expect(
      (await world.db.prisma.workspaceDomain.findFirstOrThrow({ where: { organizationId: organization.id, domain: 'acme.test' } }))
        .verifiedAt,
    ).toBeNull();
  });

  it('writes nothing once the run is no longer running', async () => {
    const { organization } = await createTestOrganization(world);
    const run = await queuedRun(world, organization.id);
    await world.db.prisma.integrationTestRun.update({ where: { id: run.id }, data: { status: 'CANCELLED', activeLock: null } });
    const person = await world.db.prisma.person.findFirstOrThrow({ where: { organizationId: organization.id, email: 'ana@acme.test' } });
    const checks = [{ personId: person.id, email: person.email, verdict: activeVerdict('UTC'), checkedAt: world.clock.now() }];
    await expect(
      recordPersonChecks({ prisma: world.db.prisma, clock: world.clock.now }, { organizationId: organization.id, runId: run.id, checks }),
    ).rejects.toBeInstanceOf(RunStopped);
    expect(await world.db.prisma.integrationTestResult.count({ where: { runId: run.id } })).toBe(0);
    expect(await world.db.prisma.personCalendarAccess.count({ where: { organizationId: organization.id, personId: person.id } })).toBe(0);
  });

  it('shows progress while the run goes on (one person a batch)', async () => {
    const { organization } = await createTestOrganization(world);
    const run = await queuedRun(world, organization.id);
    await control(world).setFaults({ latency: { kind: 'fixed', ms: 100 } });
    try {
      const running = runIntegrationTest(runnerDeps(world, { concurrency: 1, batch: { maxPeople: 1, maxWaitMs: 10_000 } }), {
        runId: run.id,
      });
      await eventually(async () => {
        const { checked, total } = await world.db.prisma.integrationTestRun.findUniqueOrThrow({ where: { id: run.id } });
        return checked > 0 && checked < total;
      });
      expect((await running)?.status).toBe('COMPLETED');
    } finally {
      await control(world).clearFaults();
    }
  });
});
