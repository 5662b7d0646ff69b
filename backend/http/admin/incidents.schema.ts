import { z } from 'zod';
import { pageQuery } from './schema.js';

/** `GET …/incidents?cursor=&limit=&open=true|false`. */
export const incidentsQuery = pageQuery.extend({
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
});
