import type { AuditLogEntry } from '../../store/generated/prisma/client.js';

/** Who did what, to what, when. */
export function presentAuditEntry(entry: AuditLogEntry) {
  return {
    id: entry.id,
    at: entry.createdAt,
    actor: { type: entry.actorType, id: entry.actorId },
    action: entry.action,
    target: entry.targetType ? { type: entry.targetType, id: entry.targetId } : null,
    details: entry.details,
  };
}
