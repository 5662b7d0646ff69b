import type { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { fieldIssues } from '../../domain/values.js';

/** Parses request input with a schema; a mismatch is a 400 `invalid_request` listing every field problem. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, location: 'body' | 'query' | 'params'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('invalid_request', `The request ${location} is invalid.`, { location, issues: fieldIssues(result.error) });
}
