import type { DomainDeps } from '../deps.js';
import { keysetQuery, toPage, type Page, type PageInput } from '../paging.js';
import type { AuditLogEntry } from '../../store/generated/prisma/client.js';

/** The organization's audit log, newest first, a page at a time. */
export async function listAuditLog(deps: DomainDeps, input: { organizationId: string } & PageInput): Promise<Page<AuditLogEntry>> {
  const query = keysetQuery(input, 'desc');
  const rows = await deps.prisma.auditLogEntry.findMany({ ...query, where: { organizationId: input.organizationId, ...query.where } });
  return toPage(rows, input.limit);
}
