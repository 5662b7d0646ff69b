/**
 * The state of the user-facing OAuth flow: sign-in requests waiting on the account chooser, authorization
 * codes waiting to be exchanged, and what each user has consented to per client.
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
  expiresAt: number;
}

/** How long the sign-in page stays usable, and how long a code may wait for its exchange (§D2: minutes). */
export const REQUEST_LIFETIME_MS = 60 * 60_000;
export const CODE_LIFETIME_MS = 10 * 60_000;

const consentKey = (clientId: string, subject: string): string => `${clientId}\n${subject}`;

export class UserAuthorizations {
  private readonly requests = new Map<string, AuthorizationRequest>();
  private readonly codes = new Map<string, AuthorizationCode>();
  /** Scopes each user has granted each client (the next consent screens build on this). */
  private readonly consents = new Map<string, Set<string>>();

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

  /** Records a grant; true when it is the user's first consent to this client for these scopes. */
  recordConsent(clientId: string, subject: string, scopes: string[]): boolean {
    const key = consentKey(clientId, subject);
    const granted = this.consents.get(key) ?? new Set<string>();
    const fresh = scopes.some((scope) => !granted.has(scope));
    for (const scope of scopes) granted.add(scope);
    this.consents.set(key, granted);
    return fresh;
  }

  consentedScopes(clientId: string, subject: string): string[] {
    return [...(this.consents.get(consentKey(clientId, subject)) ?? [])];
  }

  /** Forgets everything of a deleted user. */
  forgetSubject(subject: string): void {
    for (const [key, code] of this.codes) if (code.subject === subject) this.codes.delete(key);
    for (const key of this.consents.keys()) if (key.endsWith(`\n${subject}`)) this.consents.delete(key);
  }

  clear(): void {
    this.requests.clear();
    this.codes.clear();
    this.consents.clear();
  }

  private prune(now: number): void {
    if (this.requests.size < 1000 && this.codes.size < 1000) return;
    for (const [id, request] of this.requests) if (request.expiresAt <= now) this.requests.delete(id);
    for (const [key, code] of this.codes) if (code.expiresAt <= now) this.codes.delete(key);
  }
}
