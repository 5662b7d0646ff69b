/**
 * The backend side of the integration-test benchmark, in its own process so its RSS is its own:
 * a fresh database (in-memory PGlite, or BENCH_DATABASE_URL), an organization of N people at the
 * wizard's TEST step, then one integration test run through the emulator. Prints one JSON line.
 * PER_USER: every person's refresh token (stdin, one a line, in person order) is sealed with a
 * TokenKeyring and stored as their CalendarConnection, as the connect callback stores it.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DatabaseConnectionVault } from '../../../backend/domain/connections/connection-vault.js';
import { TokenKeyring } from '../../../backend/domain/connections/token-keyring.js';
import { SharedQuotaGate } from '../../../backend/domain/quota/shared-quota-gate.js';
import { runIntegrationTest } from '../../../backend/domain/integration/run-integration-test.js';
import { ServiceAccountKey } from '../../../backend/google/service-account-key.js';
import { INTEGRATION_TEST_BACKOFF } from '../../../backend/domain/integration/check-person-access.js';
import { createLogger } from '../../../backend/logger.js';
import { openDatabase } from '../../../backend/store/database.js';
import { emulatedGoogle } from '../../support/google.js';

const input = JSON.parse(process.argv[2] ?? '{}') as {
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
};
let stdin = '';
for await (const chunk of process.stdin) stdin += String(chunk);
const refreshTokens = stdin.split('\n').filter(Boolean);
if (input.method === 'PER_USER' && refreshTokens.length !== input.people) {
  throw new Error(`${refreshTokens.length} refresh tokens for ${input.people} people`);
}

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
  migrateOnStart: true,
  migrationsDir: path.resolve('prisma/migrations'),
});
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
const keyring = new TokenKeyring([{ id: 'bench-1', secret: randomBytes(32) }]);
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
const vault =
  input.method === 'PER_USER'
    ? new DatabaseConnectionVault({ prisma: db.prisma, clock: () => new Date(), keyring, requestHealthEvaluation: async () => undefined })
    : undefined;
const run = await db.prisma.integrationTestRun.create({
  data: { organizationId: organization.id, trigger: 'MANUAL', activeLock: organization.id },
});
const rssBeforeRun = process.memoryUsage().rss;

// The production default client cache (GOOGLE_CLIENT_CACHE_SIZE = 10,000).
const google = emulatedGoogle(input.emulatorUrl, ServiceAccountKey.parse(input.key), {
  maxCachedSubjects: 10_000,
  marketplaceListingUrl: 'https://example.invalid/listing',
  ...(vault ? { vault, oauthClient: input.oauthClient } : {}),
  // The deployment's shared budget in the database, as main.ts sets it.
  calls: { gate: new SharedQuotaGate(db.prisma, { projectPerMinute: input.projectPerMinute, userPerMinute: input.userPerMinute }) },
});
const started = Date.now();
const cpuBefore = process.cpuUsage();
const finished = await runIntegrationTest(
  {
    prisma: db.prisma,
    clock: () => new Date(),
    google: {
      calendar: google.calendar,
      directory: google.directory,
      backoff: INTEGRATION_TEST_BACKOFF,
    },
    concurrency: input.concurrency,
    logger: createLogger({ level: 'warn' }),
  },
  { runId: run.id },
);
const durationMs = Date.now() - started;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
sample();
await db.close();
process.stdout.write(
  `${JSON.stringify({
    durationMs,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    status: finished?.status,
    checked: finished?.checked,
    counts: finished?.countsByReason,
    engine: db.engine,
    peakRssMb: Math.round(peakRss / 1e6),
    rssBeforeRunMb: Math.round(rssBeforeRun / 1e6),
    atPeakMb: {
      heapTotal: Math.round(atPeak.heapTotal / 1e6),
      heapUsed: Math.round(atPeak.heapUsed / 1e6),
      external: Math.round(atPeak.external / 1e6),
    },
  })}\n`,
);
process.exit(0);
