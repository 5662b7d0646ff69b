/**
 * The backend side of the integration-test benchmark, in its own process so its RSS is its own, run
 * as production runs a test: a JobQueue (pg-boss) on the bench's database with the integration-test
 * jobs registered as main.ts registers them (the planner `integration-test.run`, one
 * `integration-test.chunk` job per 1,000 people, 2 chunks at once per process, `concurrency` checks
 * per chunk) and Google's budget in the database (SharedQuotaGate), as main.ts sets it.
 *
 * `role: 'start'`: a fresh database (in-memory PGlite, or BENCH_DATABASE_URL), an organization of N
 * people at the wizard's TEST step, its run queued. PER_USER: every person's refresh token (stdin, one
 * a line, in person order) is sealed with a TokenKeyring and stored as their CalendarConnection, as
 * the connect callback stores it. `role: 'resume'` (a replica started after the first was SIGKILLed):
 * no seeding and no new run; it only starts the queue's workers, and pg-boss hands it the dead
 * replica's chunk jobs once their heartbeat stopped.
 *
 * stdout, one JSON line each: `{event: 'queued', at}` (start only), `{event: 'progress', at, checked,
 * cpuMs, peakRssMb}` every 500 ms, and once the run has ended `{event: 'done', at, …figures}`. `at` is epoch ms.
 */
import path from 'node:path';
import { DatabaseConnectionVault } from '../../../backend/domain/connections/connection-vault.js';
import { TokenKeyring } from '../../../backend/domain/connections/token-keyring.js';
import { SharedQuotaGate } from '../../../backend/domain/quota/shared-quota-gate.js';
import { integrationTestJobs } from '../../../backend/jobs/integration-test-job.js';
import { JobQueue, type JobDefinition } from '../../../backend/jobs/queue.js';
import { ServiceAccountKey } from '../../../backend/google/service-account-key.js';
import { createLogger } from '../../../backend/logger.js';
import { openDatabase } from '../../../backend/store/database.js';
import { emulatedGoogle } from '../../support/google.js';
import { startCpuProfile } from './cpu-profile.js';

const input = JSON.parse(process.argv[2] ?? '{}') as {
  role: 'start' | 'resume';
  emulatorUrl: string;
  key: string;
  people: number;
  domain: string;
  concurrency: number;
  projectPerMinute: number;
  userPerMinute: number;
  method: 'DOMAIN_WIDE' | 'PER_USER';
  oauthClient: { clientId: string; clientSecret: string };
  /** What each person granted, as Google's token answer names the scopes. */
  grantedScopes: string[];
  /** The TokenKeyring's secret (hex), the same for every replica: a resumed one opens the tokens the first sealed. */
  tokenKey: string;
};
let stdin = '';
for await (const chunk of process.stdin) stdin += String(chunk);
const refreshTokens = stdin.split('\n').filter(Boolean);
if (input.role === 'start' && input.method === 'PER_USER' && refreshTokens.length !== input.people) {
  throw new Error(`${refreshTokens.length} refresh tokens for ${input.people} people`);
}
const emit = (line: object) => process.stdout.write(`${JSON.stringify({ at: Date.now(), ...line })}\n`);

let peakRss = process.memoryUsage().rss;
// What the RSS was made of at its peak (V8 heap, off-heap buffers, the rest: code, WebAssembly, malloc).
let atPeak = process.memoryUsage();
const sample = () => {
  const usage = process.memoryUsage();
  if (usage.rss >= peakRss) [peakRss, atPeak] = [usage.rss, usage];
};
const sampler = setInterval(sample, 100);

const db = await openDatabase({
  url: process.env.BENCH_DATABASE_URL ?? 'pglite:memory://',
  connectTimeoutMs: 5000,
  migrateOnStart: input.role === 'start',
  migrationsDir: path.resolve('prisma/migrations'),
});
const keyring = new TokenKeyring([{ id: 'bench-1', secret: Buffer.from(input.tokenKey, 'hex') }]);
const runId = input.role === 'start' ? await seed() : undefined;
const rssBeforeRun = process.memoryUsage().rss;

const logger = createLogger({ level: 'warn' });
const vault =
  input.method === 'PER_USER'
    ? new DatabaseConnectionVault({ prisma: db.prisma, clock: () => new Date(), keyring, requestHealthEvaluation: async () => undefined })
    : undefined;
const quotas = {
  projectPerMinute: input.projectPerMinute,
  userPerMinute: input.userPerMinute,
  integrationTestConcurrency: input.concurrency,
};
// The production default client cache (GOOGLE_CLIENT_CACHE_SIZE = 10,000).
const google = emulatedGoogle(input.emulatorUrl, ServiceAccountKey.parse(input.key), {
  maxCachedSubjects: 10_000,
  marketplaceListingUrl: 'https://example.invalid/listing',
  ...(vault ? { vault, oauthClient: input.oauthClient } : {}),
  // The deployment's shared budget in the database, as main.ts sets it.
  calls: { gate: new SharedQuotaGate(db.prisma, quotas, logger) },
});
// BENCH_CPU_PROFILE=<file>: a CPU profile of the run (not the seeding); its top functions go to stderr.
const stopProfile = process.env.BENCH_CPU_PROFILE
  ? await startCpuProfile(`${process.env.BENCH_CPU_PROFILE}.${input.role}.cpuprofile`)
  : undefined;
const cpuBefore = process.cpuUsage();
const queue = await JobQueue.start(db, logger);
// As main.ts builds them: production's chunk size, chunks per process, backoff and retry delay.
const jobs = integrationTestJobs({
  prisma: db.prisma,
  clock: () => new Date(),
  google: { calendar: google.calendar, directory: google.directory },
  queue,
  quotas,
  logger,
});
for (const definition of jobs.definitions) await queue.register(definition as JobDefinition<never>);
if (runId) {
  await jobs.enqueue(runId);
  emit({ event: 'queued' });
}

// The run's row decides when it is over (whichever replica finished it).
let run: { status: string; checked: number; countsByReason: unknown } | null = null;
for (;;) {
  run = await db.prisma.integrationTestRun.findFirst({
    where: runId ? { id: runId } : {},
    orderBy: { createdAt: 'desc' },
    select: { status: true, checked: true, countsByReason: true },
  });
  if (run && run.status !== 'QUEUED' && run.status !== 'RUNNING') break;
  // The figures so far too: a replica SIGKILLed mid-run (--kill-at-half) reports nothing at the end.
  const cpuSoFar = process.cpuUsage(cpuBefore);
  emit({
    event: 'progress',
    checked: run?.checked ?? 0,
    cpuMs: Math.round((cpuSoFar.user + cpuSoFar.system) / 1000),
    peakRssMb: Math.round(peakRss / 1e6),
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const cpu = process.cpuUsage(cpuBefore);
if (stopProfile) process.stderr.write(`${(await stopProfile()).join('\n')}\n`);
clearInterval(sampler);
sample();
emit({
  event: 'done',
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  status: run.status,
  checked: run.checked,
  counts: run.countsByReason,
  engine: db.engine,
  peakRssMb: Math.round(peakRss / 1e6),
  rssBeforeRunMb: Math.round(rssBeforeRun / 1e6),
  atPeakMb: {
    heapTotal: Math.round(atPeak.heapTotal / 1e6),
    heapUsed: Math.round(atPeak.heapUsed / 1e6),
    external: Math.round(atPeak.external / 1e6),
  },
});
await queue.stop();
await db.close();
process.exit(0);

/** The organization, its people (and their connections, per-user) and its queued run; returns the run's id. */
async function seed(): Promise<string> {
  const organization = await db.prisma.organization.create({
    data: {
      name: 'Bench',
      // Verified by its super administrator: Together acts only in verified domains (else every person is DOMAIN_NOT_VERIFIED, unasked).
      domains: { create: [{ domain: input.domain, verifiedAt: new Date(), verifiedBy: `user0@${input.domain}` }] },
      integration: {
        create: {
          vendor: 'GOOGLE_CALENDAR',
          method: input.method,
          ownerEmail: `user0@${input.domain}`,
          wizardStep: 'TEST',
          status: 'CONFIGURING',
        },
      },
    },
  });
  // One SQL statement: a Prisma createMany of thousands of rows would grow the query compiler's
  // WebAssembly memory (which never shrinks) by ≈ 100 MB, counted in the backend's RSS though no run needs it.
  await db.prisma.$executeRaw`
    INSERT INTO "Person" ("id", "organizationId", "email", "displayName", "workingHours", "updatedAt")
    SELECT gen_random_uuid(), ${organization.id}::uuid, 'user' || i || '@' || ${input.domain}, 'User ' || i, '{}'::jsonb, now()
    FROM generate_series(0, ${input.people - 1}) AS i`;
  if (input.method === 'PER_USER') {
    // Sealed one by one (the person id is each token's additional data), stored in one statement per table.
    const people = await db.prisma.$queryRaw<Array<{ id: string; email: string }>>`
      SELECT "id", "email" FROM "Person" WHERE "organizationId" = ${organization.id}::uuid`;
    const ids: string[] = [];
    const sealed: string[] = [];
    for (const person of people) {
      const index = Number(/^user(\d+)@/.exec(person.email)![1]);
      ids.push(person.id);
      sealed.push(Buffer.from(keyring.seal(refreshTokens[index]!, person.id).sealed).toString('base64'));
    }
    await db.prisma.$executeRaw`
      INSERT INTO "CalendarConnection" ("id", "organizationId", "personId", "status", "encryptedRefreshToken", "keyId", "grantedScopes", "connectedAt", "refreshedAt", "updatedAt")
      SELECT gen_random_uuid(), ${organization.id}::uuid, p, 'CONNECTED', decode(t, 'base64'), ${keyring.currentKeyId}, ${input.grantedScopes}::text[], now(), now(), now()
      FROM unnest(${ids}::uuid[], ${sealed}::text[]) AS x(p, t)`;
    await db.prisma.$executeRaw`
      INSERT INTO "PersonCalendarAccess" ("id", "organizationId", "personId", "status", "checkedAt", "updatedAt")
      SELECT gen_random_uuid(), ${organization.id}::uuid, p, 'ACTIVE', now(), now() FROM unnest(${ids}::uuid[]) AS x(p)`;
  }
  const run = await db.prisma.integrationTestRun.create({
    data: { organizationId: organization.id, trigger: 'MANUAL', activeLock: organization.id },
  });
  return run.id;
}
