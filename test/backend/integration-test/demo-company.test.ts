import { describe, expect, it } from '@jest/globals';
import { runIntegrationTest } from '../../../backend/domain/integration/run-integration-test.js';
import { setIntegrationVendor } from '../../../backend/domain/integration/set-integration-vendor.js';
import { actAs } from '../../../backend/domain/verified-domains.js';
import { useWorld } from '../../support/use-world.js';
import { DEMO_OWNER, startDemoCompany, SUSPENDED, type DemoCompany, type DemoGoogle } from './demo-company.js';
import { control, queuedRun, resultsByEmail } from './support.js';

const world = useWorld(startDemoCompany, (w) => control(w).resetRequests());

/** The demo install's reach, as seeded. */
const SEEDED_REACH = ['/Engineering', '/Sales', '/Operations', '/People'];
const michael = 'michael.brown@acme.test'; // /Sales

/** One run of the demo organization to the end, with its results by email and the emulator's request log of the run. */
async function run(w: DemoCompany, options: { concurrency?: number; google?: DemoGoogle } = {}) {
  await control(w).resetRequests();
  const deps = w.deps({ concurrency: options.concurrency ?? 4 }, options.google);
  const finished = await runIntegrationTest(deps, { runId: (await queuedRun(w, w.organizationId)).id });
  return { finished, results: await resultsByEmail(w.db.prisma, finished!.id), log: await control(w).requests() };
}

/** Orders the people the run checks (by id): these first, in this order, then everyone else. */
async function checkedFirst(w: DemoCompany, emails: readonly string[]) {
  for (const [i, email] of emails.entries()) {
    const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    await w.db.prisma
      .$executeRaw`UPDATE "Person" SET "id" = ${id}::uuid WHERE "organizationId" = ${w.organizationId}::uuid AND "email" = ${email}`;
  }
}

describe('the integration test against the demo company', () => {
  it('reports an install narrowed since the last run at once: a new token per person per run, ordinary calls on the cache', async () => {
    const w = world();
    await w.narrowInstall(SEEDED_REACH);
    const first = await run(w);
    expect(first.finished).toMatchObject({ status: 'COMPLETED', total: 29, active: 22 });
    expect(first.results[michael]?.status).toBe('ACTIVE');
    const people = Object.keys(first.results);
    expect(people).toHaveLength(29);
    expect(first.log.tokenRequests).toEqual(Object.fromEntries(people.map((email) => [email, 1])));

    // The Workspace admin narrows the install to /Engineering: Google keeps the tokens it issued valid,
    // so an ordinary call as Michael still works on his cached token, without asking for a new one.
    await w.narrowInstall(['/Engineering']);
    await control(w).resetRequests();
    await expect(w.google.calendar.getTimeZone(actAs(michael, ['acme.test']))).resolves.toBe('America/New_York');
    expect((await control(w).requests()).tokenRequests[michael]).toBeUndefined();

    // The re-test asks for a new token per person: everyone outside /Engineering is NOT_INSTALLED now.
    const second = await run(w);
    expect(second.finished).toMatchObject({ status: 'COMPLETED', total: 29, active: 10 });
    expect(second.results[michael]).toMatchObject({ status: 'NOT_INSTALLED', reason: expect.stringMatching(/not installed/) });
    expect(second.results['ana.garcia@acme.test']?.status).toBe('ACTIVE'); // /Engineering
    expect(second.results['emily.chen@acme.test']?.status).toBe('ACTIVE'); // /Engineering/Platform
    expect(second.log.tokenRequests).toEqual(Object.fromEntries(people.map((email) => [email, 1])));

    // The new token went into the cache: a later ordinary call as Ana asks Google for no token.
    await control(w).resetRequests();
    await w.google.calendar.getTimeZone(actAs('ana.garcia@acme.test', ['acme.test']));
    expect((await control(w).requests()).tokenRequests['ana.garcia@acme.test']).toBeUndefined();
  });

  it('classifies suspended people the same whoever happens to be active first, with the owner outside the install', async () => {
    const w = world();
    await w.narrowInstall(['/Engineering']);
    // As reported: a backend started after the change (nothing cached), checking two suspended people outside
    // /Engineering, then Ana (active), then Diego (suspended, inside). It said NOT_IN_WORKSPACE, NOT_IN_WORKSPACE
    // (nobody to ask yet) and SUSPENDED_OR_DELETED (asked as Ana, whom the emulator answers like an administrator).
    await checkedFirst(w, ['noah.thomas@acme.test', 'ren.watanabe@acme.test', 'ana.garcia@acme.test', 'diego.romero@acme.test']);
    const { results, log } = await run(w, { concurrency: 1, google: w.newClients() });
    const verdicts = SUSPENDED.map((email) => ({
      status: results[email]?.status,
      reason: results[email]?.reason,
      fix: results[email]?.fix,
    }));
    expect(verdicts[0]).toMatchObject({
      status: 'NOT_IN_WORKSPACE',
      reason: expect.stringContaining(
        `as ${DEMO_OWNER}, the super administrator who verified acme.test: The Together app is not installed`,
      ),
    });
    expect(verdicts).toEqual([verdicts[0], verdicts[0], verdicts[0]]);
    expect(results['former.employee@acme.test']).toMatchObject(verdicts[0]!);
    // Nobody but the verifying administrator is asked, and him once: his token refused, the run knows.
    expect(log.perMethod['directory.users.get']).toBeUndefined();
    expect(log.tokenRequests[DEMO_OWNER]).toBe(1);

    // Installed for Oliver again, with a non-administrator outside the install as integration owner: the owner does not matter.
    await w.narrowInstall(SEEDED_REACH);
    await setIntegrationVendor(
      { prisma: w.db.prisma, clock: w.clock.now },
      {
        organizationId: w.organizationId,
        vendor: 'GOOGLE_CALENDAR',
        ownerEmail: 'freya.hughes@acme.test',
        actor: { type: 'SYSTEM', id: 'test' },
      },
    );
    const again = await run(w, { concurrency: 1 });
    for (const email of SUSPENDED) {
      expect([email, again.results[email]?.status, again.results[email]?.reason]).toEqual([
        email,
        'SUSPENDED_OR_DELETED',
        'The user is suspended in Google Workspace.',
      ]);
    }
    expect(again.results['former.employee@acme.test']).toMatchObject({
      status: 'NOT_IN_WORKSPACE',
      reason: 'Google Workspace has no user with this address.',
    });
    expect(again.log.perSubject[DEMO_OWNER]?.['directory.users.get']).toBe(4);
  });
});
