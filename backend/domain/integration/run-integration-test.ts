import type { Logger } from '../../logger.js';
import type { Actor, DomainDeps } from '../deps.js';
import type { IntegrationTestRun } from '../../store/generated/prisma/client.js';
import { checkPersonAccess, RunInterruption, type AccessCheckGoogle, type CheckContext } from './check-person-access.js';
import { finishIntegrationTest, failIntegrationTest, type RunFinishHooks } from './finish-integration-test.js';
import { CheckBatcher, DEFAULT_BATCH_POLICY, type BatchPolicy } from './check-batcher.js';
import { RunStopped } from './record-person-check.js';
import { isUuid } from '../uuid.js';

/** What a run needs: the database, Google (adapters, shared limits, backoff), concurrency, logs and hooks. */
export interface RunIntegrationTestDeps extends DomainDeps, RunFinishHooks {
  google: AccessCheckGoogle;
  /** People checked at once (`config.quotas.integrationTestConcurrency`). */
  concurrency: number;
  logger: Logger;
  /** How outcomes are grouped into transactions (default: 100 people or 250 ms). */
  batch?: BatchPolicy;
}

const PAGE_SIZE = 500;

/**
 * Runs (or resumes) an integration test: every ACTIVE person of the organization without a result
 * in this run is checked once, `concurrency` at a time within Google's quotas, and recorded as they
 * finish. Stops quietly when the run is cancelled; marks it FAILED when a problem holds for everyone
 * (the key refused); rethrows when Google is unreachable or anything unexpected happens, so the job
 * retries and resumes where it stopped.
 */
export async function runIntegrationTest(deps: RunIntegrationTestDeps, input: { runId: string }): Promise<IntegrationTestRun | null> {
  const started = await startRun(deps, input.runId);
  if (!started) return null;
  const { run, context } = started;
  const log = deps.logger.child({ organizationId: run.organizationId, runId: run.id });
  log.info({ total: run.total, alreadyChecked: run.checked }, 'integration test running');

  const halt: { reason: 'cancelled' | Error | null } = { reason: null };
  const stopWith = (error: unknown) => {
    halt.reason ??= error instanceof RunStopped ? 'cancelled' : (error as Error);
  };
  // Outcomes are stored a batch at a time; a cancel is noticed when a batch is written.
  const batcher = new CheckBatcher(
    deps,
    { organizationId: run.organizationId, runId: run.id },
    deps.batch ?? DEFAULT_BATCH_POLICY,
    stopWith,
  );
  let lastId: string | undefined;
  let page: { id: string; email: string }[] = [];
  // Workers share one cursor over the people not checked yet, in id order.
  const nextPerson = async (): Promise<{ id: string; email: string } | undefined> => {
    if (page.length === 0) {
      page = await deps.prisma.person.findMany({
        where: {
          organizationId: run.organizationId,
          status: 'ACTIVE',
          ...(lastId && { id: { gt: lastId } }),
          integrationTestRows: { none: { runId: run.id } },
        },
        select: { id: true, email: true },
        orderBy: { id: 'asc' },
        take: PAGE_SIZE,
      });
      lastId = page.at(-1)?.id ?? lastId;
    }
    return page.shift();
  };
  let fetching: Promise<unknown> = Promise.resolve();
  const take = () => {
    const next = fetching.then(nextPerson);
    fetching = next.catch(() => undefined);
    return next;
  };

  const worker = async () => {
    while (!halt.reason) {
      const person = await take();
      if (!person || halt.reason) return;
      try {
        const verdict = await checkPersonAccess(deps.google, context, person.email);
        batcher.add({ personId: person.id, email: person.email, verdict, checkedAt: deps.clock() });
      } catch (error) {
        stopWith(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
  // Whatever was checked is stored, however the run stops (a cancelled run writes nothing).
  await batcher.flush();

  const stop = halt.reason;
  if (stop === 'cancelled') {
    log.info('integration test cancelled');
    return deps.prisma.integrationTestRun.findUnique({ where: { id: run.id } });
  }
  if (stop instanceof RunInterruption && stop.kind === 'fail_run') {
    log.warn({ reason: stop.failure.details.reason }, 'integration test failed for everyone');
    return failIntegrationTest(deps, { run, error: stop.failure.message, fix: stop.failure.details.fix });
  }
  if (stop) {
    log.warn({ err: stop instanceof RunInterruption ? stop.failure : stop }, 'integration test interrupted; the job will resume it');
    throw stop instanceof RunInterruption ? stop.failure : stop;
  }
  return finishIntegrationTest(deps, { run, actor: actorOf(run), log });
}

/** Marks the run RUNNING and works out its totals and context; null when there is nothing left to do. */
async function startRun(deps: DomainDeps, runId: string): Promise<{ run: IntegrationTestRun; context: CheckContext } | null> {
  const existing = await deps.prisma.integrationTestRun.findUnique({ where: { id: runId } });
  if (!existing || (existing.status !== 'QUEUED' && existing.status !== 'RUNNING')) return null;
  const organizationId = existing.organizationId;
  const [checked, active, remaining, domains] = await Promise.all([
    deps.prisma.integrationTestResult.count({ where: { organizationId, runId } }),
    deps.prisma.integrationTestResult.count({ where: { organizationId, runId, status: 'ACTIVE' } }),
    deps.prisma.person.count({ where: { organizationId, status: 'ACTIVE', integrationTestRows: { none: { runId } } } }),
    deps.prisma.workspaceDomain.findMany({ where: { organizationId }, select: { domain: true, verifiedAt: true, verifiedBy: true } }),
  ]);
  const { count } = await deps.prisma.integrationTestRun.updateMany({
    where: { id: runId, organizationId, status: { in: ['QUEUED', 'RUNNING'] } },
    // Counters are recomputed from the results, so a resumed run heals whatever a crash left behind.
    data: { status: 'RUNNING', startedAt: existing.startedAt ?? deps.clock(), checked, active, total: checked + remaining },
  });
  if (count === 0) return null;
  const run = await deps.prisma.integrationTestRun.findUniqueOrThrow({ where: { id: runId } });
  const verified = domains.filter((d) => d.verifiedAt);
  const context: CheckContext = {
    domains: new Set(domains.map((d) => d.domain)),
    verifiedDomains: verified.map((d) => d.domain),
    domainAdmins: new Map(verified.flatMap((d) => (d.verifiedBy ? [[d.domain, d.verifiedBy.toLowerCase()] as const] : []))),
    renewedTokens: new Set(),
    refusedTokens: new Map(),
    refusedReaders: new Map(),
  };
  return { run, context };
}

/** Who the outcome is recorded for: the admin token that asked, else the system. */
function actorOf(run: IntegrationTestRun): Actor {
  return run.trigger === 'MANUAL' && run.requestedBy && isUuid(run.requestedBy)
    ? { type: 'ADMIN_TOKEN', id: run.requestedBy }
    : { type: 'SYSTEM', id: run.requestedBy };
}
