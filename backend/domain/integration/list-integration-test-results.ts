import type { DomainDeps } from '../deps.js';
import type { AccessStatus, IntegrationTestResult } from '../../store/generated/prisma/client.js';
import { findRunOrThrow } from './find-test-run.js';
import { idKeyset, personMatching, toIdPage, type CountedPage, type PersonPageInput } from './id-paging.js';

/** A person's outcome in a run, with who the person is. */
export type IntegrationTestResultRow = IntegrationTestResult & { person: { email: string; displayName: string } };

export interface ListIntegrationTestResultsInput extends PersonPageInput {
  organizationId: string;
  runId: string;
  status?: AccessStatus | undefined;
  /** Case-insensitive text the person's name or email contains. */
  q?: string | undefined;
}

/** The per-person outcomes of one run, optionally of one status or people matching `q`, a page at a time, counted. */
export async function listIntegrationTestResults(
  deps: DomainDeps,
  input: ListIntegrationTestResultsInput,
): Promise<CountedPage<IntegrationTestResultRow>> {
  const run = await findRunOrThrow(deps.prisma, input);
  const query = idKeyset(input);
  const where = {
    organizationId: input.organizationId,
    runId: run.id,
    ...(input.status && { status: input.status }),
    ...personMatching(input.q),
  };
  const [rows, total] = await Promise.all([
    deps.prisma.integrationTestResult.findMany({
      ...query,
      where: { ...where, ...query.where },
      include: { person: { select: { email: true, displayName: true } } },
    }),
    deps.prisma.integrationTestResult.count({ where }),
  ]);
  return { ...toIdPage(rows, input.limit), total };
}
