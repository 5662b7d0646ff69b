import { timingSafeEqual } from 'node:crypto';
import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { TOKEN_PATTERN, hashToken } from './token-secret.js';

/** Who is calling the admin API: one token of one organization. */
export interface AdminPrincipal {
  tokenId: string;
  organizationId: string;
}

/** lastUsedAt is written at most this often per token, so reads stay reads. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves a presented admin token to its organization. Unknown, malformed and revoked tokens all
 * fail the same way, so a caller learns nothing about which tokens exist.
 */
export async function authenticateAdminToken(deps: DomainDeps, input: { token: string }): Promise<AdminPrincipal> {
  if (!TOKEN_PATTERN.test(input.token)) throw unauthenticated();
  const tokenHash = hashToken(input.token);
  // The lookup goes through the unique index on the hash; the compare below is belt and braces.
  const row = await deps.prisma.adminApiToken.findUnique({ where: { tokenHash } });
  if (!row || row.revokedAt || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(tokenHash))) throw unauthenticated();

  const now = deps.clock();
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    // Conditional, so concurrent requests write once; revocation in between is respected.
    await deps.prisma.adminApiToken.updateMany({
      where: { id: row.id, revokedAt: null, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { tokenId: row.id, organizationId: row.organizationId };
}

function unauthenticated(): AppError {
  return new AppError(
    'unauthenticated',
    'A valid admin API token is required: send "Authorization: Bearer tgc_…". Create one with `npm run admin:token`.',
  );
}
