import { z } from 'zod';
import { ACCESS_STATUSES } from '../presenters/integration-test.js';
import { pageQuery } from './schema.js';

/** POST /integration/test-runs takes no input (an empty object or no body). */
export const startTestRunBody = z.strictObject({}).optional();

/** POST /integration/test-runs/:runId/cancel takes no input either. */
export const cancelTestRunBody = z.strictObject({}).optional();

/** A per-person table's search and pages: `q` (text the name or email contains, any case) and `page` (1-based, instead of `cursor`). */
const personTableQuery = pageQuery.extend({
  status: z.enum(ACCESS_STATUSES).optional(),
  q: z.string().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

const cursorOrPage = <T extends { cursor?: string | undefined; page?: number | undefined }>(query: T) =>
  query.cursor === undefined || query.page === undefined;
const CURSOR_AND_PAGE = { message: 'Give either cursor or page, not both.', path: ['page'], params: { code: 'cursor_and_page' } };

/** GET /integration/test-runs/:runId/results?status=&q=&cursor=|page=&limit= */
export const testResultsQuery = personTableQuery.refine(cursorOrPage, CURSOR_AND_PAGE);

/** GET /integration/access?status=&reason=&q=&cursor=|page=&limit= (reason: text it contains, any case). */
export const accessQuery = personTableQuery
  .extend({
    reason: z.string().min(1).max(200).optional(),
  })
  .refine(cursorOrPage, CURSOR_AND_PAGE);
