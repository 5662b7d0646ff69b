/** Google-style OIDC ID tokens (the stand-in for Apps Script's `ScriptApp.getIdentityToken()`) and their certs. */
import { generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { signJwt, type JsonObject } from './auth/jwt.js';
import type { User } from './directory/accounts.js';

export interface MintOptions {
  audience: string;
  /** `azp`; defaults to the audience (as Apps Script tokens carry the script's client id). */
  authorizedParty?: string;
  lifetimeSeconds?: number;
  /** Tampered variants for tests. */
  expired?: boolean;
  emailVerified?: boolean;
  issuer?: string;
  /** Sign with a key the certs endpoint does not publish (signature check fails). */
  unknownKey?: boolean;
  /** The `hd` claim; the user's domain when absent (see `EmulatorState.hostedDomainOf`). */
  hostedDomain?: string;
}

/** ID tokens live an hour, as Google's do (§D5). */
export const ID_TOKEN_LIFETIME_SECONDS = 3600;

export class IdTokenSigner {
  readonly kid = randomBytes(20).toString('hex');
  private readonly privateKey: KeyObject;
  private readonly publicPem: string;
  private readonly publicJwk: JsonWebKey;
  private strangerKey: KeyObject | null = null;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.publicJwk = publicKey.export({ format: 'jwk' });
  }

  /** The body of `/oauth2/v1/certs`: PEM by key id. */
  certs(): Record<string, string> {
    return { [this.kid]: this.publicPem };
  }

  /** The body of `/oauth2/v3/certs` (the discovery document's `jwks_uri`): the same key as a JWK set. */
  jwks(): { keys: JsonObject[] } {
    return { keys: [{ ...this.publicJwk, kid: this.kid, alg: 'RS256', use: 'sig' }] };
  }

  mint(user: User, options: MintOptions, now: number): string {
    const lifetime = options.lifetimeSeconds ?? ID_TOKEN_LIFETIME_SECONDS;
    const iat = Math.floor(now / 1000) - (options.expired ? lifetime + 3600 : 0);
    const payload = {
      iss: options.issuer ?? 'https://accounts.google.com',
      azp: options.authorizedParty ?? options.audience,
      aud: options.audience,
      sub: user.id,
      hd: options.hostedDomain ?? user.domain,
      email: user.email,
      email_verified: options.emailVerified ?? true,
      iat,
      exp: iat + lifetime,
    };
    if (options.unknownKey) this.strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return signJwt(payload, options.unknownKey ? this.strangerKey! : this.privateKey, { kid: this.kid });
  }

  /** Signs claims with the published key (RS256, `kid` of the certs endpoint). */
  sign(payload: JsonObject): string {
    return signJwt(payload, this.privateKey, { kid: this.kid });
  }
}
