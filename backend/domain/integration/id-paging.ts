import { invalidCursor, type Page, type PageInput } from '../paging.js';
import { isLowerCaseUuid } from '../uuid.js';

/** Keyset paging by id alone (rows without a creation time of their own): the where, order and take. */
export function idKeyset(page: PageInput) {
  let after: string | undefined;
  if (page.cursor !== undefined) {
    after = Buffer.from(page.cursor, 'base64url').toString('utf8');
    if (!isLowerCaseUuid(after)) throw invalidCursor();
  }
  return { where: after ? { id: { gt: after } } : {}, orderBy: { id: 'asc' as const }, take: page.limit + 1 };
}

/** Cuts the extra row off and encodes where the next page starts. */
export function toIdPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null };
}
