import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Organization } from '../../store/generated/prisma/client.js';
import { issueAdminToken, type CreatedAdminToken } from './create-admin-token.js';

export interface BootstrapOrganizationInput {
  /** Name for a new organization; an existing one keeps its name. */
  organizationName: string;
  /** Lower-case, validated Workspace domains; the organization owning any of them is reused. */
  domains: string[];
  tokenName: string;
  actor: Actor;
}

export interface BootstrappedOrganization extends CreatedAdminToken {
  organization: Organization & { domains: { domain: string }[] };
  /** False when an organization already owned the domains and only a token was added. */
  created: boolean;
}

/**
 * Creates an organization with its Workspace domains and its first admin token, or, when the
 * domains already belong to one organization, issues another token for it. Domains split across
 * organizations are refused.
 */
export async function bootstrapOrganization(deps: DomainDeps, input: BootstrapOrganizationInput): Promise<BootstrappedOrganization> {
  if (input.domains.length === 0) throw new AppError('invalid_request', 'Give at least one Workspace domain.');
  return deps.prisma.$transaction(async (tx) => {
    const at = deps.clock();
    const owned = await tx.workspaceDomain.findMany({ where: { domain: { in: input.domains } } });
    const owners = [...new Set(owned.map((row) => row.organizationId))];
    if (owners.length > 1) {
      throw new AppError('already_exists', 'These domains belong to different organizations; give the domains of one.', {
        domains: owned.map((row) => row.domain),
      });
    }
    const existingId = owners[0];
    let organizationId: string;
    if (existingId) {
      organizationId = existingId;
    } else {
      const organization = await tx.organization.create({
        data: {
          name: input.organizationName,
          createdAt: at,
          domains: { create: input.domains.map((domain) => ({ domain, createdAt: at })) },
        },
      });
      organizationId = organization.id;
      await writeAuditEntry(tx, {
        organizationId,
        actor: input.actor,
        action: 'organization.created',
        target: { type: 'Organization', id: organizationId },
        details: { name: input.organizationName, domains: input.domains },
        at,
      });
    }
    const issued = await issueAdminToken(tx, { organizationId, name: input.tokenName, actor: input.actor, at });
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      include: { domains: { select: { domain: true }, orderBy: { domain: 'asc' } } },
    });
    return { ...issued, organization, created: !existingId };
  });
}
