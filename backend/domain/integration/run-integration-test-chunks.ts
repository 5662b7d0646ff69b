import type { IntegrationTestChunk, IntegrationTestRun } from '../../store/generated/prisma/client.js';
import { RunInterruption } from './check-person-access.js';
import { chunkBatchPolicy } from './check-batcher.js';
import { failIntegrationTest, finishIntegrationTest } from './finish-integration-test.js';
import { actorOf, checkPeople, loadCheckContext, startRun, type RunIntegrationTestDeps } from './run-integration-test.js';

/** People per chunk when none is configured. */
export const DEFAULT_CHUNK_SIZE = 1000;

/**
 * Plans a run (or re-reads its plan): marks it RUNNING with its totals recomputed from the stored
 * results, then, under the run's row lock, writes its chunks once — contiguous ranges of person ids
 * of about `chunkSize` ACTIVE people each, the first open below and the last open above, so together
 * they cover every id (people activated during the run fall in one of them). Returns the chunks still
 * PENDING, which the caller queues (one job each, keyed by chunk id); [] when the run is not
 * QUEUED/RUNNING. A run with nobody gets one chunk, so it ends the same way as any other.
 */
export async function planIntegrationTest(
  deps: Pick<RunIntegrationTestDeps, 'prisma' | 'clock'>,
  input: { runId: string; chunkSize?: number },
): Promise<{ run: IntegrationTestRun | null; pending: IntegrationTestChunk[] }> {
  const chunkSize = Math.max(1, input.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const started = await startRun(deps, input.runId);
  if (!started) return { run: null, pending: [] };
  const { run } = started;
  const chunks = await deps.prisma.$transaction(async (tx) => {
    // Two planners of one run (a retried attempt beside a live one) serialize here; the second reads the first's plan.
    await tx.$queryRaw`SELECT "id" FROM "IntegrationTestRun" WHERE "id" = ${run.id}::uuid FOR UPDATE`;
    const existing = await tx.integrationTestChunk.findMany({ where: { runId: run.id }, orderBy: { index: 'asc' } });
    if (existing.length > 0) return existing;
    // The first id of every chunkSize-th ACTIVE person, in id order: each starts a chunk.
    const starts = await tx.$queryRaw<{ id: string; people: bigint }[]>`
      SELECT "id", "people" FROM (
        SELECT "id", row_number() OVER (ORDER BY "id") AS "n", count(*) OVER () AS "people"
        FROM "Person" WHERE "organizationId" = ${run.organizationId}::uuid AND "status" = 'ACTIVE'
      ) AS "ranked"
      WHERE ("n" - 1) % ${chunkSize} = 0
      ORDER BY "id"`;
    const people = Number(starts[0]?.people ?? 0);
    const bounds = starts.length > 0 ? starts : [{ id: null }];
    return tx.integrationTestChunk.createManyAndReturn({
      data: bounds.map((_, index) => ({
        organizationId: run.organizationId,
        runId: run.id,
        index,
        fromPersonId: index === 0 ? null : starts[index]!.id,
        toPersonId: index + 1 < starts.length ? starts[index + 1]!.id : null,
        plannedPeople: index + 1 < starts.length ? chunkSize : people - index * chunkSize,
        createdAt: deps.clock(),
      })),
      skipDuplicates: true,
    });
  });
  return { run, pending: chunks.filter((chunk) => chunk.status === 'PENDING').sort((a, b) => a.index - b.index) };
}

/**
 * Works one chunk of a RUNNING run: checks every ACTIVE person in its range without a result
 * (`concurrency` at a time, each worker taking its next person only once its previous outcome is
 * stored, so a crash re-checks at most `concurrency` people), marks the chunk DONE, and when no
 * chunk of the run is PENDING any more completes the run (`finishIntegrationTest`, whose conditional
 * RUNNING → COMPLETED update lets exactly one caller run the hooks, whichever replica finished last).
 * Stops quietly when the run was cancelled (or ended otherwise); fails the run when a problem holds
 * for everyone (once: `failIntegrationTest` is conditional too); rethrows anything else so the job
 * retries and resumes the chunk.
 */
export async function runIntegrationTestChunk(
  deps: RunIntegrationTestDeps,
  input: { runId: string; chunkId: string },
): Promise<IntegrationTestRun | null> {
  const run = await deps.prisma.integrationTestRun.findUnique({ where: { id: input.runId } });
  if (!run || run.status !== 'RUNNING') return run;
  const chunk = await deps.prisma.integrationTestChunk.findFirst({ where: { id: input.chunkId, runId: run.id } });
  if (!chunk) return run;
  const log = deps.logger.child({ organizationId: run.organizationId, runId: run.id, chunk: chunk.index });
  if (chunk.status === 'PENDING') {
    log.info({ from: chunk.fromPersonId, to: chunk.toPersonId, plannedPeople: chunk.plannedPeople }, 'integration test chunk running');
    const context = await loadCheckContext(deps, run.organizationId);
    const stop = await checkPeople(deps, {
      run,
      context,
      range: { from: chunk.fromPersonId, to: chunk.toPersonId },
      batch: deps.batch ?? chunkBatchPolicy(deps.concurrency),
    });
    if (stop === 'cancelled') {
      log.info('integration test chunk stopped: the run is no longer running');
      return deps.prisma.integrationTestRun.findUnique({ where: { id: run.id } });
    }
    if (stop instanceof RunInterruption && stop.kind === 'fail_run') {
      log.warn({ reason: stop.failure.details.reason }, 'integration test failed for everyone');
      return failIntegrationTest(deps, { run, error: stop.failure.message, fix: stop.failure.details.fix });
    }
    if (stop) {
      log.warn(
        { err: stop instanceof RunInterruption ? stop.failure : stop },
        'integration test chunk interrupted; the job will resume it',
      );
      throw stop instanceof RunInterruption ? stop.failure : stop;
    }
    await deps.prisma.integrationTestChunk.updateMany({
      where: { id: chunk.id, runId: run.id, status: 'PENDING' },
      data: { status: 'DONE', doneAt: deps.clock() },
    });
    log.info('integration test chunk done');
  }
  // Counted after this chunk's DONE committed: of the chunks finishing last, at least the later one sees 0.
  const pending = await deps.prisma.integrationTestChunk.count({ where: { runId: run.id, status: 'PENDING' } });
  if (pending > 0) return deps.prisma.integrationTestRun.findUnique({ where: { id: run.id } });
  return finishIntegrationTest(deps, { run, actor: actorOf(run), log });
}
