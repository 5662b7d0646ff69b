import type { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { fieldIssues } from '../domain/values.js';

/** At most this many field problems are listed in a 400; `moreIssues` counts the rest. */
export const MAX_LISTED_ISSUES = 100;

/** Parses request input with a schema; a mismatch is a 400 `invalid_request` listing the field problems (at most 100). */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, location: 'body' | 'query' | 'params'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = fieldIssues(result.error);
  throw new AppError('invalid_request', `The request ${location} is invalid.`, {
    location,
    issues: issues.slice(0, MAX_LISTED_ISSUES),
    ...(issues.length > MAX_LISTED_ISSUES ? { moreIssues: issues.length - MAX_LISTED_ISSUES } : {}),
  });
}
