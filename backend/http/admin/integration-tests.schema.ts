import { z } from 'zod';
import { pageQuery } from './schema.js';

const ACCESS_STATUSES = [
  'UNKNOWN',
  'ACTIVE',
  'NOT_INSTALLED',
  'NOT_IN_WORKSPACE',
  'SUSPENDED_OR_DELETED',
  'DOMAIN_NOT_VERIFIED',
  'CALENDAR_API_ERROR',
  'OTHER',
] as const;

/** POST /integration/test-runs takes no input (an empty object or no body). */
export const startTestRunBody = z.strictObject({}).optional();

/** POST /integration/test-runs/:runId/cancel takes no input either. */
export const cancelTestRunBody = z.strictObject({}).optional();

/** GET /integration/test-runs/:runId/results?status=&cursor=&limit= */
export const testResultsQuery = pageQuery.extend({
  status: z.enum(ACCESS_STATUSES).optional(),
});

/** GET /integration/access?status=&reason=&cursor=&limit= (reason: text it contains, any case). */
export const accessQuery = pageQuery.extend({
  status: z.enum(ACCESS_STATUSES).optional(),
  reason: z.string().min(1).max(200).optional(),
});
