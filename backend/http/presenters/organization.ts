import { z } from 'zod';
import type { OrganizationWithDomains } from '../../domain/admin/get-organization.js';
import { domain, id, instant } from './wire.js';

/** An organization and its Workspace domains, each verified or only claimed. */
export const organizationSchema = z
  .strictObject({
    id,
    name: z.string(),
    domains: z.array(
      z.strictObject({
        domain,
        /** Null: only claimed; no super administrator has proved it yet. */
        verifiedAt: instant.nullable(),
        verifiedBy: z.string().nullable(),
        customerId: z.string().nullable(),
        createdAt: instant,
      }),
    ),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Organization', description: 'An organization and its Workspace domains; a domain with `verifiedAt` null is only claimed.' });

/** An organization and its Workspace domains: each verified (when, by which super administrator, for which Google customer) or only claimed. */
export function presentOrganization(organization: OrganizationWithDomains): z.output<typeof organizationSchema> {
  return {
    id: organization.id,
    name: organization.name,
    domains: organization.domains.map((row) => ({
      domain: row.domain,
      verifiedAt: row.verifiedAt,
      verifiedBy: row.verifiedBy,
      customerId: row.customerId,
      createdAt: row.createdAt,
    })),
    createdAt: organization.createdAt,
    updatedAt: organization.updatedAt,
  };
}
