import type { OrganizationWithDomains } from '../../domain/admin/get-organization.js';

/** An organization and its Workspace domains. */
export function presentOrganization(organization: OrganizationWithDomains) {
  return {
    id: organization.id,
    name: organization.name,
    domains: organization.domains.map((row) => ({ domain: row.domain, verifiedAt: row.verifiedAt, createdAt: row.createdAt })),
    createdAt: organization.createdAt,
    updatedAt: organization.updatedAt,
  };
}
