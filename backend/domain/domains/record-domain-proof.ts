import { writeAuditEntry } from '../audit.js';
import type { Actor, Tx } from '../deps.js';
import type { DomainVerification } from '../../store/generated/prisma/client.js';
import type { WorkspaceAdminProof } from './check-workspace-admin.js';
import { failures, type VerificationFailure } from './verification-failures.js';

/** Another organization's unverified claim is moved by a proof; its audit log says so without naming the winner. */
const DOMAIN_VERIFICATION_SYSTEM: Actor = { type: 'SYSTEM', id: 'domain-verification' };

export type ProofOutcome = { verifiedDomains: string[]; failure?: undefined } | { failure: VerificationFailure };

/**
 * Applies a super administrator's proof to the organization's domains, inside the caller's
 * transaction: the requested domain (added when the organization does not list it; moved here when
 * another organization only claims it; refused with `domain_unavailable` when another organization
 * has verified it) and every other domain the organization lists that Google verified for the same
 * customer get verifiedAt, verifiedBy and customerId (again on a re-verification). Writes the
 * verification's VERIFIED outcome and the audit entries; on a refusal writes nothing.
 */
export async function recordDomainProof(
  tx: Tx,
  input: { verification: DomainVerification; proof: WorkspaceAdminProof; actor: Actor; at: Date },
): Promise<ProofOutcome> {
  const { verification, proof, at } = input;
  const { organizationId, domain } = verification;

  // ON CONFLICT DO NOTHING: a row another transaction is inserting is waited for, then read below.
  const added = await tx.workspaceDomain.createMany({ data: [{ organizationId, domain, createdAt: at }], skipDuplicates: true });
  const row = await tx.workspaceDomain.findUniqueOrThrow({ where: { domain } });
  const proved = { verifiedAt: at, verifiedBy: proof.email, customerId: proof.customerId };
  let movedFrom: string | undefined;
  if (row.organizationId !== organizationId) {
    if (row.verifiedAt) return { failure: failures.domainUnavailable(domain) };
    // Conditional: if the other organization verified it meanwhile, its proof came first.
    const moved = await tx.workspaceDomain.updateMany({
      where: { id: row.id, organizationId: row.organizationId, verifiedAt: null },
      data: { organizationId, ...proved },
    });
    if (moved.count === 0) return { failure: failures.domainUnavailable(domain) };
    movedFrom = row.organizationId;
  }

  const listed = await tx.workspaceDomain.findMany({ where: { organizationId }, select: { domain: true }, orderBy: { domain: 'asc' } });
  const verifiedDomains = listed.map((d) => d.domain).filter((name) => name === domain || proof.customerDomains.has(name));
  await tx.workspaceDomain.updateMany({ where: { organizationId, domain: { in: verifiedDomains } }, data: proved });
  await tx.domainVerification.update({
    where: { id: verification.id },
    data: { status: 'VERIFIED', signedInEmail: proof.email, customerId: proof.customerId, verifiedDomains, completedAt: at },
  });

  if (movedFrom) {
    await writeAuditEntry(tx, {
      organizationId: movedFrom,
      actor: DOMAIN_VERIFICATION_SYSTEM,
      action: 'organization.domain.lost',
      target: { type: 'WorkspaceDomain', id: row.id },
      details: {
        domain,
        reason:
          'A super administrator of its Google Workspace proved it for another Together organization; this organization had not verified it.',
      },
      at,
    });
  }
  await writeAuditEntry(tx, {
    organizationId,
    actor: input.actor,
    action: 'domain.verified',
    target: { type: 'DomainVerification', id: verification.id },
    details: {
      googleAccount: proof.email,
      customerId: proof.customerId,
      domains: verifiedDomains,
      requested: domain,
      ...(added.count > 0 ? { added: [domain] } : {}),
      ...(movedFrom ? { takenFromUnverifiedClaim: [domain] } : {}),
    },
    at,
  });
  return { verifiedDomains };
}
