import { AppError } from './errors.js';
import { isLowerCaseUuid } from './uuid.js';

/** A page request: an opaque cursor from the previous page and a size. */
export interface PageInput {
  cursor?: string | undefined;
  limit: number;
}

/** A page of results and the cursor of the next one (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Where the previous page stopped, in (createdAt, id) order. */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Encodes a position as an opaque, URL-safe cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

/** An instant exactly as encodeCursor writes it (Date#toISOString, four-digit year). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The 400 for a cursor that is not one of ours. */
export function invalidCursor(): AppError {
  return new AppError('invalid_request', 'The cursor is not valid: pass back the nextCursor of a previous page.', {
    location: 'query',
    issues: [{ field: 'cursor', code: 'invalid_cursor', message: 'Unknown cursor.' }],
  });
}

/**
 * Decodes a cursor from a client; anything that is not one of ours is a 400, including what would
 * only fail in the database: a date that does not round-trip (2026-02-30, another format), one
 * before 1970 or outside the database's range, an id that is not a lower-case UUID.
 */
export function decodeCursor(cursor: string): CursorPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== 2) throw invalidCursor();
  const [at, id] = value as unknown[];
  if (typeof at !== 'string' || !ISO_INSTANT.test(at) || typeof id !== 'string' || !isLowerCaseUuid(id)) throw invalidCursor();
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || createdAt.getTime() < 0 || createdAt.toISOString() !== at) throw invalidCursor();
  return { createdAt, id };
}

/**
 * The Prisma where/orderBy/take for keyset paging over (createdAt, id), oldest first or newest
 * first. Fetches one extra row to know whether there is a next page.
 */
export function keysetQuery(page: PageInput, direction: 'asc' | 'desc') {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const beyond = <V>(value: V) => (direction === 'asc' ? { gt: value } : { lt: value });
  return {
    where: after ? { OR: [{ createdAt: beyond(after.createdAt) }, { createdAt: after.createdAt, id: beyond(after.id) }] } : {},
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: page.limit + 1,
  };
}

/** Cuts the extra row off and computes the next cursor. */
export function toPage<T extends CursorPosition>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
