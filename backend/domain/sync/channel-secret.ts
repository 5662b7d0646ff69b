import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh channel secret: Google echoes it on every notification as X-Goog-Channel-Token. */
export const newChannelToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a channel secret: its SHA-256, hex. */
export const hashChannelToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Compares a presented token with the stored hash in constant time (hashes have equal length). */
export function channelTokenMatches(presented: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(presented, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
