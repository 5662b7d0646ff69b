import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../domain/paging.js';

/** `?cursor=&limit=` of list routes. */
export const pageQuery = z.object({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** A bulk upsert: `{rows: [...]}`; each row is validated by the use case, so errors come back per row. */
export const bulkUpsertBody = z.strictObject({
  rows: z.array(z.unknown()).min(1, 'send at least one row'),
});

/** `?dryRun=true` validates and reports without writing. */
export const bulkUpsertQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});
