import type { DomainVerificationView } from '../../domain/domains/get-domain-verification.js';

/**
 * A domain verification. `authorizationUrl` is there only in the answer that started it (the state
 * it carries is stored hashed and cannot be shown again); the code verifier is never shown.
 */
export function presentDomainVerification(view: DomainVerificationView, started?: { authorizationUrl: string }) {
  const { verification } = view;
  return {
    id: verification.id,
    domain: verification.domain,
    status: view.status,
    authorizationUrl: started?.authorizationUrl ?? null,
    expiresAt: verification.expiresAt,
    /** While AWAITING_CONFIRMATION: until when the signed-in super administrator can confirm. */
    confirmBy: view.status === 'AWAITING_CONFIRMATION' ? verification.confirmBy : null,
    failure: view.failure,
    verifiedDomains: verification.verifiedDomains,
    signedInAs: verification.signedInEmail,
    customerId: verification.customerId,
    createdAt: verification.createdAt,
    completedAt: verification.completedAt,
  };
}
