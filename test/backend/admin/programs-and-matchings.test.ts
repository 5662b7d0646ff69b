import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { createPerson, createProgram } from '../../support/factories.js';
import { auditEntries, setUpOrganization, type AdminApi, type EmailAt } from './support.js';

const db = useWorld(() => createTestDatabase());

describe('bulk upsert of programs', () => {
  it('creates with defaults, reruns unchanged, updates what changed', async () => {
    const { api } = await setUpOrganization(db());
    const created = await api.post('/programs/bulk-upsert', {
      rows: [
        { externalId: 'p-1', name: 'Leadership' },
        {
          externalId: 'p-2',
          name: 'Engineering',
          sessionDurations: [60, 30],
          bufferMinutes: 15,
          minimumNoticeMinutes: 60,
          status: 'ARCHIVED',
        },
      ],
    });
    expectStatus(created, 200);
    expect(created.body.summary).toMatchObject({ created: 2 });
    const list = await api.get('/programs');
    const byExternalId = Object.fromEntries(list.body.programs.map((p: { externalId: string }) => [p.externalId, p]));
    expect(byExternalId['p-1']).toMatchObject({
      name: 'Leadership',
      sessionDurations: [30, 45, 60],
      bufferMinutes: 0,
      minimumNoticeMinutes: 720,
      status: 'ACTIVE',
    });
    expect(byExternalId['p-2']).toMatchObject({
      sessionDurations: [30, 60],
      bufferMinutes: 15,
      minimumNoticeMinutes: 60,
      status: 'ARCHIVED',
    });

    const again = await api.post('/programs/bulk-upsert', {
      rows: [
        { externalId: 'p-1', name: 'Leadership' },
        { externalId: 'p-2', name: 'Engineering', sessionDurations: [30, 60] },
      ],
    });
    expect(again.body.rows.map((r: { status: string }) => r.status)).toEqual(['unchanged', 'unchanged']);

    const changed = await api.post('/programs/bulk-upsert', {
      rows: [{ externalId: 'p-1', name: 'Leadership 2', sessionDurations: [45] }],
    });
    expect(changed.body.rows).toEqual([{ index: 0, status: 'updated', id: byExternalId['p-1'].id }]);
    const stored = await db().prisma.program.findUniqueOrThrow({ where: { id: byExternalId['p-1'].id } });
    expect(stored).toMatchObject({ name: 'Leadership 2', sessionDurations: [45], minimumNoticeMinutes: 720 });
    expect((await auditEntries(db(), api.organizationId)).map((e) => e.action)).toEqual([
      'programs.upserted',
      'programs.upserted',
      'programs.upserted',
    ]);
  });

  it.each([
    ['a duration Together does not offer', { sessionDurations: [15] }, 'sessionDurations.0'],
    ['no durations', { sessionDurations: [] }, 'sessionDurations'],
    ['a repeated duration', { sessionDurations: [30, 30] }, 'sessionDurations'],
    ['a negative buffer', { bufferMinutes: -5 }, 'bufferMinutes'],
    ['a fractional notice', { minimumNoticeMinutes: 1.5 }, 'minimumNoticeMinutes'],
    ['no externalId', { externalId: undefined }, 'externalId'],
  ])('refuses %s, writing nothing', async (_label, change, field) => {
    const { api } = await setUpOrganization(db());
    const response = await api.post('/programs/bulk-upsert', {
      rows: [
        { externalId: 'ok', name: 'Fine' },
        { externalId: 'p', name: 'P', ...change },
      ],
    });
    expectStatus(response, 422);
    expect(response.body.error.details.rows).toEqual([{ index: 1, status: 'invalid', errors: [expect.objectContaining({ field })] }]);
    expect(await db().prisma.program.count({ where: { organizationId: api.organizationId } })).toBe(0);
  });
});

/** Three people at the organization's domain (`emailAt`) and two programs. */
async function seed(api: AdminApi, emailAt: EmailAt) {
  expectStatus(
    await api.post('/people/bulk-upsert', {
      rows: [
        { email: emailAt('mentor'), displayName: 'Mentor', externalId: 'u-mentor' },
        { email: emailAt('mentee'), displayName: 'Mentee' },
        { email: emailAt('third'), displayName: 'Third' },
      ],
    }),
    200,
  );
  const programs = await api.post('/programs/bulk-upsert', {
    rows: [
      { externalId: 'p-1', name: 'Leadership' },
      { externalId: 'p-2', name: 'Tech' },
    ],
  });
  expectStatus(programs, 200);
  return { programId: programs.body.rows[1].id as string };
}

/** A matching of the seeded people; the mentee's email is upper-cased, as references match lower-cased. */
const matchingAt = (domain: string) => ({
  externalId: 'm-1',
  program: { externalId: 'p-1' },
  mentor: { externalId: 'u-mentor' },
  mentee: { email: `Mentee@${domain.toUpperCase()}` },
  agenda: 'Find a first project',
});

describe('bulk upsert of matchings', () => {
  it('creates a matching from references by externalId, email and id; reruns unchanged; updates', async () => {
    const { api, domain, emailAt } = await setUpOrganization(db());
    const matching = matchingAt(domain);
    const { programId } = await seed(api, emailAt);
    const created = await api.post('/matchings/bulk-upsert', {
      rows: [
        matching,
        { externalId: 'm-2', program: { id: programId }, mentor: { email: emailAt('third') }, mentee: { email: emailAt('mentee') } },
      ],
    });
    expectStatus(created, 200);
    expect(created.body.summary).toMatchObject({ created: 2, invalid: 0 });
    const people = Object.fromEntries(
      (await db().prisma.person.findMany({ where: { organizationId: api.organizationId } })).map((p) => [p.email, p.id]),
    );
    const stored = await db().prisma.matching.findUniqueOrThrow({ where: { id: created.body.rows[0].id } });
    expect(stored).toMatchObject({
      mentorId: people[emailAt('mentor')],
      menteeId: people[emailAt('mentee')],
      status: 'ACTIVE',
      agenda: 'Find a first project',
    });

    const again = await api.post('/matchings/bulk-upsert', { rows: [matching] });
    expect(again.body.rows).toEqual([{ index: 0, status: 'unchanged', id: stored.id }]);

    const updated = await api.post('/matchings/bulk-upsert', { rows: [{ ...matching, status: 'PAUSED', agenda: null }] });
    expect(updated.body.rows).toEqual([{ index: 0, status: 'updated', id: stored.id }]);
    expect(await db().prisma.matching.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({ status: 'PAUSED', agenda: null });

    const list = await api.get('/matchings?limit=1');
    expectStatus(list, 200);
    expect(list.body.matchings).toHaveLength(1);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    expect(Object.keys(list.body.matchings[0]).sort()).toEqual([
      'agenda',
      'createdAt',
      'externalId',
      'id',
      'menteeId',
      'mentorId',
      'programId',
      'status',
      'updatedAt',
    ]);
  });

  it('refuses rows naming what does not exist, and writes none of the batch', async () => {
    const { api, domain, emailAt } = await setUpOrganization(db());
    const matching = matchingAt(domain);
    await seed(api, emailAt);
    const response = await api.post('/matchings/bulk-upsert', {
      rows: [
        matching,
        { ...matching, externalId: 'm-2', program: { externalId: 'nope' } },
        { ...matching, externalId: 'm-3', mentor: { email: emailAt('ghost') }, mentee: { externalId: 'ghost' } },
        { ...matching, externalId: 'm-4', program: { id: '00000000-0000-4000-8000-000000000000' } },
      ],
    });
    expectStatus(response, 422);
    expect(
      response.body.error.details.rows.map((r: { index: number; errors: { field: string; code: string }[] }) => [
        r.index,
        r.errors.map((e) => `${e.field}:${e.code}`),
      ]),
    ).toEqual([
      [1, ['program:not_found']],
      [2, ['mentor:not_found', 'mentee:not_found']],
      [3, ['program:not_found']],
    ]);
    expect(await db().prisma.matching.count({ where: { organizationId: api.organizationId } })).toBe(0);
  });

  it('never resolves a reference into another organization', async () => {
    const other = await setUpOrganization(db());
    const foreignProgram = await createProgram(db().prisma, other.organization.id, { externalId: 'foreign' });
    const foreigner = await createPerson(db().prisma, other.organization.id, { email: other.emailAt('foreigner') });
    const { api, domain, emailAt } = await setUpOrganization(db());
    const matching = matchingAt(domain);
    await seed(api, emailAt);
    const response = await api.post('/matchings/bulk-upsert', {
      rows: [
        { ...matching, program: { id: foreignProgram.id } },
        { ...matching, externalId: 'm-2', program: { externalId: 'foreign' } },
        { ...matching, externalId: 'm-3', mentee: { email: foreigner.email } },
      ],
    });
    expectStatus(response, 422);
    expect(response.body.error.details.rows.map((r: { errors: { field: string }[] }) => r.errors[0]?.field)).toEqual([
      'program',
      'program',
      'mentee',
    ]);
  });

  it.each<[string, (emailAt: EmailAt) => object, string, string]>([
    ['the same person as mentor and mentee', () => ({ mentee: { externalId: 'u-mentor' } }), 'mentee', 'same_person'],
    [
      'a reference with both email and externalId',
      (emailAt) => ({ mentor: { email: emailAt('mentor'), externalId: 'u-mentor' } }),
      'mentor',
      'invalid_reference',
    ],
    ['a reference with neither', () => ({ program: {} }), 'program', 'invalid_reference'],
    ['a program id that is not a UUID', () => ({ program: { id: 'p-1' } }), 'program.id', 'invalid_format'],
    ['an unknown status', () => ({ status: 'DONE' }), 'status', 'invalid_value'],
  ])('refuses %s', async (_label, change, field, code) => {
    const { api, domain, emailAt } = await setUpOrganization(db());
    await seed(api, emailAt);
    const response = await api.post('/matchings/bulk-upsert', { rows: [{ ...matchingAt(domain), ...change(emailAt) }] });
    expectStatus(response, 422);
    expect(response.body.error.details.rows[0].errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('refuses two matchings of the same pair in one program, in a batch or against the database', async () => {
    const { api, domain, emailAt } = await setUpOrganization(db());
    const matching = matchingAt(domain);
    await seed(api, emailAt);
    const inBatch = await api.post('/matchings/bulk-upsert', { rows: [matching, { ...matching, externalId: 'm-2' }] });
    expectStatus(inBatch, 422);
    expect(inBatch.body.error.details.rows.map((r: { errors: { code: string }[] }) => r.errors[0]?.code)).toEqual([
      'duplicate_in_batch',
      'duplicate_in_batch',
    ]);

    expectStatus(await api.post('/matchings/bulk-upsert', { rows: [matching] }), 200);
    const later = await api.post('/matchings/bulk-upsert', { rows: [{ ...matching, externalId: 'm-2' }] });
    expectStatus(later, 422);
    expect(later.body.error.details.rows[0].errors).toEqual([expect.objectContaining({ field: 'mentee', code: 'conflict' })]);
  });
});
