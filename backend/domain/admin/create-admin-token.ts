import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps, Tx } from '../deps.js';
import { AppError } from '../errors.js';
import type { AdminApiToken } from '../../store/generated/prisma/client.js';
import { generateTokenSecret } from './token-secret.js';

export interface CreateAdminTokenInput {
  organizationId: string;
  /** A label for people, e.g. "HR system sync". */
  name: string;
  actor: Actor;
}

/** A new token: the stored record and the secret, which is never available again. */
export interface CreatedAdminToken {
  record: AdminApiToken;
  token: string;
}

/** Issues another admin token for an organization. */
export async function createAdminToken(deps: DomainDeps, input: CreateAdminTokenInput): Promise<CreatedAdminToken> {
  return deps.prisma.$transaction(async (tx) => {
    const organization = await tx.organization.findUnique({ where: { id: input.organizationId }, select: { id: true } });
    if (!organization) throw new AppError('not_found', 'The organization does not exist.');
    return issueAdminToken(tx, { ...input, at: deps.clock() });
  });
}

/** Creates the token row and its audit entry inside the caller's transaction. */
export async function issueAdminToken(tx: Tx, input: CreateAdminTokenInput & { at: Date }): Promise<CreatedAdminToken> {
  const { token, tokenHash, prefix } = generateTokenSecret();
  const record = await tx.adminApiToken.create({
    data: { organizationId: input.organizationId, name: input.name, tokenHash, prefix, createdAt: input.at },
  });
  await writeAuditEntry(tx, {
    organizationId: input.organizationId,
    actor: input.actor,
    action: 'admin_token.created',
    target: { type: 'AdminApiToken', id: record.id },
    details: { name: record.name, prefix: record.prefix },
    at: input.at,
  });
  return { record, token };
}
