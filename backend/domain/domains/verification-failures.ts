/**
 * Why a domain verification failed: a stable code and a message in plain words that says what to do.
 * The same message is stored, shown by the admin API and on the page the person sees after Google.
 */
export type VerificationFailureCode =
  /** The person chose Cancel at Google (`error=access_denied`). */
  | 'access_denied'
  /** Google sent the browser back with another error (`error=…`). */
  | 'google_error'
  /** Google refused the code exchange or the ID token did not verify. */
  | 'sign_in_failed'
  /** Google did not answer (outage, rate limit) after a few attempts. */
  | 'google_unavailable'
  /** The account has no Workspace domain (`hd`) or an unverified email. */
  | 'not_workspace_account'
  /** The person did not allow reading the Directory's users and domains. */
  | 'scopes_not_granted'
  /** The account is not a super administrator of its Workspace. */
  | 'not_workspace_admin'
  /** The account's Workspace does not include the domain. */
  | 'wrong_workspace'
  /** The domain is in the Workspace, but Google has not verified it. */
  | 'domain_not_verified_in_google'
  /** Another Together organization has verified the domain (which one is never said). */
  | 'domain_unavailable'
  /** The super administrator signed in but chose not to verify the domain for this organization. */
  | 'declined'
  /** Nobody signed in before the verification expired, or the sign-in was never confirmed (shown, never stored). */
  | 'expired';

export interface VerificationFailure {
  code: VerificationFailureCode;
  message: string;
}

const SEND_LINK = 'start a new verification in Together and send its link to them';

/** The failure for each code, with what the person or the Together admin does next. */
export const failures = {
  accessDenied: (domain: string): VerificationFailure => ({
    code: 'access_denied',
    message: `The sign-in was cancelled, so ${domain} was not verified. To verify it, start a new verification and sign in with a super administrator of ${domain}.`,
  }),
  googleError: (domain: string, error: string): VerificationFailure => ({
    code: 'google_error',
    message: `Google did not complete the sign-in (${error}), so ${domain} was not verified. Start a new verification and try again.`,
  }),
  signInFailed: (domain: string, reason: string): VerificationFailure => ({
    code: 'sign_in_failed',
    message: `Google did not confirm the sign-in (${reason}), so ${domain} was not verified. Start a new verification and sign in again.`,
  }),
  googleUnavailable: (domain: string): VerificationFailure => ({
    code: 'google_unavailable',
    message: `Google did not answer in time, so ${domain} was not verified. Start a new verification in a few minutes.`,
  }),
  notWorkspaceAccount: (domain: string, email: string): VerificationFailure => ({
    code: 'not_workspace_account',
    message: `You signed in as ${email}, which is not a Google Workspace account with a verified email. Sign in with a super administrator of ${domain}.`,
  }),
  scopesNotGranted: (domain: string): VerificationFailure => ({
    code: 'scopes_not_granted',
    message: `Together needs to see your organization's users and domains to check that you are a super administrator of ${domain}. Start a new verification and allow both when Google asks.`,
  }),
  notWorkspaceAdmin: (domain: string, email: string): VerificationFailure => ({
    code: 'not_workspace_admin',
    message: `You need a super administrator. You signed in as ${email}, who is not a super administrator of ${domain}. To ask one of them, ${SEND_LINK}.`,
  }),
  wrongWorkspace: (domain: string, email: string): VerificationFailure => ({
    code: 'wrong_workspace',
    message: `You signed in as ${email}, whose Google Workspace does not include ${domain}. Sign in with a super administrator of ${domain}.`,
  }),
  domainNotVerifiedInGoogle: (domain: string): VerificationFailure => ({
    code: 'domain_not_verified_in_google',
    message: `${domain} is in your Google Workspace, but Google has not verified it yet. Verify it in the Google Admin console (Account › Domains › Manage domains), then start a new verification.`,
  }),
  domainUnavailable: (domain: string): VerificationFailure => ({
    code: 'domain_unavailable',
    message: `${domain} is not available to this Together organization. If it is yours, contact Together support.`,
  }),
  declined: (domain: string, organizationName: string): VerificationFailure => ({
    code: 'declined',
    message: `The super administrator chose not to verify ${domain} for the Together organization ${organizationName}, so nothing changed. If that was a mistake, start a new verification.`,
  }),
  confirmationExpired: (domain: string): VerificationFailure => ({
    code: 'expired',
    message: `The super administrator signed in but did not confirm within 10 minutes, so ${domain} was not verified. Start a new verification.`,
  }),
  expired: (domain: string): VerificationFailure => ({
    code: 'expired',
    message: `Nobody signed in within 10 minutes, so ${domain} was not verified. Start a new verification.`,
  }),
};
