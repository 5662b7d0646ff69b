import type { DomainDeps } from '../deps.js';
import type { AdminApiToken } from '../../store/generated/prisma/client.js';

/** Every admin token of an organization, revoked ones included, newest first. */
export async function listAdminTokens(deps: DomainDeps, input: { organizationId: string }): Promise<AdminApiToken[]> {
  return deps.prisma.adminApiToken.findMany({
    where: { organizationId: input.organizationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}
