import { AppError } from '../errors.js';
import { isConnected } from './availability.js';
import type { UserPrincipal } from './access.js';
import type { DomainDeps } from '../deps.js';

/** The signed-in person, their organization and their active matchings with program and match. */
export async function getMe(deps: DomainDeps, input: { viewer: UserPrincipal }) {
  const { organizationId, personId } = input.viewer;
  const person = await deps.prisma.person.findFirst({
    where: { id: personId, organizationId },
    include: {
      organization: { include: { domains: { where: { verifiedAt: { not: null } }, select: { domain: true } } } },
      calendarAccess: true,
      mentorOf: { where: { organizationId, status: 'ACTIVE' }, include: { program: true, mentee: true }, orderBy: { createdAt: 'asc' } },
      menteeOf: { where: { organizationId, status: 'ACTIVE' }, include: { program: true, mentor: true }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!person) throw new AppError('forbidden', 'Your Google account is not a member of a Together organization here.');
  const matchings = [
    ...person.mentorOf.map((m) => ({ matching: m, role: 'mentor' as const, program: m.program, match: m.mentee })),
    ...person.menteeOf.map((m) => ({ matching: m, role: 'mentee' as const, program: m.program, match: m.mentor })),
  ];
  const verifiedDomains = person.organization.domains.map((d) => d.domain);
  return { person, organization: person.organization, matchings, calendarConnected: isConnected(person, verifiedDomains) };
}
