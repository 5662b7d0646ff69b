import { z } from 'zod';
import type { AdminApiToken } from '../../store/generated/prisma/client.js';
import { id, instant } from './wire.js';

/** An admin token as the API shows it: never the token or its hash. */
export const adminTokenSchema = z
  .strictObject({
    id,
    name: z.string(),
    /** `tgc_` and 6 characters, to recognise the token in lists. */
    prefix: z.string(),
    active: z.boolean(),
    createdAt: instant,
    lastUsedAt: instant.nullable(),
    revokedAt: instant.nullable(),
  })
  .meta({ id: 'AdminToken', description: 'An admin API token: never the token itself or its hash.' });

/** An admin token as the API shows it: never the token or its hash. */
export function presentAdminToken(token: AdminApiToken): z.output<typeof adminTokenSchema> {
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
