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
  const stop = await checkPeople(deps, { run, context, range: {}, batch: deps.batch ?? DEFAULT_BATCH_POLICY });
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

/** A range of person ids: `from` inclusive, `to` exclusive; an absent bound is open. */
export interface PersonRange {
  from?: string | null | undefined;
  to?: string | null | undefined;
}

/**
 * Checks every ACTIVE person of the run's organization in `range` without a result in this run,
 * `deps.concurrency` at a time, storing outcomes through a `CheckBatcher` with `batch`. Resolves
 * once everything checked is stored, with why it stopped early (null: everyone in the range has a
 * result; 'cancelled': the run is no longer RUNNING; else the error, a `RunInterruption` among them).
 */
export async function checkPeople(
  deps: RunIntegrationTestDeps,
  input: { run: Pick<IntegrationTestRun, 'id' | 'organizationId'>; context: CheckContext; range: PersonRange; batch: BatchPolicy },
): Promise<'cancelled' | Error | null> {
  const { run, context, range, batch } = input;
  const halt: { reason: 'cancelled' | Error | null } = { reason: null };
  const stopWith = (error: unknown) => {
    halt.reason ??= error instanceof RunStopped ? 'cancelled' : (error as Error);
  };
  // Outcomes are stored a batch at a time; a cancel is noticed when a batch is written.
  const batcher = new CheckBatcher(deps, { organizationId: run.organizationId, runId: run.id }, batch, stopWith);
  let lastId: string | undefined;
  let page: { id: string; email: string }[] = [];
  // Workers share one cursor over the people not checked yet, in id order.
  const nextPerson = async (): Promise<{ id: string; email: string } | undefined> => {
    if (page.length === 0) {
      const lower = lastId ? { gt: lastId } : range.from ? { gte: range.from } : {};
      page = await deps.prisma.person.findMany({
        where: {
          organizationId: run.organizationId,
          status: 'ACTIVE',
          id: { ...lower, ...(range.to && { lt: range.to }) },
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
        const stored = batcher.add({ personId: person.id, email: person.email, verdict, checkedAt: deps.clock() });
        // With storeBeforeNext, at most one outcome per worker is ever unstored.
        if (batch.storeBeforeNext) await stored;
      } catch (error) {
        stopWith(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
  // Whatever was checked is stored, however the run stops (a cancelled run writes nothing).
  await batcher.flush();
  return halt.reason;
}

/** Marks the run RUNNING and works out its totals and context; null when there is nothing left to do. */
export async function startRun(deps: DomainDeps, runId: string): Promise<{ run: IntegrationTestRun; context: CheckContext } | null> {
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
  return { run, context: contextOf(domains) };
}

/** A run's check context for an organization (its domains), with nothing renewed or refused yet. */
export async function loadCheckContext(deps: DomainDeps, organizationId: string): Promise<CheckContext> {
  const domains = await deps.prisma.workspaceDomain.findMany({
    where: { organizationId },
    select: { domain: true, verifiedAt: true, verifiedBy: true },
  });
  return contextOf(domains);
}

function contextOf(domains: { domain: string; verifiedAt: Date | null; verifiedBy: string | null }[]): CheckContext {
  const verified = domains.filter((d) => d.verifiedAt);
  return {
    domains: new Set(domains.map((d) => d.domain)),
    verifiedDomains: verified.map((d) => d.domain),
    domainAdmins: new Map(verified.flatMap((d) => (d.verifiedBy ? [[d.domain, d.verifiedBy.toLowerCase()] as const] : []))),
    renewedTokens: new Set(),
    refusedTokens: new Map(),
    refusedReaders: new Map(),
  };
}

/** Who the outcome is recorded for: the admin token that asked, else the system. */
export function actorOf(run: IntegrationTestRun): Actor {
  return run.trigger === 'MANUAL' && run.requestedBy && isUuid(run.requestedBy)
    ? { type: 'ADMIN_TOKEN', id: run.requestedBy }
    : { type: 'SYSTEM', id: run.requestedBy };
}
