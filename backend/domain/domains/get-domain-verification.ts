import type { DomainVerification, DomainVerificationStatus } from '../../store/generated/prisma/client.js';
import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { isUuid } from '../uuid.js';
import { failures, type VerificationFailure } from './verification-failures.js';

/** A verification as its organization sees it: a PENDING one past its expiry has FAILED (`expired`). */
export interface DomainVerificationView {
  verification: DomainVerification;
  status: DomainVerificationStatus;
  failure: VerificationFailure | null;
}

/** One of the organization's verifications; another organization's, an unknown id or a malformed one are all `not_found`. */
export async function getDomainVerification(
  deps: DomainDeps,
  input: { organizationId: string; verificationId: string },
): Promise<DomainVerificationView> {
  const verification = isUuid(input.verificationId)
    ? await deps.prisma.domainVerification.findUnique({
        where: { organizationId_id: { organizationId: input.organizationId, id: input.verificationId } },
      })
    : null;
  if (!verification) throw new AppError('not_found', 'No such domain verification.');
  return viewOf(verification, deps.clock());
}

/**
 * The status to show now: stored, except that a PENDING verification past its expiry, or one
 * AWAITING_CONFIRMATION past its deadline, is FAILED `expired`.
 */
export function viewOf(verification: DomainVerification, now: Date): DomainVerificationView {
  if (verification.status === 'PENDING' && verification.expiresAt <= now) {
    return { verification, status: 'FAILED', failure: failures.expired(verification.domain) };
  }
  if (verification.status === 'AWAITING_CONFIRMATION' && (!verification.confirmBy || verification.confirmBy <= now)) {
    return { verification, status: 'FAILED', failure: failures.confirmationExpired(verification.domain) };
  }
  const failure =
    verification.failureCode && verification.failureMessage
      ? { code: verification.failureCode as VerificationFailure['code'], message: verification.failureMessage }
      : null;
  return { verification, status: verification.status, failure };
}
