import { fromPglite, PgBoss, type Clock, type Job, type QueuePolicy, type SendOptions } from 'pg-boss';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Database } from '../store/database.js';

/**
 * Every job's default heartbeat: a job whose process died (SIGKILL, a lost machine) is retried about
 * 10–20 s later by any replica, instead of after its `expireInSeconds`; for a `stately` or
 * `exclusive` queue that also frees its key, which the dead attempt would hold until then.
 */
export const HEARTBEAT_SECONDS = 10;

/** A kind of background job: its name, payload schema, retry policy and handler. */
export interface JobDefinition<Payload> {
  name: string;
  payload: z.ZodType<Payload>;
  /** Failed attempts are retried with exponential backoff up to this many times. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** An attempt still running after this long is considered crashed and retried. */
  expireInSeconds?: number;
  /**
   * pg-boss heartbeat (≥ 10; default `HEARTBEAT_SECONDS`): while a handler runs, pg-boss itself
   * refreshes the job every half of this (no call from the handler); a job not refreshed for this
   * long (its process died) is failed and retried by the next supervise pass of any instance, long
   * before `expireInSeconds`.
   */
  heartbeatSeconds?: number;
  /**
   * pg-boss queue policy. `stately`: per singletonKey at most one job waiting and one running, so a
   * burst of requests for the same thing coalesces. Default `standard`.
   */
  policy?: QueuePolicy;
  /** Jobs of this kind processed at once by this process. */
  concurrency?: number;
  /**
   * Jobs fetched per database round trip, run side by side, each completed or failed on its own
   * (default 1). For many short jobs: one fetch per job would cap throughput at the polling rate.
   */
  batchSize?: number;
  /** A cron expression (UTC) to enqueue an empty payload on, when the job runs on a schedule. */
  schedule?: string;
  /**
   * `log`: the job's logger (job name and id, and the payload's `requestId` when it carries one: the
   * HTTP request that caused the job).
   */
  handle(payload: Payload, job: { id: string; log?: Logger }): Promise<void>;
  /**
   * Runs once a job has failed its last attempt, however it failed: its handler threw, or its process
   * died and pg-boss failed it for its stopped heartbeat (or its expiry), so no handler of it runs
   * again. pg-boss moves such a job to the dead-letter queue `<name>.gave-up` in the same statement,
   * and any replica works it; a throw here retries it. `failure`: what the last attempt failed with.
   */
  afterLastAttempt?(payload: Payload, job: { id: string; log?: Logger; failure: string }): Promise<void>;
}

/** The dead-letter queue of a definition with `afterLastAttempt`. */
export const gaveUpQueueOf = (name: string): string => `${name}.gave-up`;

/**
 * What a failed job's last attempt failed with, from its output as pg-boss stores it: the handler's
 * error, or `{value: {message}}` when the supervise pass failed it (a stopped heartbeat, a timeout).
 */
function failureOf(source: { sourceOutput?: unknown }): string {
  const output = source.sourceOutput as { message?: unknown; value?: { message?: unknown } } | null | undefined;
  if (typeof output?.message === 'string') return output.message;
  const supervised = typeof output?.value?.message === 'string' ? ` (${output.value.message})` : '';
  return `the last one stopped without an answer${supervised}: the process running it died or lost its database`;
}

/**
 * The Postgres-backed job queue (pg-boss) on the application's own database: PostgreSQL through
 * its own pool, or the embedded PGlite through pg-boss's PGlite adapter. Jobs survive restarts and
 * crashes; a crashed attempt expires and is retried.
 */
export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
  ) {}

  static async start(
    db: Database,
    logger: Logger,
    /** `clock`: pg-boss's timers (polls, heartbeats, supervise passes); tests freeze one to play a dead replica. */
    options: { pollingIntervalSeconds?: number; superviseIntervalSeconds?: number; clock?: Clock } = {},
  ): Promise<JobQueue> {
    const connection = db.queueConnection;
    // The supervise pass is what fails jobs whose heartbeat stopped (and expired ones): every 10 s
    // (pg-boss's default is 60), so a crashed heartbeat job is retried within about heartbeat + 10 s.
    const supervise = options.superviseIntervalSeconds ?? 10;
    const maintenance = {
      superviseIntervalSeconds: supervise,
      monitorIntervalSeconds: supervise,
      ...(options.clock && { clock: options.clock }),
    };
    const boss =
      connection.backend === 'pglite'
        ? new PgBoss({ db: fromPglite(connection.pglite), backend: 'pglite', ...maintenance })
        : new PgBoss({ connectionString: connection.connectionString, options: '-c TimeZone=UTC', max: 5, ...maintenance });
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
    await boss.start();
    const queue = new JobQueue(boss, logger);
    queue.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
    return queue;
  }

  private pollingIntervalSeconds = 1;

  /** Creates the job's queue, starts working it, and installs its schedule if it has one. */
  async register<Payload>(definition: JobDefinition<Payload>): Promise<void> {
    const { afterLastAttempt } = definition;
    // The dead-letter queue first: the job's queue refers to it. Its jobs carry the failed one's output.
    if (afterLastAttempt) {
      await this.#register<Payload>(
        { name: gaveUpQueueOf(definition.name), payload: definition.payload, retryLimit: 5, handle: async () => undefined },
        (payload, job, source) => afterLastAttempt(payload, { ...job, failure: failureOf(source) }),
        true,
      );
    }
    await this.#register(definition, (payload, job) => definition.handle(payload, job));
  }

  async #register<Payload>(
    definition: JobDefinition<Payload>,
    handle: (payload: Payload, job: { id: string; log: Logger }, source: { sourceOutput?: unknown }) => Promise<void>,
    /** Fetch pg-boss's job metadata too (a dead letter's `sourceOutput`). */
    includeMetadata = false,
  ): Promise<void> {
    const { afterLastAttempt } = definition;
    const options = {
      retryLimit: definition.retryLimit ?? 5,
      retryDelay: definition.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
      heartbeatSeconds: definition.heartbeatSeconds ?? HEARTBEAT_SECONDS,
    };
    const deadLetter = afterLastAttempt ? gaveUpQueueOf(definition.name) : undefined;
    await this.boss.createQueue(definition.name, {
      policy: definition.policy ?? 'standard',
      ...options,
      ...(deadLetter && { deadLetter }),
    });
    // createQueue leaves a queue that exists as it was: the definition, not the first deployment, decides.
    // (null clears a dead-letter queue an earlier definition had: pg-boss documents it, its types do not.)
    await this.boss.updateQueue(definition.name, { ...options, deadLetter: deadLetter ?? (null as unknown as undefined) });
    const run = async (job: Job<unknown>): Promise<void> => {
      const payload = definition.payload.parse(job.data ?? {});
      const requestId = (payload as { requestId?: unknown } | null)?.requestId;
      const log = this.logger.child({
        job: definition.name,
        jobId: job.id,
        ...(typeof requestId === 'string' && { requestId }),
      });
      log.debug('job started');
      await handle(payload, { id: job.id, log }, job as { sourceOutput?: unknown });
      log.debug('job done');
    };
    const batchSize = definition.batchSize ?? 1;
    const polling = {
      localConcurrency: definition.concurrency ?? 1,
      pollingIntervalSeconds: this.pollingIntervalSeconds,
      ...(includeMetadata && { includeMetadata: true as const }),
    };
    const workerId =
      batchSize === 1
        ? await this.boss.work<unknown>(definition.name, { ...polling, batchSize: 1 }, async ([job]: Job<unknown>[]) => {
            if (job) await run(job);
          })
        : await this.boss.work<unknown>(
            definition.name,
            { ...polling, batchSize, perJobResults: true, burstWhenBatchFull: true },
            async (jobs: Job<unknown>[]) =>
              Promise.all(
                jobs.map(async (job) => {
                  try {
                    await run(job);
                    return { id: job.id, status: 'completed' as const };
                  } catch (error) {
                    this.logger.warn({ err: error, job: definition.name, jobId: job.id }, 'job failed; retried with backoff');
                    return {
                      id: job.id,
                      status: 'failed' as const,
                      output: { message: error instanceof Error ? error.message : String(error) },
                    };
                  }
                }),
              ),
          );
    this.workers.set(definition.name, workerId);
    if (definition.schedule) await this.boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
  }

  private readonly workers = new Map<string, string>();

  /**
   * Enqueues many jobs of one kind in one statement. With a `stately` policy, jobs whose
   * `singletonKey` already waits are dropped, which is how bursts coalesce.
   */
  async sendMany<Payload extends object>(
    definition: JobDefinition<Payload>,
    jobs: Array<{ payload: Payload; singletonKey?: string; startAfter?: Date }>,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      definition.name,
      jobs.map((job) => ({
        data: definition.payload.parse(job.payload) as object,
        ...(job.singletonKey ? { singletonKey: job.singletonKey } : {}),
        ...(job.startAfter ? { startAfter: job.startAfter } : {}),
      })),
    );
  }

  /** Makes this process's worker of `definition` look for jobs now instead of at its next poll. */
  wake(definition: JobDefinition<never> | { name: string }): void {
    const workerId = this.workers.get(definition.name);
    if (workerId) this.boss.notifyWorker(workerId);
  }

  /** Enqueues a job. Returns its id, or null when the queue's policy dropped it as a duplicate of a `singletonKey`. */
  async send<Payload extends object>(
    definition: JobDefinition<Payload>,
    payload: Payload,
    options: SendOptions = {},
  ): Promise<string | null> {
    return this.boss.send(definition.name, definition.payload.parse(payload) as object, options);
  }

  /**
   * Stops fetching, waits for running jobs (up to `timeoutMs`), then closes the queue's connections.
   * `graceful: false` (tests: a replica dying) stops at once without waiting for or settling them.
   */
  async stop(timeoutMs = 10_000, options: { graceful?: boolean } = {}): Promise<void> {
    await this.boss.stop({ graceful: options.graceful ?? true, timeout: timeoutMs, close: true });
  }
}
