import { createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import { z } from 'zod';

const keySchema = z.object({
  type: z.literal('service_account'),
  client_email: z.email(),
  client_id: z.string().regex(/^\d+$/, 'must be the numeric OAuth client id'),
  private_key_id: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }),
});

/**
 * The deployment's service-account key. The private key is reachable only through `privateKey`,
 * and the object prints, logs and serialises without it, so it cannot leak by accident.
 */
export class ServiceAccountKey {
  readonly #privateKey: string;

  private constructor(
    readonly clientEmail: string,
    /** The OAuth client id an admin grants domain-wide delegation to. */
    readonly clientId: string,
    readonly privateKeyId: string,
    privateKey: string,
  ) {
    this.#privateKey = privateKey;
  }

  get privateKey(): string {
    return this.#privateKey;
  }

  /** Parses Google's key JSON; throws an Error listing every problem (never echoing key material). */
  static parse(json: string): ServiceAccountKey {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw new Error('is not valid JSON');
    }
    const parsed = keySchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'key'} ${i.message}`).join('; '));
    }
    try {
      createPrivateKey(parsed.data.private_key);
    } catch {
      throw new Error('private_key cannot be read as a PEM private key');
    }
    const k = parsed.data;
    return new ServiceAccountKey(k.client_email, k.client_id, k.private_key_id, k.private_key);
  }

  toJSON(): Record<string, string> {
    return { clientEmail: this.clientEmail, clientId: this.clientId, privateKeyId: this.privateKeyId, privateKey: '[redacted]' };
  }

  [inspect.custom](): string {
    return `ServiceAccountKey(${this.clientEmail}, client ${this.clientId})`;
  }
}
