/** Google-style OIDC ID tokens (the stand-in for Apps Script's `ScriptApp.getIdentityToken()`) and their certs. */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { signJwt } from './auth/jwt.js';
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
}

export class IdTokenSigner {
  readonly kid = randomBytes(20).toString('hex');
  private readonly privateKey: KeyObject;
  private readonly publicPem: string;
  private strangerKey: KeyObject | null = null;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** The body of `/oauth2/v1/certs`: PEM by key id. */
  certs(): Record<string, string> {
    return { [this.kid]: this.publicPem };
  }

  mint(user: User, options: MintOptions, now: number): string {
    const lifetime = options.lifetimeSeconds ?? 3600;
    const iat = Math.floor(now / 1000) - (options.expired ? lifetime + 3600 : 0);
    const payload = {
      iss: options.issuer ?? 'https://accounts.google.com',
      azp: options.authorizedParty ?? options.audience,
      aud: options.audience,
      sub: user.id,
      hd: user.domain,
      email: user.email,
      email_verified: options.emailVerified ?? true,
      iat,
      exp: iat + lifetime,
    };
    if (options.unknownKey) this.strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return signJwt(payload, options.unknownKey ? this.strangerKey! : this.privateKey, { kid: this.kid });
  }
}
