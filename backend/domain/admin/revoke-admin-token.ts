import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { AdminApiToken } from '../../store/generated/prisma/client.js';

export interface RevokeAdminTokenInput {
  organizationId: string;
  tokenId: string;
  actor: Actor;
}

/**
 * Revokes a token of the organization; it stops working at once, and so do the console sessions
 * signed in with it (ended in the same transaction). Revoking a revoked token changes nothing. A token may revoke itself; `npm run admin:token` issues a new one if none is left.
 */
export async function revokeAdminToken(deps: DomainDeps, input: RevokeAdminTokenInput): Promise<AdminApiToken> {
  return deps.prisma.$transaction(async (tx) => {
    const where = { id: input.tokenId, organizationId: input.organizationId };
    const at = deps.clock();
    // Conditional update: of two concurrent revocations exactly one writes (and audits).
    const { count } = await tx.adminApiToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: at } });
    const token = await tx.adminApiToken.findFirst({ where });
    if (!token) throw new AppError('not_found', 'No such admin token in this organization.');
    if (count === 1) {
      await tx.consoleSession.updateMany({
        where: { organizationId: input.organizationId, tokenId: token.id, endedAt: null },
        data: { endedAt: at },
      });
      await writeAuditEntry(tx, {
        organizationId: input.organizationId,
        actor: input.actor,
        action: 'admin_token.revoked',
        target: { type: 'AdminApiToken', id: token.id },
        details: { name: token.name, prefix: token.prefix },
        at,
      });
    }
    return token;
  });
}
