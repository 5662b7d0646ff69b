import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { IntegrationTestRun } from '../../store/generated/prisma/client.js';
import { findRunOrThrow } from './find-test-run.js';

/**
 * Cancels a queued or running integration test and frees the organization for another run. The
 * worker notices between people and stops; results so far stay. Cancelling twice changes nothing;
 * a finished run is 409 `integration_test_finished`.
 */
export async function cancelIntegrationTest(
  deps: DomainDeps,
  input: { organizationId: string; runId: string; actor: Actor },
): Promise<IntegrationTestRun> {
  return deps.prisma.$transaction(async (tx) => {
    const run = await findRunOrThrow(tx, input);
    if (run.status === 'CANCELLED') return run;
    if (run.status === 'COMPLETED' || run.status === 'FAILED') {
      throw new AppError('integration_test_finished', `This integration test has already finished (${run.status}).`, {
        runId: run.id,
        status: run.status,
      });
    }
    const at = deps.clock();
    const { count } = await tx.integrationTestRun.updateMany({
      where: { id: run.id, organizationId: input.organizationId, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { status: 'CANCELLED', activeLock: null, finishedAt: at },
    });
    const updated = await findRunOrThrow(tx, input);
    if (count === 0) {
      if (updated.status === 'CANCELLED') return updated;
      throw new AppError('integration_test_finished', `This integration test has already finished (${updated.status}).`, {
        runId: run.id,
        status: updated.status,
      });
    }
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: 'integration.test.cancelled',
      target: { type: 'IntegrationTestRun', id: run.id },
      details: { checked: updated.checked, total: updated.total },
      at,
    });
    return updated;
  });
}
