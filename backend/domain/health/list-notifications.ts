import type { DomainDeps } from '../deps.js';
import { keysetQuery, toPage, type Page, type PageInput } from '../paging.js';
import type { Notification } from '../../store/generated/prisma/client.js';

/** The organization's owner notifications, newest first, with their delivery state and rendered text. */
export async function listNotifications(deps: DomainDeps, input: { organizationId: string } & PageInput): Promise<Page<Notification>> {
  const query = keysetQuery(input, 'desc');
  const rows = await deps.prisma.notification.findMany({ ...query, where: { organizationId: input.organizationId, ...query.where } });
  return toPage(rows, input.limit);
}
