// google-auth-library's own gaxios: an ESM import of 'gaxios' would load a second, unrelated GaxiosError class.
import { gaxios } from 'google-auth-library';

const { GaxiosError } = gaxios;

/** What went wrong with a Google call, in terms the rest of the backend can act on. */
export type GoogleFailureKind =
  /** unauthorized_client: the app is not installed for this user, or a scope is not granted. */
  | 'not_installed'
  /** invalid_grant for the user: not a Workspace user (or suspended: Google does not say which). */
  | 'user_unknown_or_suspended'
  /** invalid_grant "The account has been deleted". */
  | 'user_deleted'
  /** invalid_grant about the JWT itself: our key is wrong, rotated or the clock is off. */
  | 'invalid_credentials'
  /** 401 from an API: the access token was refused. */
  | 'unauthenticated'
  /** Refused before asking Google: the user's domain is not a verified domain of the organization. */
  | 'domain_not_verified'
  /** 403 insufficientPermissions and other refusals. */
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable'
  | 'not_found'
  | 'gone'
  | 'sync_token_expired'
  | 'duplicate'
  | 'precondition_failed'
  | 'invalid_request';

/**
 * Failures that mean Together cannot use the person's calendar at all (rather than Google being
 * unwell). The one list of them: places that need more (or fewer) kinds say so in terms of it.
 */
export const NOT_CONNECTED_KINDS = [
  'not_installed',
  'user_unknown_or_suspended',
  'user_deleted',
  'domain_not_verified',
] as const satisfies readonly GoogleFailureKind[];

/** A failure kind that means "not connected". */
export type NotConnectedKind = (typeof NOT_CONNECTED_KINDS)[number];

const NOT_CONNECTED: ReadonlySet<GoogleFailureKind> = new Set(NOT_CONNECTED_KINDS);

/** True when a failure kind means the person is not integrated. */
export const isNotConnectedKind = (kind: GoogleFailureKind): kind is NotConnectedKind => NOT_CONNECTED.has(kind);

const RETRYABLE: ReadonlySet<GoogleFailureKind> = new Set(['rate_limited', 'unavailable']);

/** A failed Google call: kind, Google's own reason, and for admins the fix. */
export class GoogleApiError extends Error {
  constructor(
    readonly kind: GoogleFailureKind,
    message: string,
    readonly details: {
      status?: number;
      /** Google's reason (`rateLimitExceeded`) or OAuth error (`unauthorized_client`). */
      reason?: string;
      /** What an admin can do about it. */
      fix?: string;
      /** From a Retry-After header. */
      retryAfterMs?: number;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GoogleApiError';
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** True when a Google failure means the person is not integrated (rather than Google being unwell). */
export const isNotConnected = (error: unknown): error is GoogleApiError & { kind: NotConnectedKind } =>
  error instanceof GoogleApiError && isNotConnectedKind(error.kind);

/** What the fix messages need to name: the client id and scopes to grant, the listing to install from. */
export interface DelegationContext {
  clientId: string;
  scopes: readonly string[];
  marketplaceListingUrl: string;
}

interface GoogleErrorBody {
  error?: string | { code?: number; message?: string; errors?: { reason?: string; domain?: string }[]; status?: string };
  error_description?: string;
}

/** Narrows anything a Google client threw into a GoogleApiError. */
export function translateGoogleError(error: unknown, context: DelegationContext): GoogleApiError {
  if (error instanceof GoogleApiError) return error;
  if (!(error instanceof GaxiosError) || !error.response) {
    return new GoogleApiError(
      'unavailable',
      `Google could not be reached: ${(error as Error)?.message ?? String(error)}`,
      {},
      { cause: error },
    );
  }
  const status = error.response.status;
  const body = (error.response.data ?? {}) as GoogleErrorBody;
  const retryAfterMs = parseRetryAfter(error.response.headers);
  if (typeof body.error === 'string') return translateTokenError(body.error, body.error_description ?? '', status, context, error);
  const reason = body.error?.errors?.[0]?.reason;
  const message = body.error?.message ?? error.message;
  const details = { status, reason, retryAfterMs };
  const kind = apiFailureKind(status, reason);
  return new GoogleApiError(kind, message, details, { cause: error });
}

function apiFailureKind(status: number, reason: string | undefined): GoogleFailureKind {
  if (status === 429 || (status === 403 && /rateLimitExceeded|userRateLimitExceeded|quotaExceeded/.test(reason ?? ''))) {
    return 'rate_limited';
  }
  if (status >= 500 || status === 408) return 'unavailable';
  if (status === 410) return reason === 'fullSyncRequired' || reason === 'updatedMinTooLongAgo' ? 'sync_token_expired' : 'gone';
  const byStatus: Record<number, GoogleFailureKind> = {
    400: 'invalid_request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    409: 'duplicate',
    412: 'precondition_failed',
  };
  return byStatus[status] ?? 'invalid_request';
}

/** The token endpoint answers `{error, error_description}`; each case gets the sentence an admin needs. */
function translateTokenError(
  oauthError: string,
  description: string,
  status: number,
  context: DelegationContext,
  cause: unknown,
): GoogleApiError {
  const details = { status, reason: oauthError };
  if (oauthError === 'unauthorized_client') {
    return new GoogleApiError(
      'not_installed',
      'The Together app is not installed for this user, or a scope is not granted.',
      {
        ...details,
        fix:
          `Install Together for the user's domain (or its org unit/group) from ${context.marketplaceListingUrl}, or in the ` +
          `Google Admin console › Security › API controls › Domain-wide delegation add client ID ${context.clientId} ` +
          `with the scopes ${context.scopes.join(',')}.`,
      },
      { cause },
    );
  }
  if (oauthError === 'invalid_grant' && /deleted/i.test(description)) {
    return new GoogleApiError(
      'user_deleted',
      'The user has been deleted in Google Workspace.',
      {
        ...details,
        fix: 'Remove the person from Together, or correct their email.',
      },
      { cause },
    );
  }
  if (oauthError === 'invalid_grant' && /email|user id/i.test(description)) {
    return new GoogleApiError(
      'user_unknown_or_suspended',
      'Google Workspace does not know this user, or the user is suspended.',
      {
        ...details,
        fix: "Check that the person's Together email is their primary Google Workspace address and that the account is active in the Admin console › Directory › Users.",
      },
      { cause },
    );
  }
  if (oauthError === 'invalid_grant') {
    return new GoogleApiError(
      'invalid_credentials',
      `Google refused the service account's credentials: ${description}`,
      {
        ...details,
        fix: "Check the service-account key configured for Together (it may have been deleted or rotated) and the server's clock.",
      },
      { cause },
    );
  }
  if (status >= 500) return new GoogleApiError('unavailable', `Google's token endpoint failed: ${description}`, details, { cause });
  return new GoogleApiError('invalid_request', `${oauthError}: ${description}`, details, { cause });
}

function parseRetryAfter(headers: unknown): number | undefined {
  // A fetch Headers (duck-typed: it may come from another realm) or a plain record.
  const getter = (headers as { get?: unknown } | undefined)?.get;
  const value =
    typeof getter === 'function'
      ? (getter as (name: string) => string | null).call(headers, 'retry-after')
      : (headers as Record<string, unknown> | undefined)?.['retry-after'];
  if (typeof value !== 'string' || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
