// A person's own OAuth grant (the per-user method): an OAuth2Client holding their refresh token.
import { OAuth2Client, gaxios, type Credentials } from 'google-auth-library';
import { LRUCache } from 'lru-cache';
import type { TokenOptions } from './delegated-auth.js';
import type { GoogleEndpoints } from './endpoints.js';
import { GoogleApiError } from './errors.js';
import { permittedSubject, type Impersonation } from './impersonation.js';
import type { OAuthWebClient } from './workspace-sign-in.js';

/** The scope a connection must carry for Together to read and write the person's calendar. */
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';

/** How an organization reaches its people's calendars. */
export type IntegrationMethod = 'DOMAIN_WIDE' | 'PER_USER';

/** A person's connection as the vault hands it out: the refresh token decrypted, for this process only. */
export interface StoredConnection {
  status: 'CONNECTED' | 'NEEDS_RECONNECT' | 'BLOCKED_BY_POLICY';
  refreshToken: string;
  /** The token a rotation replaced, kept until a refresh with the new one succeeded. */
  previousRefreshToken?: string;
  grantedScopes: string[];
  statusReason?: string | null;
}

/** Why Google refused a person's refresh token, as the vault records it. */
export interface ConnectionRefusal {
  status: 'NEEDS_RECONNECT' | 'BLOCKED_BY_POLICY';
  /** Google's error and description, e.g. `invalid_grant: Token has been expired or revoked.` */
  reason: string;
  /** Google said the account is deleted or disabled (suspended), rather than the grant removed. */
  accountGone: boolean;
}

/**
 * Where people's connections are kept (the domain fills it: encrypted rows in the database). google/
 * never sees ciphertext or keys, only what it needs for one call.
 */
export interface ConnectionVault {
  /** The method of the organization the subject's verified domain belongs to. */
  methodOf(who: Impersonation): Promise<IntegrationMethod>;
  connectionOf(who: Impersonation): Promise<StoredConnection | null>;
  /** Google rotated the refresh token: `next` becomes the current one, `replaced` is kept. Finishes before `next` is relied on. */
  rotated(who: Impersonation, next: string, replaced: string): Promise<void>;
  /** A refresh with a rotated-in token succeeded: the token it replaced is dropped (only called while one is kept). */
  rotationConfirmed(who: Impersonation): Promise<void>;
  /** Google refused every token the person has: the connection is marked, the person's access and channel follow. */
  refused(who: Impersonation, refusal: ConnectionRefusal): Promise<void>;
}

/** Why a per-user call cannot be made; `details.reason` of the GoogleApiError (kind `not_installed`). */
export const PER_USER_REASONS = {
  notConnected: 'not_connected',
  revoked: 'connection_revoked',
  scopeMissing: 'calendar_scope_not_granted',
  adminPolicy: 'admin_policy_enforced',
  accountGone: 'account_deleted_or_suspended',
} as const;

export type PerUserReason = (typeof PER_USER_REASONS)[keyof typeof PER_USER_REASONS];

/** The sentence an admin (and the person) needs for each reason. */
export const PER_USER_FIXES: Record<PerUserReason, string> = {
  not_connected:
    'The person opens Together in the Google Calendar sidebar and chooses Connect your Google Calendar (or a Together admin mails them a connect link from the console).',
  connection_revoked:
    'The person connects again: Together shows them Reconnect your Google Calendar in the Calendar sidebar (or a Together admin mails them a fresh connect link).',
  calendar_scope_not_granted:
    'The person connects again and leaves "See, edit, share and permanently delete all the calendars" ticked on Google\'s consent page.',
  admin_policy_enforced:
    'A Google Workspace administrator marks Together as trusted: Admin console › Security › Access and data control › API controls › Manage third-party app access, then the person connects again.',
  account_deleted_or_suspended:
    'Restore the user in the Google Admin console › Directory › Users (then they connect again), or mark the person INACTIVE in Together.',
};

const MESSAGES: Record<PerUserReason, string> = {
  not_connected: 'The person has not connected their Google Calendar to Together yet.',
  connection_revoked: "Google refused the person's connection: access was removed in their Google account, or it expired unused.",
  calendar_scope_not_granted: 'The person connected without granting Together access to Google Calendar.',
  admin_policy_enforced: 'The Google Workspace admin restricts Google Calendar to trusted apps, and Together is not one of them.',
  account_deleted_or_suspended: "Google refused the person's connection: the account is deleted or suspended.",
};

/** The failure a per-user call surfaces as: a "not connected" kind, so every caller's handling of those applies. */
export function perUserFailure(reason: PerUserReason, detail?: string, cause?: unknown): GoogleApiError {
  return new GoogleApiError(
    'not_installed',
    detail ? `${MESSAGES[reason]} (${detail})` : MESSAGES[reason],
    { reason, fix: PER_USER_FIXES[reason] },
    cause === undefined ? undefined : { cause },
  );
}

/** Refreshes happen this long before expiry, ahead of the library's own 5 minutes, so none starts inside an API call. */
const REFRESH_MARGIN_MS = 6 * 60_000;
const LIVE_CLIENTS = 256;

interface LiveClient {
  client: OAuth2Client;
  refreshToken: string;
  previousRefreshToken: string | undefined;
  /** A rotation Google announced that is being written. */
  rotation?: Promise<void>;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

/**
 * One OAuth2Client per connected person, their access token cached until shortly before expiry, as
 * DelegatedAuth does for JWTs (an LRU of tokens, a few hundred live clients). Every refresh happens
 * here, before the API call: a refresh token Google rotates is written through the vault before the
 * call proceeds, and `invalid_grant` marks the connection in the vault before the error goes on.
 */
export class PerUserAuth {
  readonly #clients: LRUCache<string, LiveClient>;
  readonly #tokens: LRUCache<string, CachedToken>;
  /** Refreshes under way per subject: concurrent calls wait for one rather than each asking Google. */
  readonly #refreshing = new Map<string, Promise<OAuth2Client>>();

  constructor(
    private readonly oauthClient: OAuthWebClient,
    private readonly endpoints: GoogleEndpoints,
    private readonly vault: ConnectionVault,
    options: { maxCachedSubjects: number; maxLiveClients?: number; clock?: () => number },
  ) {
    this.#tokens = new LRUCache({ max: options.maxCachedSubjects });
    this.#clients = new LRUCache({ max: Math.max(1, Math.min(options.maxLiveClients ?? LIVE_CLIENTS, options.maxCachedSubjects)) });
    this.clock = options.clock ?? Date.now;
  }

  private readonly clock: () => number;

  /** The person's client with a valid access token; `freshToken` asks Google for a new one first (the connection check). */
  async clientFor(who: Impersonation, options: TokenOptions = {}): Promise<OAuth2Client> {
    const subject = permittedSubject(who);
    if (options.freshToken) this.#tokens.delete(subject);
    const live = this.#clients.get(subject);
    const token = this.#tokens.get(subject);
    if (live && token && token.expiresAt - this.clock() > REFRESH_MARGIN_MS) return live.client;
    const pending = this.#refreshing.get(subject);
    if (pending && !options.freshToken) return pending;
    const refresh = this.refresh(who, subject, live && !options.freshToken ? live : undefined).finally(() => {
      if (this.#refreshing.get(subject) === refresh) this.#refreshing.delete(subject);
    });
    this.#refreshing.set(subject, refresh);
    return refresh;
  }

  /** Drops the person's client and token (disconnected, refused, or an access token Google no longer takes). */
  forget(subject: string): void {
    const normalized = subject.toLowerCase();
    this.#clients.delete(normalized);
    this.#tokens.delete(normalized);
  }

  /** Revokes a refresh token at Google (`POST /revoke`, the token in the body, never in a URL). Already revoked is fine. */
  async revoke(refreshToken: string): Promise<void> {
    const client = this.newClient();
    try {
      await client.transporter.request({
        url: this.endpoints.revokeUrl,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        data: new URLSearchParams({ token: refreshToken }).toString(),
        retry: false,
      });
    } catch (error) {
      const response = error instanceof gaxios.GaxiosError ? error.response : undefined;
      // Google answers 400 invalid_token for a token that is already revoked or expired: nothing left to revoke.
      if (response?.status === 400) return;
      throw translateRefreshError(error);
    }
  }

  get cachedSubjects(): number {
    return this.#tokens.size;
  }

  private async refresh(who: Impersonation, subject: string, reuse: LiveClient | undefined): Promise<OAuth2Client> {
    let live = reuse;
    if (!live) {
      const connection = await this.vault.connectionOf(who);
      if (!connection) throw perUserFailure(PER_USER_REASONS.notConnected);
      if (connection.status === 'BLOCKED_BY_POLICY')
        throw perUserFailure(PER_USER_REASONS.adminPolicy, connection.statusReason ?? undefined);
      if (connection.status === 'NEEDS_RECONNECT') throw perUserFailure(PER_USER_REASONS.revoked, connection.statusReason ?? undefined);
      if (!connection.grantedScopes.includes(CALENDAR_SCOPE)) throw perUserFailure(PER_USER_REASONS.scopeMissing);
      live = this.liveClient(who, connection);
      this.#clients.set(subject, live);
      // An access token still cached from an evicted client serves on (a freshToken call dropped it first).
      const cached = this.#tokens.get(subject);
      if (cached && cached.expiresAt - this.clock() > REFRESH_MARGIN_MS) {
        live.client.setCredentials({ access_token: cached.accessToken, expiry_date: cached.expiresAt, refresh_token: live.refreshToken });
        return live.client;
      }
    }
    try {
      const rotatedNow = await this.refreshWith(who, live, live.refreshToken);
      // A refresh with the current token worked: what it replaced is no longer needed (unless it was just
      // replaced). Without a replaced token nothing is written: a check costs no database write of its own.
      if (!rotatedNow && live.previousRefreshToken !== undefined) {
        live.previousRefreshToken = undefined;
        await this.vault.rotationConfirmed(who);
      }
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) {
        this.forget(subject);
        throw error instanceof GoogleApiError ? error : translateRefreshError(error);
      }
      // The token a rotation replaced may still be the one Google honours (the new one never reached Google's records).
      const previous = live.previousRefreshToken;
      if (previous && refusal.status === 'NEEDS_RECONNECT') {
        try {
          const current = live.refreshToken;
          // Set first, so a rotation in this very answer is written as replacing `previous` (not the refused one).
          live.refreshToken = previous;
          live.previousRefreshToken = undefined;
          if (!(await this.refreshWith(who, live, previous))) await this.vault.rotated(who, previous, current);
          return live.client;
        } catch (retryError) {
          // Google unwell on the retry says nothing about the tokens: both stay stored, the call may be retried.
          if (!refusalOf(retryError)) {
            this.forget(subject);
            throw retryError instanceof GoogleApiError ? retryError : translateRefreshError(retryError);
          }
          // Both refused: the person reconnects.
        }
      }
      this.forget(subject);
      await this.vault.refused(who, refusal);
      throw perUserFailure(
        refusal.status === 'BLOCKED_BY_POLICY'
          ? PER_USER_REASONS.adminPolicy
          : refusal.accountGone
            ? PER_USER_REASONS.accountGone
            : PER_USER_REASONS.revoked,
        refusal.reason,
        error,
      );
    }
    return live.client;
  }

  /** One refresh-token grant; a rotated refresh token is written through the vault before this returns. */
  private async refreshWith(who: Impersonation, live: LiveClient, refreshToken: string): Promise<boolean> {
    live.client.setCredentials({ refresh_token: refreshToken });
    live.rotation = undefined;
    const answer = await live.client.refreshAccessToken();
    // The library puts the old refresh token back over a rotated one; the 'tokens' listener saw the new one.
    if (live.rotation) await live.rotation;
    const credentials = answer.credentials;
    live.client.setCredentials({ ...credentials, refresh_token: live.refreshToken });
    if (credentials.access_token && credentials.expiry_date) {
      this.#tokens.set(permittedSubject(who), { accessToken: credentials.access_token, expiresAt: credentials.expiry_date });
    }
    return live.rotation !== undefined;
  }

  private liveClient(who: Impersonation, connection: StoredConnection): LiveClient {
    const live: LiveClient = {
      client: this.newClient(),
      refreshToken: connection.refreshToken,
      previousRefreshToken: connection.previousRefreshToken,
    };
    // Google may answer a refresh with a new refresh token: the new one is written before it is relied on,
    // and the one it replaced stays stored until a refresh with the new one succeeds.
    live.client.on('tokens', (tokens: Credentials) => {
      const next = tokens.refresh_token;
      if (!next || next === live.refreshToken) return;
      const replaced = live.refreshToken;
      live.refreshToken = next;
      live.previousRefreshToken = replaced;
      live.rotation = this.vault.rotated(who, next, replaced);
    });
    return live;
  }

  private newClient(): OAuth2Client {
    const { clientId, clientSecret } = this.oauthClient;
    return new OAuth2Client({ clientId, clientSecret, endpoints: this.endpoints.signInEndpoints() });
  }
}

/** invalid_grant and admin_policy_enforced from the token endpoint: Google's word about the grant itself. */
function refusalOf(error: unknown): ConnectionRefusal | undefined {
  const response = error instanceof gaxios.GaxiosError ? error.response : undefined;
  const body = (response?.data ?? {}) as { error?: unknown; error_description?: unknown };
  if (!response || typeof body.error !== 'string') return undefined;
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const reason = description ? `${body.error}: ${description}` : body.error;
  if (body.error === 'admin_policy_enforced') return { status: 'BLOCKED_BY_POLICY', reason, accountGone: false };
  if (body.error === 'invalid_grant')
    return { status: 'NEEDS_RECONNECT', reason, accountGone: /deleted|disabled|suspended/i.test(description) };
  return undefined;
}

/** Anything else from the token endpoint: Google unwell (retryable) or our client refused. */
function translateRefreshError(error: unknown): GoogleApiError {
  const response = error instanceof gaxios.GaxiosError ? error.response : undefined;
  if (!response) {
    return new GoogleApiError(
      'unavailable',
      `Google could not be reached: ${(error as Error)?.message ?? String(error)}`,
      {},
      { cause: error },
    );
  }
  const body = (response.data ?? {}) as { error?: unknown; error_description?: unknown };
  const oauthError = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  const status = response.status;
  if (status >= 500 || status === 429) {
    return new GoogleApiError(
      status === 429 ? 'rate_limited' : 'unavailable',
      `Google's token endpoint failed (${oauthError}).`,
      { status },
      { cause: error },
    );
  }
  return new GoogleApiError(
    'invalid_credentials',
    `Google refused Together's OAuth client (${oauthError}).`,
    {
      status,
      reason: oauthError,
      fix: 'Check GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET against the OAuth client in the Google Cloud console.',
    },
    { cause: error },
  );
}
