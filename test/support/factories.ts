import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../backend/store/database.js';
import type { Prisma } from '../../backend/store/generated/prisma/client.js';

/** Monday to Friday, 09:00–17:00. */
export const OFFICE_HOURS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['09:00', '17:00']]]));

const unique = () => randomUUID().slice(0, 8);

export async function createOrganization(
  prisma: PrismaClient,
  overrides: Partial<Prisma.OrganizationUncheckedCreateInput> = {},
  domains: string[] = [`${unique()}.example.com`],
) {
  return prisma.organization.create({
    data: { name: `Org ${unique()}`, ...overrides, domains: { create: domains.map((domain) => ({ domain, verifiedAt: new Date() })) } },
    include: { domains: true },
  });
}

export async function createPerson(
  prisma: PrismaClient,
  organizationId: string,
  overrides: Partial<Prisma.PersonUncheckedCreateInput> = {},
) {
  const id = unique();
  return prisma.person.create({
    data: {
      organizationId,
      email: `person-${id}@example.com`,
      displayName: `Person ${id}`,
      timeZone: 'Europe/Madrid',
      workingHours: OFFICE_HOURS,
      ...overrides,
    },
  });
}

export async function createProgram(
  prisma: PrismaClient,
  organizationId: string,
  overrides: Partial<Prisma.ProgramUncheckedCreateInput> = {},
) {
  return prisma.program.create({ data: { organizationId, name: `Program ${unique()}`, ...overrides } });
}

/** A matching with a fresh mentor, mentee and program unless given. */
export async function createMatching(
  prisma: PrismaClient,
  organizationId: string,
  overrides: Partial<Prisma.MatchingUncheckedCreateInput> = {},
) {
  const programId = overrides.programId ?? (await createProgram(prisma, organizationId)).id;
  const mentorId = overrides.mentorId ?? (await createPerson(prisma, organizationId)).id;
  const menteeId = overrides.menteeId ?? (await createPerson(prisma, organizationId, { timeZone: 'America/Los_Angeles' })).id;
  return prisma.matching.create({ data: { organizationId, programId, mentorId, menteeId, ...overrides } });
}

/** A confirmed session of a matching, organized by the mentor, an hour long, tomorrow at 10:00 UTC. */
export async function createSession(
  prisma: PrismaClient,
  matching: { id: string; organizationId: string; mentorId: string; menteeId: string },
  overrides: Partial<Prisma.MentoringSessionUncheckedCreateInput> = {},
) {
  const start = new Date(Date.now() + 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  const count = await prisma.mentoringSession.count({ where: { matchingId: matching.id } });
  return prisma.mentoringSession.create({
    data: {
      organizationId: matching.organizationId,
      matchingId: matching.id,
      organizerId: matching.mentorId,
      attendeeId: matching.menteeId,
      sequenceNumber: count + 1,
      startAt: start,
      endAt: new Date(start.getTime() + 3_600_000),
      status: 'CONFIRMED',
      operation: 'NONE',
      ...overrides,
    },
  });
}

/** An admin API token of an organization; returns the stored row and the secret to send. */
export async function createAdminToken(
  prisma: PrismaClient,
  organizationId: string,
  overrides: Partial<Prisma.AdminApiTokenUncheckedCreateInput> = {},
) {
  const { generateTokenSecret } = await import('../../backend/domain/admin/token-secret.js');
  const { token, tokenHash, prefix } = generateTokenSecret();
  const record = await prisma.adminApiToken.create({
    data: { organizationId, name: `Token ${unique()}`, tokenHash, prefix, ...overrides },
  });
  return { record, token };
}
