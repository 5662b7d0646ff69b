import { z } from 'zod';

/** POST /tokens */
export const createTokenBody = z.strictObject({
  /** A label people recognise, e.g. "HR sync". */
  name: z.string().trim().min(1).max(100),
});

/** /tokens/:tokenId; a malformed id is simply not found. */
export const tokenIdParam = z.object({ tokenId: z.uuid() });
