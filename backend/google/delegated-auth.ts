// google-auth-library directly (the same deduped copy googleapis uses): `googleapis`' index loads every Google API.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { JWT, type Credentials } from 'google-auth-library';
import { LRUCache } from 'lru-cache';
import type { GoogleEndpoints } from './endpoints.js';
import { permittedSubject, type Impersonation } from './impersonation.js';
import type { ServiceAccountKey } from './service-account-key.js';

/** The scopes the backend asks Google for: calendars, and users' basic profiles. */
export const DELEGATED_SCOPES = [
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
] as const;

export type DelegatedClient = JWT;

/** How an adapter call gets its delegated token: from the cache (the default), or freshly from Google. */
export interface TokenOptions {
  /** Ask Google for a new token before the call (`freshClientFor`); ordinary calls use the cached one. */
  freshToken?: boolean;
}

/** A subject's access token as kept between uses: a few hundred bytes, where a JWT client is ≈ 34 KB. */
interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

/** JWT clients kept alive at once: enough for every subject in use concurrently, the rest is the token cache's job. */
const LIVE_CLIENTS = 256;

/**
 * One service-account JWT client per impersonated user, its access token cached until shortly
 * before expiry (the client refreshes it 5 minutes before). Memory stays bounded however many
 * users an organization has: what is cached per subject is only the token (an LRU of
 * `maxCachedSubjects`); at most a few hundred heavyweight clients are alive, and a client made
 * again for a subject whose token is still cached starts from that token (no new token request).
 */
export class DelegatedAuth {
  readonly #tokens: LRUCache<string, CachedToken>;
  readonly #clients: LRUCache<string, DelegatedClient>;
  /** Clients dropped by `forget`: a token they were still fetching is not cached. */
  readonly #forgotten = new WeakSet<DelegatedClient>();
  /**
   * The private key parsed once: signing with the PEM text parses it again for every token (half the
   * cost of an RS256 signature). google-auth-library hands `key` straight to jws/jwa, which accept a
   * KeyObject; the signature is the same bytes. A key node cannot parse stays text, failing as before.
   */
  readonly #signingKey: string | KeyObject;

  constructor(
    private readonly key: ServiceAccountKey,
    private readonly endpoints: GoogleEndpoints,
    options: { maxCachedSubjects: number; maxLiveClients?: number },
  ) {
    this.#tokens = new LRUCache({ max: options.maxCachedSubjects });
    this.#clients = new LRUCache({ max: Math.max(1, Math.min(options.maxLiveClients ?? LIVE_CLIENTS, options.maxCachedSubjects)) });
    this.#signingKey = parsedKey(key.privateKey);
  }

  get clientId(): string {
    return this.key.clientId;
  }

  /** The client acting as the subject, who must be in the organization's verified domains (else `domain_not_verified`). */
  clientFor(who: Impersonation): DelegatedClient {
    const normalized = permittedSubject(who);
    const cached = this.#clients.get(normalized);
    if (cached) return cached;
    const client = new JWT({
      email: this.key.clientEmail,
      // Typed as the PEM text; a KeyObject is what it is passed to in the end (see #signingKey).
      key: this.#signingKey as string,
      keyId: this.key.privateKeyId,
      scopes: [...DELEGATED_SCOPES],
      subject: normalized,
    });
    const interceptor = this.endpoints.tokenInterceptor();
    if (interceptor) client.transporter.interceptors.request.add(interceptor);
    const token = this.#tokens.get(normalized);
    if (token) {
      // The client uses it until 5 minutes before expiry, then refreshes as usual (the placeholder is what JWT starts with).
      client.setCredentials({
        access_token: token.accessToken,
        token_type: 'Bearer',
        expiry_date: token.expiresAt,
        refresh_token: 'jwt-placeholder',
      });
    }
    client.on('tokens', (tokens: Credentials) => {
      if (this.#forgotten.has(client)) return;
      if (tokens.access_token && tokens.expiry_date)
        this.#tokens.set(normalized, { accessToken: tokens.access_token, expiresAt: tokens.expiry_date });
    });
    this.#clients.set(normalized, client);
    return client;
  }

  /**
   * A client for the subject that asks Google for a new token at its first request, whatever is cached:
   * the token exchange is the delegation check, and Google keeps tokens it issued valid after an
   * install or a grant changes. The new token is cached for the subject's later calls as usual.
   */
  freshClientFor(who: Impersonation): DelegatedClient {
    this.forget(permittedSubject(who));
    return this.clientFor(who);
  }

  /** Drops a subject's client and token, e.g. after Google refused its token (a JWT never retries a 401 itself). */
  forget(subject: string): void {
    const normalized = subject.toLowerCase();
    const client = this.#clients.get(normalized);
    if (client) this.#forgotten.add(client);
    this.#clients.delete(normalized);
    this.#tokens.delete(normalized);
  }

  /** Subjects whose token is cached (or whose client is alive and fetching one). */
  get cachedSubjects(): number {
    let count = this.#tokens.size;
    for (const subject of this.#clients.keys()) if (!this.#tokens.has(subject)) count++;
    return count;
  }
}

function parsedKey(pem: string): string | KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    return pem;
  }
}
