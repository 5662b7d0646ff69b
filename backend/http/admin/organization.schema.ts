import { z } from 'zod';
import { domainNameSchema } from '../../domain/values.js';

/** PATCH /organizations/:id: a new name and/or the complete list of Workspace domains. */
export const updateOrganizationBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    /** Replaces the set; lower-cased; at least one. */
    domains: z.array(domainNameSchema).min(1).max(100).optional(),
  })
  .refine((body) => body.name !== undefined || body.domains !== undefined, { message: 'give name and/or domains' });
