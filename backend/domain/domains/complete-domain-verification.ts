import { GoogleApiError } from '../../google/errors.js';
import type { SignedInAccount } from '../../google/workspace-sign-in.js';
import type { DomainVerification } from '../../store/generated/prisma/client.js';
import { writeAuditEntry } from '../audit.js';
import type { Actor } from '../deps.js';
import { checkWorkspaceAdmin, type WorkspaceAdminProof } from './check-workspace-admin.js';
import type { DomainVerificationDeps } from './deps.js';
import { recordDomainProof } from './record-domain-proof.js';
import { failures, type VerificationFailure } from './verification-failures.js';
import { hashState, looksLikeState } from './verification-state.js';

/** Google's redirect to the callback, as it arrived (each parameter at most once). */
export interface CallbackInput {
  state?: string | undefined;
  code?: string | undefined;
  /** Google's `error` (e.g. `access_denied` when the person cancelled). */
  error?: string | undefined;
}

/** Why a callback was refused without touching any verification. */
export type CallbackRejection = 'missing_state' | 'unknown_state' | 'used_state' | 'expired_state' | 'incomplete';

export type CallbackOutcome =
  | { kind: 'rejected'; reason: CallbackRejection }
  /** The verification as it now stands (VERIFIED or FAILED), and the organization's name for the page. */
  | { kind: 'completed'; verification: DomainVerification; organizationName: string };

/**
 * Google's redirect after a super administrator signed in (`GET /admin/oauth/callback`). The state
 * authenticates it: unknown, already used or expired (10 minutes, application clock) → rejected,
 * nothing changed. Otherwise the state is used up first (so a replay is refused even while this one
 * runs), the code is exchanged with the PKCE verifier, the ID token verified, and the account checked
 * with its own token (`checkWorkspaceAdmin`); then the proof is recorded (`recordDomainProof`) or the
 * verification marked FAILED with a stable code. Either way an audit entry names the admin token
 * that started it.
 */
export async function completeDomainVerification(deps: DomainVerificationDeps, input: CallbackInput): Promise<CallbackOutcome> {
  if (!input.state) return { kind: 'rejected', reason: 'missing_state' };
  if (!looksLikeState(input.state)) return { kind: 'rejected', reason: 'unknown_state' };
  const started = await deps.prisma.domainVerification.findUnique({ where: { stateHash: hashState(input.state) } });
  if (!started) return { kind: 'rejected', reason: 'unknown_state' };
  if (started.stateUsedAt || !started.codeVerifier) return { kind: 'rejected', reason: 'used_state' };
  const now = deps.clock();
  if (started.expiresAt <= now) return { kind: 'rejected', reason: 'expired_state' };
  if (!input.code && !input.error) return { kind: 'rejected', reason: 'incomplete' };

  // Single use: whoever sets stateUsedAt first goes on; the verifier is no longer needed after this.
  const claimed = await deps.prisma.domainVerification.updateMany({
    where: { id: started.id, stateUsedAt: null, expiresAt: { gt: now } },
    data: { stateUsedAt: now, codeVerifier: null },
  });
  if (claimed.count === 0) return { kind: 'rejected', reason: 'used_state' };

  const actor: Actor = { type: 'ADMIN_TOKEN', id: started.startedByTokenId };
  const result: SignInResult = input.error
    ? { failure: input.error === 'access_denied' ? failures.accessDenied(started.domain) : failures.googleError(started.domain, input.error.slice(0, 100)) }
    : await signInAndCheck(deps, started, input.code ?? '');

  const verification = await deps.prisma.$transaction(async (tx) => {
    const at = deps.clock();
    const failure = 'proof' in result ? (await recordDomainProof(tx, { verification: started, proof: result.proof, actor, at })).failure : result.failure;
    if (failure) {
      const signedInEmail = 'proof' in result ? result.proof.email : (result.email ?? null);
      const customerId = 'proof' in result ? result.proof.customerId : (result.customerId ?? null);
      await tx.domainVerification.update({
        where: { id: started.id },
        data: { status: 'FAILED', failureCode: failure.code, failureMessage: failure.message, signedInEmail, customerId, completedAt: at },
      });
      await writeAuditEntry(tx, {
        organizationId: started.organizationId,
        actor,
        action: 'domain.verification.failed',
        target: { type: 'DomainVerification', id: started.id },
        details: { domain: started.domain, code: failure.code, ...(signedInEmail ? { googleAccount: signedInEmail } : {}) },
        at,
      });
    }
    return tx.domainVerification.findUniqueOrThrow({ where: { id: started.id }, include: { organization: { select: { name: true } } } });
  });
  const { organization, ...row } = verification;
  return { kind: 'completed', verification: row, organizationName: organization.name };
}

/** What the sign-in showed: a proof, or a failure with who signed in and their customer once Google said. */
type SignInResult = { proof: WorkspaceAdminProof } | { failure: VerificationFailure; email?: string; customerId?: string | null };

async function signInAndCheck(deps: DomainVerificationDeps, started: DomainVerification, code: string): Promise<SignInResult> {
  let account: SignedInAccount;
  try {
    account = await deps.signIn.completeSignIn({ code, codeVerifier: started.codeVerifier ?? '' });
  } catch (error) {
    if (!(error instanceof GoogleApiError)) throw error;
    return { failure: error.retryable ? failures.googleUnavailable(started.domain) : failures.signInFailed(started.domain, error.details.reason ?? error.kind) };
  }
  const check = await checkWorkspaceAdmin(account, started.domain);
  return 'proof' in check ? check : { ...check, email: account.email };
}
