/** Compact JWS (RS256) encoding and checking with Node's crypto. */
import { createSign, createVerify, type KeyObject } from 'node:crypto';

export type JsonObject = Record<string, unknown>;

/** A JWS split into its parts; nothing verified yet. */
export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
  signingInput: string;
  signature: Buffer;
}

const encodePart = (value: JsonObject): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `payload` with RS256; `header` adds fields such as `kid`. */
export function signJwt(payload: JsonObject, privateKey: KeyObject | string, header: JsonObject = {}): string {
  const signingInput = `${encodePart({ alg: 'RS256', typ: 'JWT', ...header })}.${encodePart(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function parsePart(part: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** Splits a compact JWS; null when it is not three base64url parts holding JSON objects. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parsePart(headerPart);
  const payload = parsePart(payloadPart);
  if (!header || !payload) return null;
  return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature: Buffer.from(signaturePart, 'base64url') };
}

/** True when the JWS is RS256 and its signature verifies with `publicKey`. */
export function verifyRs256(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  if (jwt.header.alg !== 'RS256') return false;
  return createVerify('RSA-SHA256').update(jwt.signingInput).verify(publicKey, jwt.signature);
}
