import type { Tx } from '../deps.js';
import { AppError } from '../errors.js';
import type { PrismaClient } from '../../store/database.js';
import type { IntegrationTestRun } from '../../store/generated/prisma/client.js';
import { isUuid } from '../uuid.js';

/** The organization's run `runId`; anything else (another organization's, unknown, not a UUID) is 404 `not_found`. */
export async function findRunOrThrow(db: Tx | PrismaClient, input: { organizationId: string; runId: string }): Promise<IntegrationTestRun> {
  const run = isUuid(input.runId)
    ? await db.integrationTestRun.findFirst({ where: { id: input.runId, organizationId: input.organizationId } })
    : null;
  if (!run) throw new AppError('not_found', 'No such integration test run.');
  return run;
}
