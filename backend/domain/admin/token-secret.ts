import { createHash, randomBytes } from 'node:crypto';

/** Every admin token starts with this, so secret scanners and people can recognise one. */
export const TOKEN_PREFIX = 'tgc_';

/** `tgc_` + 32 random bytes in base64url (43 characters). */
export const TOKEN_PATTERN = /^tgc_[A-Za-z0-9_-]{43}$/;

/** How many leading characters of a token are kept in the clear, to tell tokens apart in lists. */
const DISPLAY_LENGTH = TOKEN_PREFIX.length + 6;

/** A fresh token: the secret (shown once), its SHA-256 (stored) and its display prefix (stored). */
export function generateTokenSecret(): { token: string; tokenHash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, DISPLAY_LENGTH) };
}

/** SHA-256 hex of a token: the only form the database holds. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
