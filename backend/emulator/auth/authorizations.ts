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
}

/** How long the sign-in page stays usable, and how long a code may wait for its exchange (§D2: minutes). */
export const REQUEST_LIFETIME_MS = 60 * 60_000;
export const CODE_LIFETIME_MS = 10 * 60_000;

export const grantKey = (clientId: string, subject: string): string => `${clientId}\n${subject}`;

export class UserAuthorizations {
  private readonly requests = new Map<string, AuthorizationRequest>();
  private readonly codes = new Map<string, AuthorizationCode>();
  /** Each user's grant per client, by `grantKey`. */
  private readonly grants = new Map<string, UserGrant>();
  private readonly refreshTokens = new Map<string, RefreshToken>();

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
        const tokens = [...this.refreshTokens.values()].filter((t) => t.clientId === grant.clientId && t.subject === subject);
        const lastUsedAt = tokens.length > 0 ? Math.max(...tokens.map((t) => t.lastUsedAt)) : null;
        return { ...grant, refreshTokens: tokens.length, lastUsedAt };
      });
  }

  /** A refresh token for the grant; marks the grant as having handed one out. */
  issueRefreshToken(clientId: string, subject: string, scopes: string[], now: number): RefreshToken {
    const grant = this.grant(clientId, subject);
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
    return token;
  }

  refreshToken(token: string): RefreshToken | undefined {
    return this.refreshTokens.get(token);
  }

  /** Ends one refresh token (it expired unused). */
  dropRefreshToken(token: string): void {
    this.refreshTokens.delete(token);
  }

  /** Removes the whole grant: its scopes, its refresh tokens and its codes waiting for an exchange; true when there was one. */
  revokeGrant(clientId: string, subject: string): boolean {
    const existed = this.grants.delete(grantKey(clientId, subject));
    let tokens = 0;
    for (const [key, token] of this.refreshTokens) {
      if (token.clientId === clientId && token.subject === subject) {
        this.refreshTokens.delete(key);
        tokens++;
      }
    }
    for (const [key, code] of this.codes) if (code.clientId === clientId && code.subject === subject) this.codes.delete(key);
    return existed || tokens > 0;
  }

  /** Forgets everything of a deleted user. */
  forgetSubject(subject: string): void {
    for (const [key, code] of this.codes) if (code.subject === subject) this.codes.delete(key);
    for (const [key, grant] of this.grants) if (grant.subject === subject) this.grants.delete(key);
    for (const [key, token] of this.refreshTokens) if (token.subject === subject) this.refreshTokens.delete(key);
  }

  clear(): void {
    this.requests.clear();
    this.codes.clear();
    this.grants.clear();
    this.refreshTokens.clear();
  }

  private prune(now: number): void {
    if (this.requests.size < 1000 && this.codes.size < 1000) return;
    for (const [id, request] of this.requests) if (request.expiresAt <= now) this.requests.delete(id);
    for (const [key, code] of this.codes) if (code.expiresAt <= now) this.codes.delete(key);
  }
}
