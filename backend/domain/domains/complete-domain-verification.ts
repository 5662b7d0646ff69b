import { GoogleApiError } from '../../google/errors.js';
import type { SignedInAccount } from '../../google/workspace-sign-in.js';
import type { DomainVerification } from '../../store/generated/prisma/client.js';
import { writeAuditEntry } from '../audit.js';
import type { Actor, Tx } from '../deps.js';
import { checkWorkspaceAdmin, type WorkspaceAdminProof } from './check-workspace-admin.js';
import type { DomainVerificationDeps } from './deps.js';
import { failures, type VerificationFailure } from './verification-failures.js';
import { generateState, hashState, looksLikeState } from './verification-state.js';

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
  /**
   * The super administrator passed every check: the verification now waits for them to confirm, on
   * Together's page, that the domain is for this organization. `confirmation` is the secret of that
   * page's form (never stored: only its hash); `domains` what confirming would verify.
   */
  | { kind: 'confirm'; verification: DomainVerification; organizationName: string; confirmation: string; domains: string[] }
  /** The verification as it now stands (FAILED), and the organization's name for the page. */
  | { kind: 'completed'; verification: DomainVerification; organizationName: string };

/** How long a signed-in super administrator has to confirm on Together's page, on the application clock. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

/**
 * Google's redirect after a super administrator signed in (`GET /admin/oauth/callback`). The state
 * authenticates it: unknown, already used or expired (10 minutes, application clock) → rejected,
 * nothing changed. Otherwise the state is used up first (so a replay is refused even while this one
 * runs), the code is exchanged with the PKCE verifier, the ID token verified, and the account checked
 * with its own token (`checkWorkspaceAdmin`). A failure marks the verification FAILED with a stable
 * code; a proof is not applied yet: it waits for the admin's confirmation (`confirmDomainVerification`),
 * so a link another organization sent them verifies nothing unless they agree on a page that names
 * that organization. Either way an audit entry names the admin token that started it.
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

  const result: SignInResult = input.error
    ? {
        failure:
          input.error === 'access_denied'
            ? failures.accessDenied(started.domain)
            : failures.googleError(started.domain, input.error.slice(0, 100)),
      }
    : await signInAndCheck(deps, started, input.code ?? '');

  if ('proof' in result) return awaitConfirmation(deps, started, result.proof);
  const verification = await deps.prisma.$transaction((tx) =>
    recordVerificationFailure(tx, started, {
      failure: result.failure,
      signedInEmail: result.email ?? null,
      customerId: result.customerId ?? null,
      at: deps.clock(),
    }),
  );
  return { kind: 'completed', ...verification };
}

/** Keeps a proof until the admin confirms it: the customer's domains, a form secret (hashed) and a deadline. */
async function awaitConfirmation(
  deps: DomainVerificationDeps,
  started: DomainVerification,
  proof: WorkspaceAdminProof,
): Promise<CallbackOutcome> {
  const { state: confirmation, stateHash: confirmationHash } = generateState();
  const at = deps.clock();
  const customerDomains = [...proof.customerDomains].sort();
  const verification = await deps.prisma.domainVerification.update({
    where: { id: started.id },
    data: {
      status: 'AWAITING_CONFIRMATION',
      signedInEmail: proof.email,
      customerId: proof.customerId,
      customerDomains,
      confirmationHash,
      confirmBy: new Date(at.getTime() + CONFIRMATION_TTL_MS),
    },
    include: { organization: { select: { name: true, domains: { select: { domain: true }, orderBy: { domain: 'asc' } } } } },
  });
  const { organization, ...row } = verification;
  const listed = organization.domains.map((d) => d.domain).filter((name) => proof.customerDomains.has(name) && name !== started.domain);
  return { kind: 'confirm', verification: row, organizationName: organization.name, confirmation, domains: [started.domain, ...listed] };
}

/** Marks a verification FAILED with its code and audits it; answers it with its organization's name. */
export async function recordVerificationFailure(
  tx: Tx,
  verification: DomainVerification,
  outcome: { failure: VerificationFailure; signedInEmail: string | null; customerId: string | null; at: Date },
): Promise<{ verification: DomainVerification; organizationName: string }> {
  const { failure, signedInEmail, customerId, at } = outcome;
  await tx.domainVerification.update({
    where: { id: verification.id },
    data: {
      status: 'FAILED',
      failureCode: failure.code,
      failureMessage: failure.message,
      signedInEmail,
      customerId,
      confirmationHash: null,
      completedAt: at,
    },
  });
  await writeAuditEntry(tx, {
    organizationId: verification.organizationId,
    actor: startedBy(verification),
    action: 'domain.verification.failed',
    target: { type: 'DomainVerification', id: verification.id },
    details: { domain: verification.domain, code: failure.code, ...(signedInEmail ? { googleAccount: signedInEmail } : {}) },
    at,
  });
  return withOrganizationName(tx, verification.id);
}

/** The admin token that started a verification: the actor of all its audit entries. */
export const startedBy = (verification: DomainVerification): Actor => ({ type: 'ADMIN_TOKEN', id: verification.startedByTokenId });

/** A verification as stored now, with its organization's name for the page. */
export async function withOrganizationName(tx: Tx, id: string): Promise<{ verification: DomainVerification; organizationName: string }> {
  const { organization, ...verification } = await tx.domainVerification.findUniqueOrThrow({
    where: { id },
    include: { organization: { select: { name: true } } },
  });
  return { verification, organizationName: organization.name };
}

/** What the sign-in showed: a proof, or a failure with who signed in and their customer once Google said. */
type SignInResult = { proof: WorkspaceAdminProof } | { failure: VerificationFailure; email?: string; customerId?: string | null };

async function signInAndCheck(deps: DomainVerificationDeps, started: DomainVerification, code: string): Promise<SignInResult> {
  let account: SignedInAccount;
  try {
    account = await deps.signIn.completeSignIn({ code, codeVerifier: started.codeVerifier ?? '' });
  } catch (error) {
    if (!(error instanceof GoogleApiError)) throw error;
    return {
      failure: error.retryable
        ? failures.googleUnavailable(started.domain)
        : failures.signInFailed(started.domain, error.details.reason ?? error.kind),
    };
  }
  const check = await checkWorkspaceAdmin(account, started.domain);
  return 'proof' in check ? check : { ...check, email: account.email };
}
