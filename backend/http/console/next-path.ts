/** Where a console page lives; `next` may name only a path below it. */
export const CONSOLE_HOME = '/admin/';

const BASE = 'http://console.invalid';

/**
 * The page to go to after signing in: `next` when it is a path under /admin/ of this site, else
 * /admin/. No other site (`//evil.test`, `https://evil.test`; no backslashes, spaces, control or
 * non-ASCII characters) and no way out of /admin/ (`/admin/../x`, nor encoded dots or slashes): the
 * path is also compared after the URL parser's own normalisation, which is what is returned.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048 || !next.startsWith(CONSOLE_HOME) || /[^\x21-\x7e]|\\|%(2e|2f|5c)/i.test(next)) {
    return CONSOLE_HOME;
  }
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE || !url.pathname.startsWith(CONSOLE_HOME)) return CONSOLE_HOME;
    return url.pathname + url.search + url.hash;
  } catch {
    return CONSOLE_HOME;
  }
}
