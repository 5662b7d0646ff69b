import type { DomainDeps } from '../deps.js';
import { keysetQuery, toPage, type Page, type PageInput } from '../paging.js';
import type { Matching } from '../../store/generated/prisma/client.js';

/** The organization's matchings, oldest first, a page at a time. */
export async function listMatchings(deps: DomainDeps, input: { organizationId: string } & PageInput): Promise<Page<Matching>> {
  const query = keysetQuery(input, 'asc');
  const rows = await deps.prisma.matching.findMany({ ...query, where: { organizationId: input.organizationId, ...query.where } });
  return toPage(rows, input.limit);
}
