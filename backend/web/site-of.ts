import type { Request } from 'express';

/**
 * Where a request comes from, as the browser says: `same-origin` when `Origin` is this request's
 * own origin (host and port, and the scheme: https for a request seen as https, through a proxy on
 * loopback; a page on http never passes for an https request), or there is no
 * `Origin` and `Sec-Fetch-Site: same-origin`; `cross-site` when either names anything else (another
 * site, a sibling subdomain, `null`); `unknown` when neither says (no browser does that for a form
 * post or a script's write).
 */
export function siteOf(req: Request): 'same-origin' | 'cross-site' | 'unknown' {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site';
  const origin = req.headers.origin;
  if (origin === undefined) return site === 'same-origin' ? 'same-origin' : 'unknown';
  try {
    const from = new URL(origin);
    const own = new URL(`${req.protocol}://${req.host}`);
    // An https page for a request seen as http is a TLS proxy this app does not trust to say so; never the reverse.
    const scheme = from.protocol === own.protocol || from.protocol === 'https:';
    return from.host === own.host && scheme && origin === from.origin ? 'same-origin' : 'cross-site';
  } catch {
    return 'cross-site';
  }
}
