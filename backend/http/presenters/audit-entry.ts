import { z } from 'zod';
import type { AuditLogEntry } from '../../store/generated/prisma/client.js';
import { instant, id, json } from './wire.js';

/** Who did what, to what, when. */
export const auditEntrySchema = z
  .strictObject({
    id,
    at: instant,
    actor: z.strictObject({ type: z.enum(['ADMIN_TOKEN', 'USER', 'SYSTEM']), id: z.string().nullable() }),
    /** `admin_token.created`, `integration.setup.finalized`, … (backend/http/admin/README.md › Audit log). */
    action: z.string(),
    target: z.strictObject({ type: z.string(), id: z.string().nullable() }).nullable(),
    details: json,
  })
  .meta({ id: 'AuditEntry', description: 'Who changed what, when.' });

/** Who did what, to what, when. */
export function presentAuditEntry(entry: AuditLogEntry): z.output<typeof auditEntrySchema> {
  return {
    id: entry.id,
    at: entry.createdAt,
    actor: { type: entry.actorType, id: entry.actorId },
    action: entry.action,
    target: entry.targetType ? { type: entry.targetType, id: entry.targetId } : null,
    details: entry.details,
  };
}
