import { Router } from 'express';
import type { BulkUpsertInput, BulkUpsertResult } from '../../domain/admin/bulk-upsert.js';
import { listMatchings } from '../../domain/admin/list-matchings.js';
import { listPeople } from '../../domain/admin/list-people.js';
import { listPrograms } from '../../domain/admin/list-programs.js';
import { upsertMatchings } from '../../domain/admin/upsert-matchings.js';
import { upsertPeople } from '../../domain/admin/upsert-people.js';
import { upsertPrograms } from '../../domain/admin/upsert-programs.js';
import type { DomainDeps } from '../../domain/deps.js';
import type { Page, PageInput } from '../../domain/paging.js';
import { presentMatching } from '../presenters/matching.js';
import { presentPerson } from '../presenters/person.js';
import { presentProgram } from '../presenters/program.js';
import { actorOf, organizationOf } from './authenticate.js';
import { bulkUpsertBody, bulkUpsertQuery, pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

/** The kinds of record customers sync in, each listed at /<name> and bulk-upserted at /<name>/bulk-upsert. */
const RECORD_NAMES = ['people', 'programs', 'matchings'] as const;
const bulkUpsertPath = (name: string) => `/${name}/bulk-upsert`;

/** The bulk-upsert routes, which take bodies up to HTTP_BODY_LIMIT (router.ts reads them). */
export const BULK_UPSERT_PATHS = RECORD_NAMES.map(bulkUpsertPath);

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
  router.get(`/${routes.name}`, async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await routes.list(deps, { organizationId: organizationOf(res), ...page });
    res.json({ [routes.name]: result.items.map(routes.present), nextCursor: result.nextCursor });
  });
  router.post(bulkUpsertPath(routes.name), async (req, res) => {
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
