import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** One key of TOKEN_ENCRYPTION_KEYS: its id and 32 bytes of AES-256 key. */
export interface TokenKey {
  id: string;
  secret: Buffer;
}

/** A refresh token as stored: the key that encrypted it, and IV ‖ tag ‖ ciphertext. */
export interface SealedToken {
  keyId: string;
  sealed: Uint8Array;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored token that no configured key opens, or that does not authenticate. */
export class TokenKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenKeyError';
  }
}

/**
 * AES-256-GCM for refresh tokens at rest. The first key encrypts; every key decrypts what it
 * encrypted (so keys rotate by putting a new one first, then running `npm run tokens:reencrypt`).
 * The token's owner (the person id) is the additional authenticated data: a ciphertext copied to
 * another person's row does not decrypt. The keys never print, log or serialise.
 */
export class TokenKeyring {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly TokenKey[]) {
    const first = keys[0];
    if (!first) throw new Error('a token keyring needs at least one key');
    this.#keys = new Map(keys.map((key) => [key.id, key.secret]));
    this.currentKeyId = first.id;
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  seal(token: string, owner: string): SealedToken {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]) };
  }

  open(token: SealedToken, owner: string): string {
    const key = this.#keys.get(token.keyId);
    if (!key) throw new TokenKeyError(`No configured TOKEN_ENCRYPTION_KEYS entry has the id ${token.keyId}.`);
    const bytes = Buffer.from(token.sealed);
    if (bytes.length <= IV_BYTES + TAG_BYTES) throw new TokenKeyError('A stored token is too short to be one.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(owner, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenKeyError(`A stored token does not authenticate under key ${token.keyId}.`);
    }
  }

  toJSON(): Record<string, unknown> {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds };
  }

  [inspect.custom](): string {
    return `TokenKeyring(${this.keyIds.join(', ')})`;
  }
}

/** A fresh random key, e.g. the sandbox's own: `id:base64` as TOKEN_ENCRYPTION_KEYS spells it. */
export function newTokenKeySpec(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
