/** OAuth 2.0 web clients registered in the emulated Cloud project: client id, secret and exact redirect URIs. */
import { randomBytes, randomInt } from 'node:crypto';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Authorized redirect URIs; a request's `redirect_uri` must equal one of them exactly (§D1). */
  redirectUris: string[];
  /** The app name the sign-in page shows ("to continue to …"). */
  name: string;
  /**
   * Opt-in, not Google's behaviour: every refresh answers a new refresh token, the one used staying valid until
   * the new one's first refresh (a client that crashed before storing the new one can still use the old one).
   * Absent when off (the default).
   */
  rotateRefreshTokens?: true;
}

export interface NewOAuthClient {
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  name?: string;
  rotateRefreshTokens?: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why Google's console would refuse this redirect URI (§D1 rules), or null when it is acceptable:
 * absolute, HTTPS (plain HTTP only on localhost / loopback), no fragment, userinfo, wildcard or `/..`.
 */
export function redirectUriProblem(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `${uri} is not an absolute URI`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    return `${uri} must use https (http only on localhost)`;
  if (uri.includes('#')) return `${uri} must not contain a fragment`;
  if (url.username || url.password) return `${uri} must not contain userinfo`;
  if (uri.includes('*')) return `${uri} must not contain a wildcard`;
  if (/\/\.\.?(\/|$)/.test(uri.replace(/^[a-z]+:\/\/[^/]+/i, ''))) return `${uri} must not contain path traversal`;
  return null;
}

/** A client id in Google's shape: `<project number>-<32 chars>.apps.googleusercontent.com`. */
function newClientId(): string {
  const project = String(randomInt(100_000, 999_999)) + String(randomInt(100_000, 999_999));
  const suffix = Array.from(randomBytes(32), (b) => '0123456789abcdefghijklmnopqrstuv'[b & 31]).join('');
  return `${project}-${suffix}.apps.googleusercontent.com`;
}

/** A secret in Google's current shape (`GOCSPX-` and 28 characters). */
const newClientSecret = (): string => `GOCSPX-${randomBytes(21).toString('base64url')}`;

export class OAuthClients {
  private readonly clients = new Map<string, OAuthClient>();
  /** Ids of deleted clients: Google says `deleted_client` for them rather than `invalid_client`. */
  private readonly deleted = new Set<string>();

  /** Registers a client, or replaces the one with the same id (a console edit). */
  add(input: NewOAuthClient): OAuthClient {
    const client: OAuthClient = {
      clientId: input.clientId ?? newClientId(),
      clientSecret: input.clientSecret ?? newClientSecret(),
      redirectUris: [...input.redirectUris],
      name: input.name ?? 'Emulated app',
      ...(input.rotateRefreshTokens ? { rotateRefreshTokens: true as const } : {}),
    };
    this.clients.set(client.clientId, client);
    this.deleted.delete(client.clientId);
    return client;
  }

  get(clientId: string): OAuthClient | undefined {
    return this.clients.get(clientId);
  }

  wasDeleted(clientId: string): boolean {
    return this.deleted.has(clientId);
  }

  remove(clientId: string): boolean {
    if (!this.clients.delete(clientId)) return false;
    this.deleted.add(clientId);
    return true;
  }

  list(): OAuthClient[] {
    return [...this.clients.values()];
  }
}
