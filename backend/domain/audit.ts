import type { Actor, Tx } from './deps.js';
import type { Prisma } from '../store/generated/prisma/client.js';

/** One audit-log line; details must never hold a secret. */
export interface AuditEntryInput {
  organizationId: string;
  actor: Actor;
  /** Dotted verb, e.g. `integration.vendor.set`. */
  action: string;
  target?: { type: string; id?: string | null };
  details?: Prisma.InputJsonValue;
  at: Date;
}

/** Writes an audit entry inside the caller's transaction, so it exists exactly when the change does. */
export async function writeAuditEntry(tx: Tx, entry: AuditEntryInput): Promise<void> {
  await tx.auditLogEntry.create({
    data: {
      organizationId: entry.organizationId,
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      ...(entry.details === undefined ? {} : { details: entry.details }),
      createdAt: entry.at,
    },
  });
}
