/**
 * The backend side of the integration-test benchmark, in its own process so its RSS is its own:
 * a fresh database (in-memory PGlite, or BENCH_DATABASE_URL), an organization of N people at the
 * wizard's TEST step, then one integration test run through the emulator. Prints one JSON line.
 */
import path from 'node:path';
import { GoogleRateLimits } from '../../../backend/domain/integration/rate-limits.js';
import { runIntegrationTest } from '../../../backend/domain/integration/run-integration-test.js';
import { CalendarAdapter } from '../../../backend/google/calendar.js';
import { DELEGATED_SCOPES, DelegatedAuth } from '../../../backend/google/delegated-auth.js';
import { DirectoryAdapter } from '../../../backend/google/directory.js';
import { GoogleEndpoints } from '../../../backend/google/endpoints.js';
import { ServiceAccountKey } from '../../../backend/google/service-account-key.js';
import { INTEGRATION_TEST_BACKOFF } from '../../../backend/jobs/integration-test-job.js';
import { createLogger } from '../../../backend/logger.js';
import { openDatabase } from '../../../backend/store/database.js';

const input = JSON.parse(process.argv[2] ?? '{}') as { emulatorUrl: string; key: string; people: number; domain: string; concurrency: number; projectPerMinute: number; userPerMinute: number };

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const db = await openDatabase({
  url: process.env.BENCH_DATABASE_URL ?? 'pglite:memory://',
  connectTimeoutMs: 5000,
  migrateOnStart: true,
  migrationsDir: path.resolve('prisma/migrations'),
});
const organization = await db.prisma.organization.create({
  data: {
    name: 'Bench',
    domains: { create: [{ domain: input.domain }] },
    integration: { create: { vendor: 'GOOGLE_CALENDAR', method: 'DOMAIN_WIDE', ownerEmail: `user0@${input.domain}`, wizardStep: 'TEST', status: 'CONFIGURING' } },
  },
});
for (let start = 0; start < input.people; start += 5000) {
  await db.prisma.person.createMany({
    data: Array.from({ length: Math.min(5000, input.people - start) }, (_, i) => ({
      organizationId: organization.id,
      email: `user${start + i}@${input.domain}`,
      displayName: `User ${start + i}`,
      workingHours: {},
    })),
  });
}
const run = await db.prisma.integrationTestRun.create({ data: { organizationId: organization.id, trigger: 'MANUAL', activeLock: organization.id } });
const rssBeforeRun = process.memoryUsage().rss;

const key = ServiceAccountKey.parse(input.key);
const endpoints = new GoogleEndpoints(input.emulatorUrl);
// The production default client cache (GOOGLE_CLIENT_CACHE_SIZE = 10,000).
const auth = new DelegatedAuth(key, endpoints, { maxCachedSubjects: 10_000 });
const context = { clientId: key.clientId, scopes: DELEGATED_SCOPES, marketplaceListingUrl: 'https://example.invalid/listing' };
const started = Date.now();
const finished = await runIntegrationTest(
  {
    prisma: db.prisma,
    clock: () => new Date(),
    google: {
      calendar: new CalendarAdapter(auth, endpoints, context),
      directory: new DirectoryAdapter(auth, endpoints, context),
      limits: new GoogleRateLimits({ projectPerMinute: input.projectPerMinute, userPerMinute: input.userPerMinute }),
      backoff: INTEGRATION_TEST_BACKOFF,
    },
    concurrency: input.concurrency,
    logger: createLogger({ level: 'warn' }),
  },
  { runId: run.id },
);
const durationMs = Date.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await db.close();
process.stdout.write(
  `${JSON.stringify({
    durationMs,
    status: finished?.status,
    checked: finished?.checked,
    counts: finished?.countsByReason,
    engine: db.engine,
    peakRssMb: Math.round(peakRss / 1e6),
    rssBeforeRunMb: Math.round(rssBeforeRun / 1e6),
  })}\n`,
);
process.exit(0);
