/**
 * The HTML Google shows during sign-in, emulated small and accessible: the account chooser with the
 * consent summary, and the "Access blocked" error page (no redirect) for a request Google refuses.
 */
import type { User } from '../directory/accounts.js';
import { scopeDescription } from './scopes.js';

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f0f4f9;color:#1f1f1f}
main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:1.75rem}
h1{font-size:1.75rem;font-weight:400;margin:0 0 .5rem}
fieldset{border:0;margin:1.5rem 0;padding:0}
legend{font-weight:600;margin-bottom:.5rem}
.account{display:flex;align-items:center;gap:.75rem;padding:.5rem 0;border-top:1px solid #dadce0}
.account label{flex:1}
.email,.note{display:block;color:#444746;font-size:.875rem}
[role=alert]{color:#b3261e;font-weight:600}
button{font:inherit;padding:.5rem 1.5rem;border-radius:1.25rem;border:1px solid #747775;background:#fff;color:#0b57d0;cursor:pointer}
button.primary{background:#0b57d0;color:#fff;border-color:#0b57d0}
button:focus-visible,input:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.actions{display:flex;gap:1rem;margin-top:1.5rem}
dl{font-size:.875rem;color:#444746}dt{font-weight:600}dd{margin:0 0 .5rem;word-break:break-all}`;

function page(title: string, body: string): string {
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

/** Headers every sign-in page carries: never cached, never framed, no scripts. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
};

export interface ChooserView {
  /** Where the form posts (the path the page was served on). */
  action: string;
  requestId: string;
  appName: string;
  /** Accounts to offer, in order; suspended ones are shown but cannot be chosen. */
  accounts: User[];
  /** The account to preselect (`login_hint`). */
  preselected?: string;
  /** `hd` restricting the list (shown in the legend). */
  hostedDomain?: string;
  scopes: string[];
  /** A problem with the previous submission, announced to assistive technology. */
  error?: string;
}

function accountRow(user: User, index: number, preselected: string | undefined): string {
  const id = `account-${index}`;
  const name = escapeHtml(`${user.givenName} ${user.familyName}`.trim() || user.email);
  const email = escapeHtml(user.email);
  if (user.suspended) {
    return `<div class="account"><input type="radio" id="${id}" name="account" value="${email}" disabled aria-describedby="${id}-note">
<label for="${id}">${name} <span class="email">${email}</span></label><span class="note" id="${id}-note">Account suspended</span></div>`;
  }
  const checked = user.email === preselected ? ' checked' : '';
  return `<div class="account"><input type="radio" id="${id}" name="account" value="${email}" required${checked}>
<label for="${id}">${name} <span class="email">${email}</span></label></div>`;
}

/** The account chooser with what the app will be able to do; Continue issues a code, Cancel denies. */
export function chooserPage(view: ChooserView): string {
  const app = escapeHtml(view.appName);
  const legend = view.hostedDomain && view.hostedDomain !== '*' ? `Accounts of ${escapeHtml(view.hostedDomain)}` : 'Accounts';
  const rows = view.accounts.map((user, i) => accountRow(user, i, view.preselected)).join('\n');
  const accounts =
    view.accounts.length > 0
      ? rows
      : `<p>No account here can sign in${view.hostedDomain ? ` to ${escapeHtml(view.hostedDomain)}` : ''}.</p>`;
  const scopes = view.scopes.map((scope) => `<li>${escapeHtml(scopeDescription(scope))}</li>`).join('\n');
  const error = view.error ? `<p role="alert" id="form-error">${escapeHtml(view.error)}</p>\n` : '';
  const continueButton = view.accounts.some((u) => !u.suspended)
    ? '<button type="submit" class="primary" name="action" value="allow">Continue</button>'
    : '';
  return page(
    `Sign in – Google Accounts (emulator) – ${view.appName}`,
    `<h1>Choose an account</h1>
<p>to continue to <strong>${app}</strong></p>
${error}<form method="post" action="${escapeHtml(view.action)}"${view.error ? ' aria-describedby="form-error"' : ''}>
<input type="hidden" name="request" value="${escapeHtml(view.requestId)}">
<fieldset>
<legend>${legend}</legend>
${accounts}
</fieldset>
<section aria-labelledby="access-heading">
<h2 id="access-heading">${app} will be able to</h2>
<ul>
${scopes}
</ul>
</section>
<div class="actions">
${continueButton}
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</div>
</form>`,
  );
}

/** Google's "Access blocked" page: the error code, what went wrong, and the request's parameters. */
export function errorPage(status: number, error: string, message: string, details: Array<[string, string]>): string {
  const rows = details.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n');
  return page(
    `Error ${status}: ${error}`,
    `<h1>Access blocked: Authorization Error</h1>
<p>${escapeHtml(message)}</p>
<p><strong>Error ${status}: ${escapeHtml(error)}</strong></p>
<h2>Request details</h2>
<dl>
<dt>flowName</dt><dd>GeneralOAuthFlow</dd>
${rows}
</dl>`,
  );
}
