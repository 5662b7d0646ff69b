import type { DomainDeps } from '../deps.js';
import { keysetQuery, toPage, type Page, type PageInput } from '../paging.js';
import type { Program } from '../../store/generated/prisma/client.js';

/** The organization's programs, oldest first, a page at a time. */
export async function listPrograms(deps: DomainDeps, input: { organizationId: string } & PageInput): Promise<Page<Program>> {
  const query = keysetQuery(input, 'asc');
  const rows = await deps.prisma.program.findMany({ ...query, where: { organizationId: input.organizationId, ...query.where } });
  return toPage(rows, input.limit);
}
