import type { DomainDeps } from '../deps.js';
import { keysetQuery, toPage, type Page, type PageInput } from '../paging.js';
import type { IntegrationTestRun } from '../../store/generated/prisma/client.js';

/** The organization's integration test runs, newest first, a page at a time. */
export async function listIntegrationTestRuns(
  deps: DomainDeps,
  input: { organizationId: string } & PageInput,
): Promise<Page<IntegrationTestRun>> {
  const query = keysetQuery(input, 'desc');
  const rows = await deps.prisma.integrationTestRun.findMany({ ...query, where: { organizationId: input.organizationId, ...query.where } });
  return toPage(rows, input.limit);
}
