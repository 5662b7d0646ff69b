import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../../backend/emulator/index.js';
import { recordAccessSignal } from '../../../backend/domain/health/record-access-signal.js';
import { reportingAccessFailures } from '../../../backend/domain/health/report-access-failures.js';
import { DELEGATED_SCOPES } from '../../../backend/google/delegated-auth.js';
import { GoogleApiError } from '../../../backend/google/errors.js';
import { createOrganization, createPerson } from '../../support/factories.js';
import { startHealthWorld, type HealthWorld } from './support.js';
import { emulatedGoogle } from '../../support/google.js';

const SERVICE_ACCOUNT = 'together@together-test.iam.gserviceaccount.com';
let emulator: RunningEmulator;
let world: HealthWorld;

beforeAll(async () => {
  world = await startHealthWorld();
  // On the process clock, which the world's clock starts from: google-auth-library checks token times against it.
  emulator = await startEmulator({
    seed: {
      domains: [{ name: 'acme.test' }],
      users: [
        { email: 'ana@acme.test', orgUnitPath: '/Staff' },
        { email: 'carl@acme.test', orgUnitPath: '/Contractors' },
      ],
      serviceAccounts: [{ clientEmail: SERVICE_ACCOUNT, clientId: '1234' }],
      grants: [{ serviceAccount: SERVICE_ACCOUNT, domain: 'acme.test', scopes: [...DELEGATED_SCOPES], reach: { orgUnits: ['/Staff'] } }],
    },
  });
});
afterAll(async () => {
  await emulator.close();
  await world.db.close();
});

describe('access failures met during normal work', () => {
  it("update the person's calendar access and ask for one health evaluation, passing the error on", async () => {
    const organization = await createOrganization(world.db.prisma, {}, ['acme.test']);
    const carl = await createPerson(world.db.prisma, organization.id, { email: 'carl@acme.test' });
    await createPerson(world.db.prisma, organization.id, { email: 'ana@acme.test' });
    const evaluations: string[] = [];
    const { calendar } = emulatedGoogle(emulator.url, emulator.serviceAccounts[0]!, {
      maxCachedSubjects: 10,
      marketplaceListingUrl: 'https://workspace.google.com/marketplace/app/together/1',
    });
    const clock = world.clock.now;
    const acme = (subject: string) => ({ subject, verifiedDomains: ['acme.test', 'elsewhere.test'] });
    const reporting = reportingAccessFailures(calendar, {
      prisma: world.db.prisma,
      clock,
      recordAccessSignal: (signal) =>
        recordAccessSignal({ prisma: world.db.prisma, clock, requestHealthEvaluation: async (id) => void evaluations.push(id) }, signal),
      onReportFailed: (error) => {
        throw error;
      },
    });

    expect(await reporting.getTimeZone(acme('ana@acme.test'))).toBe('UTC');
    await expect(reporting.getTimeZone(acme('carl@acme.test'))).rejects.toBeInstanceOf(GoogleApiError);
    await expect(reporting.getTimeZone(acme('carl@acme.test'))).rejects.toMatchObject({ kind: 'not_installed' });

    const access = await world.db.prisma.personCalendarAccess.findUniqueOrThrow({
      where: { organizationId_personId: { organizationId: organization.id, personId: carl.id } },
    });
    expect(access).toMatchObject({ status: 'NOT_INSTALLED', fix: expect.stringContaining('client ID 1234') });
    expect(evaluations).toEqual([organization.id]); // the second refusal changed nothing
    // Nobody outside Together is recorded.
    await expect(reporting.getTimeZone(acme('nobody@elsewhere.test'))).rejects.toBeInstanceOf(GoogleApiError);
    expect(await world.db.prisma.personCalendarAccess.count()).toBe(1);
  });
});
