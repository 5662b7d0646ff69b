import { AppError } from '../errors.js';
import { invalidCursor, type Page, type PageInput } from '../paging.js';
import { isLowerCaseUuid } from '../uuid.js';

/** A page of a per-person table: a cursor (keyset) or a 1-based page number (offset), never both. */
export interface PersonPageInput extends PageInput {
  /** 1-based page of `limit` rows in id order: for "page 2 of 5" tables; an alternative to `cursor`. */
  page?: number | undefined;
}

/** A page of a per-person table and how many rows match its filters in all. */
export type CountedPage<T> = Page<T> & { total: number };

/**
 * Paging by id (rows without a creation time of their own): the where, order, skip and take of
 * either a keyset page after `cursor` or the `page`-th page; both at once is a 400.
 */
export function idKeyset(page: PersonPageInput) {
  if (page.cursor !== undefined && page.page !== undefined) {
    throw new AppError('invalid_request', 'Give either cursor or page, not both.', {
      location: 'query',
      issues: [{ field: 'page', code: 'cursor_and_page', message: 'cursor and page are alternatives' }],
    });
  }
  let after: string | undefined;
  if (page.cursor !== undefined) {
    after = Buffer.from(page.cursor, 'base64url').toString('utf8');
    if (!isLowerCaseUuid(after)) throw invalidCursor();
  }
  return {
    where: after ? { id: { gt: after } } : {},
    orderBy: { id: 'asc' as const },
    skip: page.page === undefined ? 0 : (page.page - 1) * page.limit,
    take: page.limit + 1,
  };
}

/** Cuts the extra row off and encodes where the next page starts. */
export function toIdPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null };
}

/** `contains` matches LIKE patterns: the text's own `%`, `_` and `\` must match themselves. */
export function literalText(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Rows whose person's name or email contains `q`, any case (none given: every row). */
export function personMatching(q: string | undefined) {
  if (q === undefined) return {};
  const contains = { contains: literalText(q), mode: 'insensitive' as const };
  return { person: { OR: [{ displayName: contains }, { email: contains }] } };
}
