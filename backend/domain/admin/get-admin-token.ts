import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { AdminApiToken } from '../../store/generated/prisma/client.js';

/** One admin token of an organization (e.g. the caller's own, for "who am I"). */
export async function getAdminToken(deps: DomainDeps, input: { organizationId: string; tokenId: string }): Promise<AdminApiToken> {
  const token = await deps.prisma.adminApiToken.findFirst({ where: { id: input.tokenId, organizationId: input.organizationId } });
  if (!token) throw new AppError('not_found', 'No such admin token in this organization.');
  return token;
}
