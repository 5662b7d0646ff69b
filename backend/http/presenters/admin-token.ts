import type { AdminApiToken } from '../../store/generated/prisma/client.js';

/** An admin token as the API shows it: never the token or its hash. */
export function presentAdminToken(token: AdminApiToken) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    active: token.revokedAt === null,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}
