import type { OrganizationWithDomains } from '../../domain/admin/get-organization.js';

/** An organization and its Workspace domains: each verified (when, by which super administrator, for which Google customer) or only claimed. */
export function presentOrganization(organization: OrganizationWithDomains) {
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
