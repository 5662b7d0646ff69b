import { z } from 'zod';
import { domainNameSchema } from '../../domain/values.js';

/** POST /domains/verifications: the domain a Workspace super administrator is to prove (no body: `domain` is missing). */
export const startVerificationBody = z.preprocess(
  (body) => body ?? {},
  z.strictObject({
    /** Lower-cased; a trailing dot is dropped. */
    domain: domainNameSchema,
  }),
);
