import type { DomainVerification } from '../../store/generated/prisma/client.js';
import { recordVerificationFailure, startedBy, withOrganizationName } from './complete-domain-verification.js';
import type { DomainVerificationDeps } from './deps.js';
import { recordDomainProof } from './record-domain-proof.js';
import { failures } from './verification-failures.js';
import { hashState, looksLikeState } from './verification-state.js';

/** The super administrator's answer on the confirmation page: the form's secret and their choice. */
export interface ConfirmationInput {
  confirmation?: string | undefined;
  decision: 'verify' | 'decline';
}

/** Why a confirmation was refused without touching any verification. */
export type ConfirmationRejection = 'unknown_confirmation' | 'used_confirmation';

export type ConfirmationOutcome =
  | { kind: 'rejected'; reason: ConfirmationRejection }
  /** The verification as it now stands (VERIFIED, or FAILED: declined, expired, domain_unavailable). */
  | { kind: 'completed'; verification: DomainVerification; organizationName: string };

/**
 * The super administrator's decision on Together's confirmation page (`POST /admin/oauth/confirm`).
 * The form's secret authenticates it (only the browser that signed in got it) and serves once: it is
 * cleared in the same transaction that applies the proof (`recordDomainProof`) or records the refusal
 * (`declined`), so a replay or a concurrent second click finds nothing. Past the deadline the
 * verification is FAILED `expired`.
 */
export async function confirmDomainVerification(deps: DomainVerificationDeps, input: ConfirmationInput): Promise<ConfirmationOutcome> {
  if (!input.confirmation || !looksLikeState(input.confirmation)) return { kind: 'rejected', reason: 'unknown_confirmation' };
  const confirmationHash = hashState(input.confirmation);
  const found = await deps.prisma.domainVerification.findUnique({ where: { confirmationHash }, select: { id: true } });
  if (!found) return { kind: 'rejected', reason: 'unknown_confirmation' };

  return deps.prisma.$transaction(async (tx): Promise<ConfirmationOutcome> => {
    const at = deps.clock();
    // Used up first, conditionally: whoever clears the hash goes on.
    const claimed = await tx.domainVerification.updateMany({
      where: { id: found.id, confirmationHash, status: 'AWAITING_CONFIRMATION' },
      data: { confirmationHash: null },
    });
    if (claimed.count === 0) return { kind: 'rejected', reason: 'used_confirmation' };
    const verification = await tx.domainVerification.findUniqueOrThrow({
      where: { id: found.id },
      include: { organization: { select: { name: true } } },
    });
    const { organization, ...awaiting } = verification;
    const who = { signedInEmail: awaiting.signedInEmail, customerId: awaiting.customerId, at };

    if (!awaiting.confirmBy || awaiting.confirmBy <= at) {
      return {
        kind: 'completed',
        ...(await recordVerificationFailure(tx, awaiting, { failure: failures.confirmationExpired(awaiting.domain), ...who })),
      };
    }
    if (input.decision === 'decline') {
      return {
        kind: 'completed',
        ...(await recordVerificationFailure(tx, awaiting, { failure: failures.declined(awaiting.domain, organization.name), ...who })),
      };
    }
    const proof = {
      email: awaiting.signedInEmail ?? '',
      customerId: awaiting.customerId,
      customerDomains: new Set(awaiting.customerDomains),
    };
    const outcome = await recordDomainProof(tx, { verification: awaiting, proof, actor: startedBy(awaiting), at });
    if (outcome.failure)
      return { kind: 'completed', ...(await recordVerificationFailure(tx, awaiting, { failure: outcome.failure, ...who })) };
    return { kind: 'completed', ...(await withOrganizationName(tx, awaiting.id)) };
  });
}
