import type { AccessStatus } from '../../../backend/store/generated/prisma/client.js';
import { WorldClock } from '../../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createOrganization, createPerson } from '../../support/factories.js';

/**
 * A health test file's world: its database and its one clock, which the backend's `clock`
 * dependency reads and from which the rows the tests write take their times. Tests move it by
 * durations (`clock.advance`), never to a date.
 */
export interface HealthWorld {
  db: TestDatabase;
  clock: WorldClock;
}

/** A fresh database, and a clock starting at the process's instant. */
export async function startHealthWorld(): Promise<HealthWorld> {
  return { db: await createTestDatabase(), clock: new WorldClock() };
}

export { eventually } from '../../support/eventually.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An organization whose integration completed its setup, with people in the given access states;
 * last tested now on the world's clock unless `lastTestedAt` says otherwise.
 */
export async function createMonitoredOrganization(
  world: HealthWorld,
  statuses: AccessStatus[],
  options: { ownerEmail?: string | null; wizardStep?: 'TEST' | 'DONE'; lastTestedAt?: Date | null; name?: string } = {},
) {
  const { prisma } = world.db;
  const organization = await createOrganization(prisma, options.name ? { name: options.name } : {});
  await prisma.calendarIntegration.create({
    data: {
      organizationId: organization.id,
      vendor: 'GOOGLE_CALENDAR',
      method: 'DOMAIN_WIDE',
      ownerEmail: options.ownerEmail === undefined ? 'owner@acme.example' : options.ownerEmail,
      wizardStep: options.wizardStep ?? 'DONE',
      status: options.wizardStep === 'TEST' ? 'CONFIGURING' : 'ACTIVE',
      lastTestedAt: options.lastTestedAt === undefined ? world.clock.now() : options.lastTestedAt,
    },
  });
  const people = [];
  for (const status of statuses) {
    const person = await createPerson(prisma, organization.id);
    await setAccess(world, organization.id, [person.id], status);
    people.push(person);
  }
  return { organization, people };
}

/** Sets people's current access, checked now on the world's clock, as an integration test would. */
export async function setAccess(world: HealthWorld, organizationId: string, personIds: string[], status: AccessStatus) {
  const failing = status !== 'ACTIVE' && status !== 'UNKNOWN';
  const fields = {
    status,
    reason: failing ? `Reason ${status}` : null,
    fix: failing ? `Fix for ${status}: do the thing in the Admin console` : null,
    checkedAt: world.clock.now(),
  };
  for (const personId of personIds) {
    await world.db.prisma.personCalendarAccess.upsert({
      where: { organizationId_personId: { organizationId, personId } },
      create: { organizationId, personId, ...fields },
      update: fields,
    });
  }
}
