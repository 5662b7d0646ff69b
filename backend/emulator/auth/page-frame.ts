/** The frame every HTML page of the emulator shares: document, style, escaping and the headers it is served with. */

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f0f4f9;color:#1f1f1f}
main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:1.75rem;overflow-wrap:anywhere}
@media (max-width:30rem){main{margin:0;padding:1.25rem 1rem;border-radius:0}}
h1{font-size:1.75rem;font-weight:400;margin:0 0 .5rem}
h2{font-size:1.125rem;font-weight:600;margin:1.5rem 0 .5rem}
fieldset{border:0;margin:1.5rem 0;padding:0;min-width:0}
fieldset fieldset{margin:.75rem 0 .75rem 2rem}
legend{font-weight:600;margin-bottom:.5rem}
.account{display:flex;align-items:center;gap:.75rem;padding:.5rem 0;border-top:1px solid #dadce0}
.account label{flex:1}
.choice{display:flex;align-items:flex-start;gap:.75rem;padding:.25rem 0}
.choice input{width:1.5rem;height:1.5rem;margin:0;flex:none}
.email,.note{display:block;color:#444746;font-size:.875rem}
.caption{color:#444746;margin:0}
.banner{border-left:.375rem solid #146c2e;background:#e6f4ea;padding:.75rem 1rem}
[role=alert]{color:#b3261e;font-weight:600}
.banner[role=alert]{color:#0e4a20}
button{font:inherit;min-height:2.5rem;padding:.5rem 1.5rem;border-radius:1.25rem;border:1px solid #747775;background:#fff;color:#0b57d0;cursor:pointer}
button.primary{background:#0b57d0;color:#fff;border-color:#0b57d0}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:1rem;margin-top:1.5rem}
dl{font-size:.875rem;color:#444746}dt{font-weight:600}dd{margin:0 0 .5rem;word-break:break-all}`;

/** A whole document: `title` (plain text) and `body` (HTML, already escaped) inside the page's one `<main>`. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Headers every emulator page carries: never cached, never framed, no scripts. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
};
