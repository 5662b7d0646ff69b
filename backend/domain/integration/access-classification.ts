import type { GoogleApiError } from '../../google/errors.js';
import type { AccessStatus } from '../../store/generated/prisma/client.js';

/** A person's outcome: the status, and for failures why and what the admin can do. */
export interface AccessVerdict {
  status: AccessStatus;
  reason: string | null;
  fix: string | null;
  googleTimeZone?: string | null;
}

/** What to do with a failed check: record a verdict, ask the Directory, stop the run, or retry the attempt later. */
export type FailureAction =
  | { kind: 'verdict'; verdict: AccessVerdict }
  | { kind: 'ask_directory'; error: GoogleApiError }
  | { kind: 'fail_run'; error: GoogleApiError }
  | { kind: 'retry_later'; error: GoogleApiError };

/**
 * Statuses that mean Together cannot use the person's calendar at all (either method): booking and
 * channels do not try them until a check or a connection says otherwise.
 */
export const DISCONNECTED_STATUSES = [
  'NOT_INSTALLED',
  'NOT_IN_WORKSPACE',
  'SUSPENDED_OR_DELETED',
  'NOT_CONNECTED',
  'CONNECTION_REVOKED',
  'SCOPE_NOT_GRANTED',
  'BLOCKED_BY_POLICY',
] as const satisfies readonly AccessStatus[];

/** The per-user failure reasons (google/'s `details.reason`) and the status each is recorded as. */
export const PER_USER_ACCESS: Readonly<Record<string, AccessStatus>> = {
  not_connected: 'NOT_CONNECTED',
  connection_revoked: 'CONNECTION_REVOKED',
  calendar_scope_not_granted: 'SCOPE_NOT_GRANTED',
  admin_policy_enforced: 'BLOCKED_BY_POLICY',
  account_deleted_or_suspended: 'SUSPENDED_OR_DELETED',
};

export const FIX = {
  notInDomains: (domain: string) =>
    `${domain} is not one of the organization's Google Workspace domains. Correct the person's email, or add the domain to the organization (PATCH /admin/v1/organizations/:organizationId with its domains).`,
  domainNotVerified: (domain: string) =>
    `Verify ${domain} in the integration's install step: a super administrator of that Google Workspace signs in with Google to prove the domain is this organization's. Until then Together does not act as anyone in it.`,
  unknownUser:
    "Google Workspace has no user with this address. Check that the person's Together email is their primary Google Workspace address (not an alias or a personal account), or remove the person from Together.",
  alias: (primary: string) => `Change the person's email in Together to their primary address, ${primary}.`,
  suspended: 'Restore the user in the Google Admin console › Directory › Users, or mark the person INACTIVE in Together.',
  unknownOrSuspended:
    "Check in the Google Admin console › Directory › Users that the person's Together email is their primary address and that the account is active (not suspended).",
  calendarApi:
    'Check that Google Calendar is turned on for the user (Admin console › Apps › Google Workspace › Calendar) and that the Google Calendar API is enabled for Together, then re-run the test.',
  googleBusy: 'Google kept answering with errors or rate limits for this user. Re-run the test later.',
} as const;

/** Verdict when Google gave the user's calendar time zone: the integration works. */
export const activeVerdict = (googleTimeZone: string): AccessVerdict => ({ status: 'ACTIVE', reason: null, fix: null, googleTimeZone });

/** Verdict without any Google call: the person's address is outside the organization's domains. */
export const outsideDomainsVerdict = (domain: string): AccessVerdict => ({
  status: 'NOT_IN_WORKSPACE',
  reason: `The email's domain ${domain} is not a Workspace domain of this organization, so Together may not act as this user.`,
  fix: FIX.notInDomains(domain),
});

/** Verdict without any Google call: the person's domain is the organization's, but no Workspace admin has verified it yet. */
export const domainNotVerifiedVerdict = (domain: string): AccessVerdict => ({
  status: 'DOMAIN_NOT_VERIFIED',
  reason: `${domain} is not verified for this organization yet, so Together does not act as its users.`,
  fix: FIX.domainNotVerified(domain),
});

/** Classifies a delegated token or calendar failure (after backoff gave up on retryable ones). */
export function classifyFailure(error: GoogleApiError): FailureAction {
  switch (error.kind) {
    case 'not_installed':
      return {
        kind: 'verdict',
        verdict: {
          // The per-user method's reasons (not connected, revoked…) each have their own status.
          status: PER_USER_ACCESS[error.details.reason ?? ''] ?? 'NOT_INSTALLED',
          reason: error.message,
          fix: error.details.fix ?? null,
        },
      };
    case 'user_unknown_or_suspended':
      return { kind: 'ask_directory', error };
    case 'user_deleted':
      return { kind: 'verdict', verdict: { status: 'SUSPENDED_OR_DELETED', reason: error.message, fix: error.details.fix ?? null } };
    case 'invalid_credentials':
      return { kind: 'fail_run', error };
    case 'rate_limited':
    case 'unavailable':
      // No answer at all: Google (or the network) is down; the job retries and resumes later.
      if (error.details.status === undefined) return { kind: 'retry_later', error };
      return {
        kind: 'verdict',
        verdict: { status: 'CALENDAR_API_ERROR', reason: `${error.message} (HTTP ${error.details.status})`, fix: FIX.googleBusy },
      };
    case 'forbidden':
    case 'not_found':
      return {
        kind: 'verdict',
        verdict: { status: 'CALENDAR_API_ERROR', reason: `Google Calendar refused the read: ${error.message}`, fix: FIX.calendarApi },
      };
    default:
      return {
        kind: 'verdict',
        verdict: {
          status: 'OTHER',
          reason: `Google answered ${error.details.reason ?? error.kind}: ${error.message}`,
          fix: error.details.fix ?? null,
        },
      };
  }
}

/** Verdict after asking the Directory about a user the token endpoint called unknown or suspended. */
export function directoryVerdict(email: string, user: { primaryEmail: string; suspended: boolean } | null): AccessVerdict {
  if (!user) return { status: 'NOT_IN_WORKSPACE', reason: 'Google Workspace has no user with this address.', fix: FIX.unknownUser };
  if (user.suspended) return { status: 'SUSPENDED_OR_DELETED', reason: 'The user is suspended in Google Workspace.', fix: FIX.suspended };
  if (user.primaryEmail !== email) {
    return {
      status: 'NOT_IN_WORKSPACE',
      reason: `${email} is an alias; the user's primary address is ${user.primaryEmail}.`,
      fix: FIX.alias(user.primaryEmail),
    };
  }
  return {
    status: 'OTHER',
    reason: 'Google refused a token for this user although the Directory lists the account as active.',
    fix: FIX.unknownOrSuspended,
  };
}

/**
 * Verdict when the Directory could not be asked: say honestly that it is one or the other. `readerFix`
 * is what would let Together ask (e.g. installing the app for the administrator it reads as).
 */
export function undecidedVerdict(why: string, readerFix?: string): AccessVerdict {
  return {
    status: 'NOT_IN_WORKSPACE',
    reason: `Not in Google Workspace, or suspended: Google does not say which, and the Directory could not be asked (${why}).`,
    fix: readerFix ? `${FIX.unknownOrSuspended} For Together to tell which: ${readerFix}` : FIX.unknownOrSuspended,
  };
}
