import { createHash } from 'node:crypto';

const STYLE = 'body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5}';

/** Nothing runs, loads or frames: the page's style (by hash) and its refresh are all it has. */
export const SIGN_IN_LINK_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The sign-in link's answer: signed in, the page moves on to `home` by itself (and says where, for a browser that does not). */
export function signInLinkPage(home: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${home}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Signed in – Together</title>
<style>${STYLE}</style>
</head>
<body>
<p>You are signed in. <a href="${home}">Go to the console</a>.</p>
</body>
</html>
`;
}
