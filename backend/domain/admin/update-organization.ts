import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { isUniqueViolation } from '../../store/errors.js';
import { AppError } from '../errors.js';
import type { OrganizationWithDomains } from './get-organization.js';

export interface UpdateOrganizationInput {
  organizationId: string;
  name?: string | undefined;
  /** The full set of Workspace domains (lower-case, validated); absent keeps them. */
  domains?: string[] | undefined;
  actor: Actor;
}

/**
 * The refusal of domains another organization holds. It names only the caller's own domains and
 * says "not available": not that an organization holds them, nor which.
 */
function domainsUnavailable(domains: string[]): AppError {
  return new AppError('domain_unavailable', 'These Workspace domains are not available; if they are yours, contact Together support.', {
    domains,
  });
}

/**
 * Renames an organization and/or replaces its Workspace domains. A domain owned by another
 * organization is refused with `domain_unavailable`; kept domains keep their verification.
 */
export async function updateOrganization(deps: DomainDeps, input: UpdateOrganizationInput): Promise<OrganizationWithDomains> {
  return deps.prisma.$transaction(async (tx) => {
    const at = deps.clock();
    const where = { id: input.organizationId };
    const current = await tx.organization.findUnique({ where, include: { domains: true } });
    if (!current) throw new AppError('not_found', 'The organization does not exist.');

    const changes: { name?: { from: string; to: string }; domains?: { added: string[]; removed: string[] } } = {};
    if (input.name !== undefined && input.name !== current.name) {
      await tx.organization.update({ where, data: { name: input.name } });
      changes.name = { from: current.name, to: input.name };
    }
    if (input.domains !== undefined) {
      const wanted = [...new Set(input.domains)];
      const have = new Set(current.domains.map((row) => row.domain));
      const added = wanted.filter((domain) => !have.has(domain));
      const removed = [...have].filter((domain) => !wanted.includes(domain));
      if (added.length > 0) {
        const taken = await tx.workspaceDomain.findMany({ where: { domain: { in: added } }, select: { domain: true } });
        if (taken.length > 0) throw domainsUnavailable(taken.map((row) => row.domain));
        try {
          await tx.workspaceDomain.createMany({ data: added.map((domain) => ({ organizationId: current.id, domain, createdAt: at })) });
        } catch (error) {
          // Another organization took one in the meantime: the same answer, not the constraint's name.
          if (isUniqueViolation(error)) throw domainsUnavailable(added);
          throw error;
        }
      }
      if (removed.length > 0) await tx.workspaceDomain.deleteMany({ where: { organizationId: current.id, domain: { in: removed } } });
      if (added.length > 0 || removed.length > 0) changes.domains = { added, removed };
    }

    if (Object.keys(changes).length > 0) {
      await writeAuditEntry(tx, {
        organizationId: current.id,
        actor: input.actor,
        action: 'organization.updated',
        target: { type: 'Organization', id: current.id },
        details: changes,
        at,
      });
    }
    return tx.organization.findUniqueOrThrow({ where, include: { domains: { orderBy: { domain: 'asc' } } } });
  });
}
