/**
 * The HTML Google shows during sign-in, emulated small and accessible on one page: the account chooser and
 * the consent screen (Sign-In scopes shared as a whole, a checkbox per other scope: granular consent), and
 * the "Access blocked" error page (no redirect) for a request Google refuses.
 */
import type { User } from '../directory/accounts.js';
import { escapeHtml, page } from './page-frame.js';
import { isSignInScope, scopeDescription } from './scopes.js';

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
  /** The non-Sign-In scopes whose boxes are ticked (after a refused submission: what was posted); all by default. */
  ticked?: string[];
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

function scopeRow(scope: string, index: number, ticked: boolean): string {
  const id = `scope-${index}`;
  return `<div class="choice"><input type="checkbox" id="${id}" name="scope" value="${escapeHtml(scope)}"${ticked ? ' checked' : ''}>
<label for="${id}">${escapeHtml(scopeDescription(scope))} <span class="email">${escapeHtml(scope)}</span></label></div>`;
}

/** What the app gets: the Sign-In scopes as one statement, then a checkbox per other scope (all ticked unless told). */
function consentSection(app: string, scopes: string[], ticked: string[] | undefined): string {
  const signIn = scopes.filter(isSignInScope);
  const others = scopes.filter((scope) => !isSignInScope(scope));
  const shared =
    signIn.length > 0
      ? `<h2 id="signin-heading">${app} will see</h2>
<ul aria-labelledby="signin-heading">
${signIn.map((scope) => `<li>${escapeHtml(scopeDescription(scope))}</li>`).join('\n')}
</ul>\n`
      : '';
  const boxes =
    others.length > 0
      ? `<fieldset>
<legend>Select what ${app} can access</legend>
${others.map((scope, i) => scopeRow(scope, i, ticked === undefined || ticked.includes(scope))).join('\n')}
</fieldset>\n`
      : '';
  return `<section aria-labelledby="access-heading">
<h2 id="access-heading">Sign in to ${app}</h2>
${shared}${boxes}<p class="caption">Make sure you trust ${app}. You can remove its access in your Google Account at any time.</p>
</section>`;
}

/** The account chooser with the consent screen; Allow issues a code for the ticked scopes, Cancel denies. */
export function chooserPage(view: ChooserView): string {
  const app = escapeHtml(view.appName);
  const legend = view.hostedDomain && view.hostedDomain !== '*' ? `Accounts of ${escapeHtml(view.hostedDomain)}` : 'Accounts';
  const rows = view.accounts.map((user, i) => accountRow(user, i, view.preselected)).join('\n');
  const accounts =
    view.accounts.length > 0
      ? rows
      : `<p>No account here can sign in${view.hostedDomain ? ` to ${escapeHtml(view.hostedDomain)}` : ''}.</p>`;
  const error = view.error ? `<p role="alert" id="form-error">${escapeHtml(view.error)}</p>\n` : '';
  const continueButton = view.accounts.some((u) => !u.suspended)
    ? '<button type="submit" class="primary" name="action" value="allow">Allow</button>'
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
${consentSection(app, view.scopes, view.ticked)}
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
