import type { DomainVerification } from '../../store/generated/prisma/client.js';
import { writeAuditEntry } from '../audit.js';
import type { DomainVerificationDeps } from './deps.js';
import { generateState, VERIFICATION_TTL_MS } from './verification-state.js';

export interface StartDomainVerificationInput {
  organizationId: string;
  /** Lower-case, validated. */
  domain: string;
  /** The admin token starting it: the actor of the verification's audit entries. */
  tokenId: string;
}

/**
 * Starts proving `domain` for the organization: a fresh random state (stored only as its SHA-256),
 * a PKCE code verifier (stored, never shown) and Google's authorization URL for a super
 * administrator of the domain, valid for 10 minutes on the application's clock. The URL is in this
 * answer only: the state it carries cannot be read back. Audited as `domain.verification.started`.
 */
export async function startDomainVerification(
  deps: DomainVerificationDeps,
  input: StartDomainVerificationInput,
): Promise<{ verification: DomainVerification; authorizationUrl: string }> {
  const { state, stateHash } = generateState();
  const request = await deps.signIn.authorizationRequest({ state, hostedDomain: input.domain });
  const verification = await deps.prisma.$transaction(async (tx) => {
    const at = deps.clock();
    const row = await tx.domainVerification.create({
      data: {
        organizationId: input.organizationId,
        domain: input.domain,
        stateHash,
        codeVerifier: request.codeVerifier,
        expiresAt: new Date(at.getTime() + VERIFICATION_TTL_MS),
        startedByTokenId: input.tokenId,
        createdAt: at,
      },
    });
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: { type: 'ADMIN_TOKEN', id: input.tokenId },
      action: 'domain.verification.started',
      target: { type: 'DomainVerification', id: row.id },
      details: { domain: input.domain },
      at,
    });
    return row;
  });
  return { verification, authorizationUrl: request.url };
}
