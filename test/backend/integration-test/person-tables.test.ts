import { describe, expect, it } from '@jest/globals';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { OFFICE_HOURS } from '../../support/factories.js';
import { useWorld } from '../../support/use-world.js';
import { setUpOrganization, type AdminApi } from '../admin/support.js';

const db = useWorld(() => createTestDatabase());
const PEOPLE = 212;

/**
 * An organization of 212 people (person-007 is "Ana 100% Sure_Thing", person-042 "Zoë O'Brien\\Ops") with a
 * completed run: every fifth person NOT_INSTALLED, the others ACTIVE, as results and as current access.
 */
async function organizationOf212() {
  const { api, organization, emailAt } = await setUpOrganization(db());
  const prisma = db().prisma;
  const name = (i: number) => (i === 7 ? 'Ana 100% Sure_Thing' : i === 42 ? "Zoë O'Brien\\Ops" : `Person ${i}`);
  await prisma.person.createMany({
    data: Array.from({ length: PEOPLE }, (_, i) => ({
      organizationId: organization.id,
      email: emailAt(`person-${String(i).padStart(3, '0')}`),
      displayName: name(i),
      workingHours: OFFICE_HOURS,
    })),
  });
  const people = await prisma.person.findMany({ where: { organizationId: organization.id }, orderBy: { email: 'asc' } });
  const run = await prisma.integrationTestRun.create({
    data: { organizationId: organization.id, trigger: 'MANUAL', status: 'COMPLETED', total: PEOPLE, checked: PEOPLE },
  });
  const outcome = (i: number) =>
    i % 5 === 0
      ? { status: 'NOT_INSTALLED' as const, reason: 'The Together app is not installed for this user, or a scope is not granted.' }
      : { status: 'ACTIVE' as const, reason: null };
  await prisma.integrationTestResult.createMany({
    data: people.map((p, i) => ({ organizationId: organization.id, runId: run.id, personId: p.id, ...outcome(i) })),
  });
  await prisma.personCalendarAccess.createMany({
    data: people.map((p, i) => ({ organizationId: organization.id, personId: p.id, ...outcome(i) })),
  });
  return { api, runId: run.id, emailAt };
}

type Row = { email: string; displayName: string; status: string };
/** One organization for the refusals: they change nothing. */
let refused: ReturnType<typeof organizationOf212> | undefined;
const emails = (rows: Row[]) => rows.map((r) => r.email);

/** Every row of a table, page by page (`page=`), with the total each page reported. */
async function allPages(api: AdminApi, path: string, limit: number) {
  const seen: Row[] = [];
  const totals = new Set<number>();
  for (let page = 1; ; page++) {
    const response = await api.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&limit=${limit}`);
    expectStatus(response, 200);
    const rows = (response.body.results ?? response.body.access) as Row[];
    totals.add(response.body.total as number);
    if (rows.length === 0) return { seen, totals: [...totals] };
    seen.push(...rows);
  }
}

describe('the per-person tables: search, numbered pages and totals', () => {
  it('pages by number with the total, "Showing 51 to 100 of 212 people, page 2 of 5", the same rows as the cursor', async () => {
    const { api, runId } = await organizationOf212();
    for (const path of [`/integration/test-runs/${runId}/results`, '/integration/access']) {
      const second = await api.get(`${path}?page=2&limit=50`);
      expectStatus(second, 200);
      const rows = (second.body.results ?? second.body.access) as Row[];
      expect([rows.length, second.body.total, Math.ceil(second.body.total / 50)]).toEqual([50, 212, 5]);
      // The same rows as the cursor's second page: id order either way.
      const first = await api.get(`${path}?limit=50`);
      const byCursor = await api.get(`${path}?limit=50&cursor=${first.body.nextCursor}`);
      expect(emails(rows)).toEqual(emails(byCursor.body.results ?? byCursor.body.access));
      expect(first.body.total).toBe(212);
      const { seen, totals } = await allPages(api, path, 50);
      expect([seen.length, new Set(emails(seen)).size, totals]).toEqual([212, 212, [212]]);
      const beyond = await api.get(`${path}?page=9&limit=50`);
      expect([(beyond.body.results ?? beyond.body.access).length, beyond.body.total, beyond.body.nextCursor]).toEqual([0, 212, null]);
    }
  });

  it("searches the person's name or email, any case, the text's own % _ and \\ literally, with the other filters", async () => {
    const { api, runId, emailAt } = await organizationOf212();
    const results = `/integration/test-runs/${runId}/results`;
    const search = async (path: string, query: string) => {
      const response = await api.get(`${path}?${query}`);
      expectStatus(response, 200);
      return { found: emails(response.body.results ?? response.body.access), total: response.body.total as number };
    };
    expect(await search(results, 'q=SURE_thing')).toEqual({ found: [emailAt('person-007')], total: 1 });
    expect(await search(results, `q=${encodeURIComponent('100%')}`)).toEqual({ found: [emailAt('person-007')], total: 1 });
    expect(await search(results, 'q=_')).toEqual({ found: [emailAt('person-007')], total: 1 });
    expect(await search('/integration/access', `q=${encodeURIComponent("o'brien\\")}`)).toEqual({
      found: [emailAt('person-042')],
      total: 1,
    });
    expect(await search('/integration/access', `q=${encodeURIComponent('zoë')}`)).toMatchObject({ total: 1 });
    // By email: person-1xx are 100 people, every fifth of them NOT_INSTALLED.
    expect((await search(results, 'q=PERSON-1')).total).toBe(100);
    expect((await search(results, 'q=person-1&status=NOT_INSTALLED')).total).toBe(20);
    expect(await search('/integration/access', 'q=person-1&reason=NOT%20INSTALLED&limit=5&page=4')).toMatchObject({ total: 20 });
    expect((await search('/integration/access', 'q=person-1&reason=NOT%20INSTALLED&limit=5&page=4')).found).toHaveLength(5);
    expect((await search('/integration/access', 'q=person-1&reason=NOT%20INSTALLED&limit=5&page=5')).found).toHaveLength(0);
    expect((await search('/integration/access', `reason=${encodeURIComponent('%')}`)).total).toBe(0);
    expect(await search(results, 'q=nobody-like-this')).toEqual({ found: [], total: 0 });
  });

  it.each([
    ['cursor and page together', 'page=2&cursor=MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAx', 'page'],
    ['page 0', 'page=0', 'page'],
    ['a page that is not a whole number', 'page=1.5', 'page'],
    ['an empty search', 'q=', 'q'],
    ['a search over 200 characters', `q=${'a'.repeat(201)}`, 'q'],
    ['a limit over 200', 'limit=201&page=1', 'limit'],
  ])('refuses %s with 400 invalid_request naming the field', async (_label, query, field) => {
    const { api, runId } = await (refused ??= organizationOf212());
    for (const path of [`/integration/test-runs/${runId}/results`, '/integration/access']) {
      const response = await api.get(`${path}?${query}`);
      expectStatus(response, 400);
      expect(response.body.error).toMatchObject({
        code: 'invalid_request',
        details: { location: 'query', issues: [expect.objectContaining({ field })] },
      });
    }
  });
});
