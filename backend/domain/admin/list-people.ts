import type { DomainDeps } from '../deps.js';
import { keysetQuery, toPage, type Page, type PageInput } from '../paging.js';
import type { Person } from '../../store/generated/prisma/client.js';

/** The organization's people, oldest first, a page at a time. */
export async function listPeople(deps: DomainDeps, input: { organizationId: string } & PageInput): Promise<Page<Person>> {
  const query = keysetQuery(input, 'asc');
  const rows = await deps.prisma.person.findMany({ ...query, where: { organizationId: input.organizationId, ...query.where } });
  return toPage(rows, input.limit);
}
