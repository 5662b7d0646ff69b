import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { translateDatabaseError, type DatabaseViolation } from '../../../backend/store/errors.js';
import { createTestDatabase } from '../../support/database.js';
import { createMatching, createOrganization, createPerson, createSession } from '../../support/factories.js';

const db = useWorld(() => createTestDatabase());

/** Runs a write that must fail and returns the violation it translates to. */
async function violation(write: () => Promise<unknown>): Promise<DatabaseViolation> {
  try {
    await write();
  } catch (error) {
    const translated = translateDatabaseError(error);
    if (!translated) throw error;
    return translated;
  }
  throw new Error('expected the write to fail');
}

describe('data model invariants', () => {
  it('holds one person per email per organization, and the same email in another organization', async () => {
    const [a, b] = [await createOrganization(db().prisma), await createOrganization(db().prisma)];
    await createPerson(db().prisma, a.id, { email: 'ana@acme.com' });
    const error = await violation(() => createPerson(db().prisma, a.id, { email: 'ana@acme.com' }));
    expect(error.code).toBe('already_exists');
    await expect(createPerson(db().prisma, b.id, { email: 'ana@acme.com' })).resolves.toBeDefined();
  });

  it('gives a Workspace domain to one organization only, in lower case', async () => {
    await createOrganization(db().prisma, {}, ['shared.example.org']);
    expect((await violation(() => createOrganization(db().prisma, {}, ['shared.example.org']))).code).toBe('already_exists');
    expect((await violation(() => createOrganization(db().prisma, {}, ['Upper.example.org']))).code).toBe('constraint_violation');
  });

  it('refuses rows that point into another organization', async () => {
    const [a, b] = [await createOrganization(db().prisma), await createOrganization(db().prisma)];
    const outsider = await createPerson(db().prisma, b.id);
    const error = await violation(() => createMatching(db().prisma, a.id, { mentorId: outsider.id }));
    expect(error.code).toBe('invalid_reference');

    const matching = await createMatching(db().prisma, a.id);
    const crossTenantSession = await violation(() =>
      createSession(db().prisma, { ...matching, organizationId: b.id }, { organizerId: outsider.id }),
    );
    expect(crossTenantSession.code).toBe('invalid_reference');
  });

  it('refuses a matching of a person with themselves, and a session that ends before it starts', async () => {
    const org = await createOrganization(db().prisma);
    const person = await createPerson(db().prisma, org.id);
    expect((await violation(() => createMatching(db().prisma, org.id, { mentorId: person.id, menteeId: person.id }))).code).toBe(
      'constraint_violation',
    );
    const matching = await createMatching(db().prisma, org.id);
    const start = new Date('2030-01-01T10:00:00Z');
    expect((await violation(() => createSession(db().prisma, matching, { startAt: start, endAt: start }))).code).toBe(
      'constraint_violation',
    );
  });

  it('stores an email only in lower case', async () => {
    const org = await createOrganization(db().prisma);
    expect((await violation(() => createPerson(db().prisma, org.id, { email: 'Ana@Acme.com' }))).code).toBe('constraint_violation');
  });

  it('links one session to one Google event per calendar', async () => {
    const org = await createOrganization(db().prisma);
    const matching = await createMatching(db().prisma, org.id);
    const event = { googleCalendarId: 'mentor@acme.com', googleEventId: 'tgs0123456789' };
    await createSession(db().prisma, matching, event);
    expect((await violation(() => createSession(db().prisma, matching, event))).code).toBe('already_exists');
  });

  it('numbers sessions of a matching uniquely', async () => {
    const org = await createOrganization(db().prisma);
    const matching = await createMatching(db().prisma, org.id);
    await createSession(db().prisma, matching, { sequenceNumber: 1 });
    expect((await violation(() => createSession(db().prisma, matching, { sequenceNumber: 1 }))).code).toBe('already_exists');
  });

  it('allows one active integration test run and one open incident per organization', async () => {
    const org = await createOrganization(db().prisma);
    const run = await db().prisma.integrationTestRun.create({ data: { organizationId: org.id, trigger: 'MANUAL', activeLock: org.id } });
    const second = await violation(() =>
      db().prisma.integrationTestRun.create({ data: { organizationId: org.id, trigger: 'MANUAL', activeLock: org.id } }),
    );
    expect(second.code).toBe('already_exists');
    await db().prisma.integrationTestRun.update({ where: { id: run.id }, data: { status: 'COMPLETED', activeLock: null } });
    await expect(
      db().prisma.integrationTestRun.create({ data: { organizationId: org.id, trigger: 'MANUAL', activeLock: org.id } }),
    ).resolves.toBeDefined();

    const incident = await db().prisma.incident.create({ data: { organizationId: org.id, openLock: org.id, summary: 'failing' } });
    expect(
      (await violation(() => db().prisma.incident.create({ data: { organizationId: org.id, openLock: org.id, summary: 'again' } }))).code,
    ).toBe('already_exists');

    const mail = {
      organizationId: org.id,
      incidentId: incident.id,
      kind: 'INCIDENT_OPENED' as const,
      recipient: 'owner@acme.com',
      subject: 's',
      messageKey: `owner.${incident.id}.opened`,
    };
    await db().prisma.notification.create({ data: mail });
    expect((await violation(() => db().prisma.notification.create({ data: mail }))).code).toBe('already_exists');
  });

  it('records each person at most once per integration test run', async () => {
    const org = await createOrganization(db().prisma);
    const person = await createPerson(db().prisma, org.id);
    const run = await db().prisma.integrationTestRun.create({ data: { organizationId: org.id, trigger: 'SCHEDULED' } });
    const row = { organizationId: org.id, runId: run.id, personId: person.id, status: 'ACTIVE' as const };
    await db().prisma.integrationTestResult.create({ data: row });
    expect((await violation(() => db().prisma.integrationTestResult.create({ data: row }))).code).toBe('already_exists');
  });

  it('keeps timestamps exact to the millisecond in UTC', async () => {
    const org = await createOrganization(db().prisma);
    const matching = await createMatching(db().prisma, org.id);
    const startAt = new Date('2031-03-30T00:59:59.123Z');
    const session = await createSession(db().prisma, matching, { startAt, endAt: new Date(startAt.getTime() + 1_800_000) });
    const read = await db().prisma.mentoringSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(read.startAt.toISOString()).toBe('2031-03-30T00:59:59.123Z');
  });

  it('leaves errors that are not the caller’s fault untranslated', () => {
    expect(translateDatabaseError(new Error('connection reset'))).toBeUndefined();
  });
});
