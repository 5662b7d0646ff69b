import type { DomainDeps } from '../deps.js';
import { decodeCursor, encodeCursor, type Page, type PageInput } from '../paging.js';
import type { Incident, Notification } from '../../store/generated/prisma/client.js';

/** An incident with its owner notifications (opened, resolved). */
export type IncidentWithNotifications = Incident & { notifications: Notification[] };

export interface ListIncidentsInput extends PageInput {
  organizationId: string;
  /** true: only the open incident; false: only closed ones; absent: all. */
  open?: boolean | undefined;
}

/** The organization's incidents, newest first (by when they opened), with their notifications. */
export async function listIncidents(deps: DomainDeps, input: ListIncidentsInput): Promise<Page<IncidentWithNotifications>> {
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const rows = await deps.prisma.incident.findMany({
    where: {
      organizationId: input.organizationId,
      ...(input.open !== undefined && { closedAt: input.open ? null : { not: null } }),
      ...(after && { OR: [{ openedAt: { lt: after.createdAt } }, { openedAt: after.createdAt, id: { lt: after.id } }] }),
    },
    orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    include: { notifications: { where: { organizationId: input.organizationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor({ createdAt: last.openedAt, id: last.id }) : null };
}
