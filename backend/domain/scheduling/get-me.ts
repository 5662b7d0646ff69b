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
      organization: {
        include: { domains: { where: { verifiedAt: { not: null } }, select: { domain: true } }, integration: { select: { method: true } } },
      },
      calendarAccess: true,
      calendarConnection: { select: { status: true, connectedAt: true } },
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
  const method = person.organization.integration?.method ?? null;
  const perUser = method === 'PER_USER';
  // Per-user: connected means a stored connection Google still honours (as far as Together last saw).
  const connection = perUser ? (person.calendarConnection?.status ?? ('NOT_CONNECTED' as const)) : null;
  const calendarConnected = isConnected(person, verifiedDomains) && (!perUser || connection === 'CONNECTED');
  return {
    person,
    organization: person.organization,
    matchings,
    calendarConnected,
    calendarConnection: { method, status: connection, connectedAt: perUser ? (person.calendarConnection?.connectedAt ?? null) : null },
  };
}
