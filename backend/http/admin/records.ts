import { Router } from 'express';
import { z } from 'zod';
import type { BulkUpsertInput, BulkUpsertResult } from '../../domain/admin/bulk-upsert.js';
import { listMatchings } from '../../domain/admin/list-matchings.js';
import { listPeople } from '../../domain/admin/list-people.js';
import { listPrograms } from '../../domain/admin/list-programs.js';
import { upsertMatchings } from '../../domain/admin/upsert-matchings.js';
import { upsertPeople } from '../../domain/admin/upsert-people.js';
import { upsertPrograms } from '../../domain/admin/upsert-programs.js';
import type { DomainDeps } from '../../domain/deps.js';
import type { Page, PageInput } from '../../domain/paging.js';
import { route, serve } from '../openapi/route.js';
import { matchingSchema, presentMatching } from '../presenters/matching.js';
import { personSchema, presentPerson } from '../presenters/person.js';
import { presentProgram, programSchema } from '../presenters/program.js';
import { id, nextCursor } from '../presenters/wire.js';
import { actorOf, organizationOf } from './authenticate.js';
import { bulkUpsertBody, bulkUpsertQuery, pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

/** The kinds of record customers sync in, each listed at /<name> and bulk-upserted at /<name>/bulk-upsert. */
const RECORD_NAMES = ['people', 'programs', 'matchings'] as const;
const bulkUpsertPath = (name: string) => `/${name}/bulk-upsert`;

/** The bulk-upsert routes, which take bodies up to HTTP_BODY_LIMIT (router.ts reads them). */
export const BULK_UPSERT_PATHS = RECORD_NAMES.map(bulkUpsertPath);

/** A bulk upsert's answer: what happened (or would, in a dry run) to each row, and the counts. */
const bulkUpsertResultSchema = z
  .strictObject({
    rows: z.array(
      z.strictObject({
        /** Position of the row in the request, from 0. */
        index: z.int(),
        status: z.enum(['created', 'updated', 'unchanged', 'invalid']),
        id: id.optional(),
        errors: z.array(z.strictObject({ field: z.string(), code: z.string(), message: z.string() })).optional(),
      }),
    ),
    summary: z.strictObject({ total: z.int(), created: z.int(), updated: z.int(), unchanged: z.int(), invalid: z.int() }),
    dryRun: z.boolean(),
  })
  .meta({ id: 'BulkUpsertResult', description: 'What happened (or would happen, in a dry run) to each row of a bulk upsert.' });

/** The list and bulk-upsert routes of one kind of record. */
function recordRoutesOf(name: (typeof RECORD_NAMES)[number], item: z.ZodType) {
  const tag = name === 'people' ? 'People' : 'Programs and matchings';
  return {
    list: route({
      method: 'get',
      path: `/${name}`,
      tag,
      summary: `The organization's ${name}, oldest first`,
      query: pageQuery,
      responses: { 200: { description: `A page of ${name}`, body: z.strictObject({ [name]: z.array(item), nextCursor }) } },
      errors: [],
    }),
    upsert: route({
      method: 'post',
      path: bulkUpsertPath(name),
      tag,
      summary: `Create or update up to 5,000 ${name} in one transaction (all or nothing)`,
      description:
        'Every row is validated first; one invalid row and nothing is written (422 `invalid_rows`, the first 100 invalid rows with ' +
        'their errors). The body may be up to `HTTP_BODY_LIMIT`. `?dryRun=true` validates and reports without writing.',
      query: bulkUpsertQuery,
      body: bulkUpsertBody,
      responses: { 200: { description: 'Each row and the counts', body: bulkUpsertResultSchema } },
      errors: ['invalid_rows', 'batch_too_large'],
    }),
  };
}

/** Each kind's list and bulk upsert. */
export const recordRoutes = {
  people: recordRoutesOf('people', personSchema),
  programs: recordRoutesOf('programs', programSchema),
  matchings: recordRoutesOf('matchings', matchingSchema),
};

/** How one kind of record the customer syncs into Together is listed and bulk-upserted. */
interface RecordRoutes<T> {
  /** Path segment and response key: people, programs, matchings. */
  name: (typeof RECORD_NAMES)[number];
  list: (deps: DomainDeps, input: { organizationId: string } & PageInput) => Promise<Page<T>>;
  upsert: (deps: DomainDeps, input: BulkUpsertInput) => Promise<BulkUpsertResult>;
  present: (record: T) => unknown;
}

/** GET /<name>?cursor=&limit= and POST /<name>/bulk-upsert[?dryRun=true] for one kind of record. */
function recordRouter<T>(deps: DomainDeps, routes: RecordRoutes<T>): Router {
  const router = Router({ mergeParams: true });
  const described = recordRoutes[routes.name];
  serve(router, described.list, async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await routes.list(deps, { organizationId: organizationOf(res), ...page });
    res.json({ [routes.name]: result.items.map(routes.present), nextCursor: result.nextCursor });
  });
  serve(router, described.upsert, async (req, res) => {
    const { rows } = parseInput(bulkUpsertBody, req.body, 'body');
    const { dryRun } = parseInput(bulkUpsertQuery, req.query, 'query');
    res.json(await routes.upsert(deps, { organizationId: organizationOf(res), rows, dryRun, actor: actorOf(res) }));
  });
  return router;
}

/** People, programs and matchings: the data Together's customers sync in. */
export function recordsRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(recordRouter(deps, { name: 'people', list: listPeople, upsert: upsertPeople, present: presentPerson }));
  router.use(recordRouter(deps, { name: 'programs', list: listPrograms, upsert: upsertPrograms, present: presentProgram }));
  router.use(recordRouter(deps, { name: 'matchings', list: listMatchings, upsert: upsertMatchings, present: presentMatching }));
  return router;
}
