import { createHash, randomBytes } from 'node:crypto';

/** How long a started verification waits for Google's redirect, on the application's clock. */
export const VERIFICATION_TTL_MS = 10 * 60_000;

/** 32 random bytes, base64url: what `generateState` makes (43 characters). */
const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh OAuth `state`: the secret (only ever in the authorization URL) and its SHA-256 (stored). */
export function generateState(): { state: string; stateHash: string } {
  const state = randomBytes(32).toString('base64url');
  return { state, stateHash: hashState(state) };
}

/** SHA-256 hex of a state: the only form the database holds. */
export function hashState(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/** Whether a value could be a state we issued (anything else is unknown without a lookup). */
export const looksLikeState = (value: string): boolean => STATE_PATTERN.test(value);
