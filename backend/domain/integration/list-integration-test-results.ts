import type { DomainDeps } from '../deps.js';
import type { Page, PageInput } from '../paging.js';
import type { AccessStatus, IntegrationTestResult } from '../../store/generated/prisma/client.js';
import { findRunOrThrow } from './find-test-run.js';
import { idKeyset, toIdPage } from './id-paging.js';

/** A person's outcome in a run, with who the person is. */
export type IntegrationTestResultRow = IntegrationTestResult & { person: { email: string; displayName: string } };

/** The per-person outcomes of one run, optionally of one status, a page at a time. */
export async function listIntegrationTestResults(
  deps: DomainDeps,
  input: { organizationId: string; runId: string; status?: AccessStatus | undefined } & PageInput,
): Promise<Page<IntegrationTestResultRow>> {
  const run = await findRunOrThrow(deps.prisma, input);
  const query = idKeyset(input);
  const rows = await deps.prisma.integrationTestResult.findMany({
    ...query,
    where: { organizationId: input.organizationId, runId: run.id, ...(input.status && { status: input.status }), ...query.where },
    include: { person: { select: { email: true, displayName: true } } },
  });
  return toIdPage(rows, input.limit);
}
