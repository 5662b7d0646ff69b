/** Identifiers in Google's formats: base32hex event ids, opaque tokens, Meet codes. */
import { randomBytes, randomInt } from 'node:crypto';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const EVENT_ID = /^[a-v0-9]{5,1024}$/;

/** Google's rule for client-chosen event ids: base32hex characters only, 5–1024 of them. */
export function isValidEventId(id: string): boolean {
  return EVENT_ID.test(id);
}

/** A fresh 26-character base32hex id (130 random bits), like the ids Google generates. */
export function newEventId(): string {
  let out = '';
  for (const byte of randomBytes(26)) out += BASE32HEX[byte & 31];
  return out;
}

/** An opaque random token with a prefix, URL-safe. */
export function randomToken(prefix: string, bytes = 24): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** A Meet code like `abc-defg-hij`. */
export function newMeetCode(): string {
  const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
  return `${letters(3)}-${letters(4)}-${letters(3)}`;
}

/** Numeric id strings like Google's user and client ids (21 digits). */
export function newNumericId(): string {
  return String(randomInt(1, 10)) + Array.from({ length: 20 }, () => randomInt(10)).join('');
}
