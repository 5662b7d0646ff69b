import { google } from 'googleapis';
import { LRUCache } from 'lru-cache';
import type { GoogleEndpoints } from './endpoints.js';
import type { ServiceAccountKey } from './service-account-key.js';

/** The scopes the backend asks Google for: calendars, and users' basic profiles. */
export const DELEGATED_SCOPES = [
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
] as const;

export type DelegatedClient = InstanceType<typeof google.auth.JWT>;

/**
 * One service-account JWT client per impersonated user. Each client caches its own access token
 * and refreshes it 5 minutes before expiry; the clients live in a bounded LRU so memory stays flat
 * however many users an organization has.
 */
export class DelegatedAuth {
  readonly #clients: LRUCache<string, DelegatedClient>;

  constructor(
    private readonly key: ServiceAccountKey,
    private readonly endpoints: GoogleEndpoints,
    options: { maxCachedSubjects: number },
  ) {
    this.#clients = new LRUCache({ max: options.maxCachedSubjects });
  }

  get clientId(): string {
    return this.key.clientId;
  }

  /** The client acting as `subject` (an email of the organization's Workspace domain). */
  clientFor(subject: string): DelegatedClient {
    const normalized = subject.toLowerCase();
    const cached = this.#clients.get(normalized);
    if (cached) return cached;
    const client = new google.auth.JWT({
      email: this.key.clientEmail,
      key: this.key.privateKey,
      keyId: this.key.privateKeyId,
      scopes: [...DELEGATED_SCOPES],
      subject: normalized,
    });
    const interceptor = this.endpoints.tokenInterceptor();
    if (interceptor) client.transporter.interceptors.request.add(interceptor);
    this.#clients.set(normalized, client);
    return client;
  }

  /** Drops a subject's client, e.g. after Google refused its token (a JWT never retries a 401 itself). */
  forget(subject: string): void {
    this.#clients.delete(subject.toLowerCase());
  }

  get cachedSubjects(): number {
    return this.#clients.size;
  }
}
