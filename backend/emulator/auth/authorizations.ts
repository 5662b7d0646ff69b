/**
 * The state of the user-facing OAuth flow: sign-in requests waiting on the consent page, authorization
 * codes waiting to be exchanged, and each user's grant per client (consented scopes and refresh tokens).
 */
import { randomToken } from '../ids.js';

export type CodeChallengeMethod = 'S256' | 'plain';

/** A validated `/o/oauth2/v2/auth` request, kept server-side while the sign-in page is open. */
export interface AuthorizationRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  /** Requested scopes in canonical form (URL forms; `openid` as is), in request order. */
  scopes: string[];
  /** The scope strings exactly as requested (the callback's `scope` echoes these forms). */
  requestedScopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: CodeChallengeMethod;
  /** `hd` hint: a domain, or `*` for any Workspace account. */
  hostedDomain?: string;
  loginHint?: string;
  accessType: 'online' | 'offline';
  prompt: string[];
  includeGrantedScopes: boolean;
  expiresAt: number;
}

/** An issued authorization code: single use, bound to its client, redirect URI and PKCE challenge. */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  /** The signed-in user (lower-case email). */
  subject: string;
  /** Granted scopes, canonical form. */
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: CodeChallengeMethod;
  accessType: 'online' | 'offline';
  /** `prompt=consent` was asked: an offline exchange gets a refresh token even when one was issued before. */
  forceConsent: boolean;
  expiresAt: number;
}

/** What a user has granted one client (Google Account → "Third-party apps with account access"). */
export interface UserGrant {
  clientId: string;
  /** The user (lower-case email). */
  subject: string;
  /** Every scope the user has granted the client, canonical form. */
  scopes: Set<string>;
  /** Whether an offline exchange has already handed out a refresh token for this grant (the next one gets none). */
  offlineIssued: boolean;
  createdAt: number;
}

/** A refresh token: acts for its grant with the scopes of the exchange that issued it, until unused too long or revoked. */
export interface RefreshToken {
  token: string;
  clientId: string;
  subject: string;
  scopes: string[];
  issuedAt: number;
  /** The last refresh (or the issue); tokens unused for `refreshTokenIdleMs` stop working. */
  lastUsedAt: number;
  /** Rotation (a client's opt-in): the token this one replaced, valid until this one's first refresh. */
  replaces?: string;
  /** Rotation: the token issued in this one's place and not refreshed with yet (a newer rotation replaces it). */
  successor?: string;
}

/** How long the sign-in page stays usable, and how long a code may wait for its exchange (§D2: minutes). */
export const REQUEST_LIFETIME_MS = 60 * 60_000;
/** Google's limit of live refresh tokens per user and client: one more ends the oldest without warning (§D3). */
export const REFRESH_TOKENS_PER_GRANT = 100;
export const CODE_LIFETIME_MS = 10 * 60_000;

export const grantKey = (clientId: string, subject: string): string => `${clientId}\n${subject}`;

export class UserAuthorizations {
  private readonly requests = new Map<string, AuthorizationRequest>();
  private readonly codes = new Map<string, AuthorizationCode>();
  /** Each user's grant per client, by `grantKey`. */
  private readonly grants = new Map<string, UserGrant>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  /** The live refresh tokens of each grant, oldest first, by `grantKey`. */
  private readonly tokensOfGrant = new Map<string, string[]>();

  openRequest(input: Omit<AuthorizationRequest, 'id' | 'expiresAt'>, now: number): AuthorizationRequest {
    this.prune(now);
    const request: AuthorizationRequest = { ...input, id: randomToken('', 18), expiresAt: now + REQUEST_LIFETIME_MS };
    this.requests.set(request.id, request);
    return request;
  }

  request(id: string, now: number): AuthorizationRequest | undefined {
    const request = this.requests.get(id);
    return request && request.expiresAt > now ? request : undefined;
  }

  closeRequest(id: string): void {
    this.requests.delete(id);
  }

  /** Codes look like Google's (`4/0A…`, with a `/`, so a client that forgets to %-decode it notices). */
  issueCode(input: Omit<AuthorizationCode, 'code' | 'expiresAt'>, now: number): AuthorizationCode {
    const code: AuthorizationCode = { ...input, code: randomToken('4/0Aemu', 48), expiresAt: now + CODE_LIFETIME_MS };
    this.codes.set(code.code, code);
    return code;
  }

  /** Removes and returns the code: whatever the exchange decides next, a code is redeemed at most once. */
  redeem(code: string): AuthorizationCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    return found;
  }

  /** Adds scopes to the user's grant for the client; true when one of them was not granted before (first consent). */
  recordConsent(clientId: string, subject: string, scopes: string[], now: number): boolean {
    const key = grantKey(clientId, subject);
    let grant = this.grants.get(key);
    if (!grant) this.grants.set(key, (grant = { clientId, subject, scopes: new Set(), offlineIssued: false, createdAt: now }));
    const fresh = scopes.some((scope) => !grant.scopes.has(scope));
    for (const scope of scopes) grant.scopes.add(scope);
    return fresh;
  }

  grant(clientId: string, subject: string): UserGrant | undefined {
    return this.grants.get(grantKey(clientId, subject));
  }

  consentedScopes(clientId: string, subject: string): string[] {
    return [...(this.grant(clientId, subject)?.scopes ?? [])];
  }

  /** A user's grants, with how many live refresh tokens each has and when one was last used. */
  grantsOf(subject: string): Array<UserGrant & { refreshTokens: number; lastUsedAt: number | null }> {
    return [...this.grants.values()]
      .filter((grant) => grant.subject === subject)
      .map((grant) => {
        const tokens = this.liveTokens(grant.clientId, subject);
        const lastUsedAt = tokens.length > 0 ? Math.max(...tokens.map((t) => t.lastUsedAt)) : null;
        return { ...grant, refreshTokens: tokens.length, lastUsedAt };
      });
  }

  /** A refresh token for the grant; marks the grant as having handed one out, and past the limit ends its oldest. */
  issueRefreshToken(clientId: string, subject: string, scopes: string[], now: number): RefreshToken {
    const key = grantKey(clientId, subject);
    const grant = this.grants.get(key);
    if (grant) grant.offlineIssued = true;
    const token: RefreshToken = {
      token: randomToken('1//0emu', 48),
      clientId,
      subject,
      scopes: [...scopes],
      issuedAt: now,
      lastUsedAt: now,
    };
    this.refreshTokens.set(token.token, token);
    const tokens = this.tokensOfGrant.get(key) ?? [];
    tokens.push(token.token);
    while (tokens.length > REFRESH_TOKENS_PER_GRANT) this.refreshTokens.delete(tokens.shift()!);
    this.tokensOfGrant.set(key, tokens);
    return token;
  }

  refreshToken(token: string): RefreshToken | undefined {
    return this.refreshTokens.get(token);
  }

  /**
   * Rotation (opt-in per client): a new refresh token for the same grant and scopes in place of `used`. `used`
   * stays valid until the new one's first refresh (`rotationUsed`); a successor of `used` not refreshed with yet
   * (its answer never stored) ends, so each token has at most one waiting successor.
   */
  rotate(used: RefreshToken, now: number): RefreshToken {
    if (used.successor) this.dropRefreshToken(used.successor);
    const next = this.issueRefreshToken(used.clientId, used.subject, used.scopes, now);
    next.replaces = used.token;
    used.successor = next.token;
    return next;
  }

  /** A refresh with a rotated-in token was answered: the token it replaced stops working. */
  rotationUsed(token: RefreshToken): void {
    if (token.replaces === undefined) return;
    this.dropRefreshToken(token.replaces);
    token.replaces = undefined;
  }

  /** Ends one refresh token (it expired unused, or Google lost its record of it). */
  dropRefreshToken(token: string): void {
    const found = this.refreshTokens.get(token);
    if (!found) return;
    this.refreshTokens.delete(token);
    const key = grantKey(found.clientId, found.subject);
    this.tokensOfGrant.set(
      key,
      (this.tokensOfGrant.get(key) ?? []).filter((t) => t !== token),
    );
  }

  /** Removes the whole grant: its scopes, its refresh tokens and its codes waiting for an exchange; true when there was one. */
  revokeGrant(clientId: string, subject: string): boolean {
    const key = grantKey(clientId, subject);
    const existed = this.grants.delete(key);
    const tokens = this.tokensOfGrant.get(key) ?? [];
    for (const token of tokens) this.refreshTokens.delete(token);
    this.tokensOfGrant.delete(key);
    for (const [id, code] of this.codes) if (code.clientId === clientId && code.subject === subject) this.codes.delete(id);
    return existed || tokens.length > 0;
  }

  private liveTokens(clientId: string, subject: string): RefreshToken[] {
    return (this.tokensOfGrant.get(grantKey(clientId, subject)) ?? []).flatMap((t) => this.refreshTokens.get(t) ?? []);
  }

  /** Forgets everything of a deleted user. */
  forgetSubject(subject: string): void {
    for (const [key, code] of this.codes) if (code.subject === subject) this.codes.delete(key);
    for (const grant of [...this.grants.values()]) if (grant.subject === subject) this.revokeGrant(grant.clientId, subject);
  }

  clear(): void {
    this.requests.clear();
    this.codes.clear();
    this.grants.clear();
    this.refreshTokens.clear();
    this.tokensOfGrant.clear();
  }

  private prune(now: number): void {
    if (this.requests.size < 1000 && this.codes.size < 1000) return;
    for (const [id, request] of this.requests) if (request.expiresAt <= now) this.requests.delete(id);
    for (const [key, code] of this.codes) if (code.expiresAt <= now) this.codes.delete(key);
  }
}
