/** Access tokens handed out by /token: each remembers who it acts for and with which scopes. */
import { randomToken } from '../ids.js';

export interface AccessToken {
  token: string;
  /** The impersonated user (lower-case email); null for a service account acting as itself. */
  subject: string | null;
  scopes: Set<string>;
  /** The OAuth client the token was issued to (a service account's or a web client's id): the quota "project". */
  clientId: string;
  /** The service account's email; null for a token a user granted to a web client. */
  clientEmail: string | null;
  /** How it was obtained: a service account's JWT-bearer grant (DWD), or a user's authorization (its code or a refresh token). */
  grant: 'jwtBearer' | 'authorizationCode';
  expiresAt: number;
}

/** What Google answers in `expires_in`; above the libraries' 5-minute refresh margin (§A5). */
export const TOKEN_LIFETIME_SECONDS = 3599;

/** O(1) token lookup; expired tokens are dropped lazily as new ones are issued. */
export class TokenStore {
  private readonly tokens = new Map<string, AccessToken>();
  private issuedSincePrune = 0;

  issue(input: Omit<AccessToken, 'token' | 'expiresAt'>, now: number): AccessToken {
    if (++this.issuedSincePrune >= 10_000) this.prune(now);
    const token: AccessToken = { ...input, token: randomToken('ya29.emu-', 30), expiresAt: now + TOKEN_LIFETIME_SECONDS * 1000 };
    this.tokens.set(token.token, token);
    return token;
  }

  find(token: string): AccessToken | undefined {
    return this.tokens.get(token);
  }

  /** Revokes one token; false when it was not live. */
  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** Revokes the access tokens a user's grant to a web client issued (the grant was revoked). */
  revokeGrant(clientId: string, subject: string): void {
    for (const [key, token] of this.tokens)
      if (token.grant === 'authorizationCode' && token.clientId === clientId && token.subject === subject) this.tokens.delete(key);
  }

  /** Revokes every token of a subject (user deleted or suspended). */
  revokeSubject(subject: string): void {
    for (const [key, token] of this.tokens) if (token.subject === subject) this.tokens.delete(key);
  }

  clear(): void {
    this.tokens.clear();
  }

  private prune(now: number): void {
    this.issuedSincePrune = 0;
    for (const [key, token] of this.tokens) if (token.expiresAt <= now) this.tokens.delete(key);
  }
}
