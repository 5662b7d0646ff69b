import { GoogleApiError } from '../../google/errors.js';
import { DIRECTORY_SCOPES, type CustomerDomain, type SignedInAccount, type WorkspaceUser } from '../../google/workspace-sign-in.js';
import { failures, type VerificationFailure } from './verification-failures.js';
import { domainOf } from '../../google/impersonation.js';

/** What a signed-in super administrator proved: who they are, their customer, and its Google-verified domains. */
export interface WorkspaceAdminProof {
  email: string;
  customerId: string | null;
  /** Every domain (and alias) of the customer that Google has verified, lower-case. */
  customerDomains: ReadonlySet<string>;
}

/** A proof, or why not (with the customer, once Google named it). */
export type AdminCheck = { proof: WorkspaceAdminProof } | { failure: VerificationFailure; customerId?: string | null };

/**
 * The three checks, made with the signed-in account's own access token (nothing is impersonated):
 * a Workspace account with a verified email whose domain belongs to the customer checked below; a
 * super administrator (`users.get` → `isAdmin`; a 403 means not an administrator); and `domain`
 * among that customer's domains, verified in Google (`domains.list`). Google failures other than a
 * refusal come back as failures too (`google_unavailable`, `google_error`).
 */
export async function checkWorkspaceAdmin(account: SignedInAccount, domain: string): Promise<AdminCheck> {
  const { email } = account;
  if (!account.hostedDomain || !account.emailVerified) return { failure: failures.notWorkspaceAccount(domain, email) };
  if (!DIRECTORY_SCOPES.every((scope) => account.grantedScopes.includes(scope))) return { failure: failures.scopesNotGranted(domain) };

  let user: WorkspaceUser;
  let domains: CustomerDomain[];
  try {
    user = await account.directory.getUser(email);
    if (!user.isAdmin || user.primaryEmail !== email) return { failure: failures.notWorkspaceAdmin(domain, email) };
    domains = await account.directory.listCustomerDomains();
  } catch (error) {
    return { failure: googleFailure(error, domain, email) };
  }
  const customerId = user.customerId ?? null;
  const listed = new Set(domains.map((d) => d.domainName));
  // The account must be of the customer whose domains Google listed (its own domain, or the `hd` it carries).
  if (!listed.has(domainOf(email)) && !listed.has(account.hostedDomain))
    return { failure: failures.wrongWorkspace(domain, email), customerId };
  const requested = domains.find((d) => d.domainName === domain);
  if (!requested) return { failure: failures.wrongWorkspace(domain, email), customerId };
  if (!requested.verified) return { failure: failures.domainNotVerifiedInGoogle(domain), customerId };
  return { proof: { email, customerId, customerDomains: new Set(domains.filter((d) => d.verified).map((d) => d.domainName)) } };
}

/** A Directory read that failed: 403 is "not an administrator" (§D7), an outage is an outage. */
function googleFailure(error: unknown, domain: string, email: string): VerificationFailure {
  if (!(error instanceof GoogleApiError)) throw error;
  if (error.kind === 'forbidden') return failures.notWorkspaceAdmin(domain, email);
  if (error.retryable) return failures.googleUnavailable(domain);
  return failures.googleError(domain, error.details.reason ?? error.kind);
}
