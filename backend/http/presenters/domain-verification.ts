import { z } from 'zod';
import type { DomainVerificationView } from '../../domain/domains/get-domain-verification.js';
import { domain, id, instant } from './wire.js';

const FAILURE_CODES = [
  'access_denied',
  'google_error',
  'sign_in_failed',
  'google_unavailable',
  'not_workspace_account',
  'scopes_not_granted',
  'not_workspace_admin',
  'wrong_workspace',
  'domain_not_verified_in_google',
  'domain_unavailable',
  'declined',
  'expired',
] as const;

/** A domain verification: how a Workspace super administrator's sign-in went. */
export const domainVerificationSchema = z
  .strictObject({
    id,
    domain,
    status: z.enum(['PENDING', 'AWAITING_CONFIRMATION', 'VERIFIED', 'FAILED']),
    /** Google's sign-in for a super administrator: only in the answer that started the verification. */
    authorizationUrl: z.url().nullable(),
    expiresAt: instant,
    /** While AWAITING_CONFIRMATION: until when the signed-in super administrator can confirm. */
    confirmBy: instant.nullable(),
    failure: z.strictObject({ code: z.enum(FAILURE_CODES), message: z.string() }).nullable(),
    verifiedDomains: z.array(z.string()),
    signedInAs: z.string().nullable(),
    customerId: z.string().nullable(),
    createdAt: instant,
    completedAt: instant.nullable(),
  })
  .meta({ id: 'DomainVerification', description: "A domain verification: a Workspace super administrator's sign-in with Google." });

/**
 * A domain verification. `authorizationUrl` is there only in the answer that started it (the state
 * it carries is stored hashed and cannot be shown again); the code verifier is never shown.
 */
export function presentDomainVerification(
  view: DomainVerificationView,
  started?: { authorizationUrl: string },
): z.output<typeof domainVerificationSchema> {
  const { verification } = view;
  return {
    id: verification.id,
    domain: verification.domain,
    status: view.status,
    authorizationUrl: started?.authorizationUrl ?? null,
    expiresAt: verification.expiresAt,
    confirmBy: view.status === 'AWAITING_CONFIRMATION' ? verification.confirmBy : null,
    failure: view.failure,
    verifiedDomains: verification.verifiedDomains,
    signedInAs: verification.signedInEmail,
    customerId: verification.customerId,
    createdAt: verification.createdAt,
    completedAt: verification.completedAt,
  };
}
