import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Organization, WorkspaceDomain } from '../../store/generated/prisma/client.js';

export type OrganizationWithDomains = Organization & { domains: WorkspaceDomain[] };

/** An organization and its Workspace domains. */
export async function getOrganization(deps: DomainDeps, input: { organizationId: string }): Promise<OrganizationWithDomains> {
  const organization = await deps.prisma.organization.findUnique({
    where: { id: input.organizationId },
    include: { domains: { orderBy: { domain: 'asc' } } },
  });
  if (!organization) throw new AppError('not_found', 'The organization does not exist.');
  return organization;
}
