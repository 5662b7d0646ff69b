/**
 * The Google Workspace Marketplace listing of an app, emulated small and accessible: what it asks for, who it is
 * installed for, and the Admin install form (everyone, or certain org units and groups) with Uninstall.
 */
import { escapeHtml, page } from './page-frame.js';
import { scopeDescription } from './scopes.js';

/** A Workspace customer as the install sees it. */
export interface Workspace {
  primaryDomain: string;
  /** The customer's domains, primary first. */
  domains: string[];
  orgUnits: string[];
  groups: string[];
}

/** What the form shows as chosen. */
export interface Selection {
  reach?: 'everyone' | 'certain';
  orgUnits: string[];
  groups: string[];
}

export interface ListingView {
  /** Where the forms post (the path the page was served on). */
  action: string;
  app: { name: string; scopes: string[] };
  workspace: Workspace;
  /** "Everyone at …" / "Only: …"; undefined when not installed. */
  installedFor?: string;
  /** Who an Admin console delegation of the same client id reaches, if any. */
  delegatedFor?: string;
  selection: Selection;
  /** What the last submission changed. */
  notice?: string;
  /** Why the last submission was refused. */
  error?: string;
}

const SANDBOX_NOTE = "Sandbox: you act as the Workspace's super administrator";

function choice(
  type: 'radio' | 'checkbox',
  id: string,
  name: string,
  value: string,
  label: string,
  checked: boolean,
  describedBy?: string,
): string {
  const described = describedBy ? ` aria-describedby="${describedBy}"` : '';
  const required = type === 'radio' ? ' required' : '';
  return `<div class="choice"><input type="${type}" id="${id}" name="${name}" value="${escapeHtml(value)}"${required}${checked ? ' checked' : ''}${described}>
<label for="${id}">${label}</label></div>`;
}

function boxes(legend: string, prefix: string, name: string, values: string[], chosen: string[]): string {
  if (values.length === 0) return '';
  const rows = values
    .map((value, i) => choice('checkbox', `${prefix}-${i}`, name, value, escapeHtml(value), chosen.includes(value)))
    .join('\n');
  return `<fieldset>\n<legend>${legend}</legend>\n${rows}\n</fieldset>`;
}

function installForm(view: ListingView): string {
  const { workspace, selection } = view;
  const domain = escapeHtml(workspace.primaryDomain);
  const app = escapeHtml(view.app.name);
  return `<form method="post" action="${escapeHtml(view.action)}"${view.error ? ' aria-describedby="form-error"' : ''}>
<input type="hidden" name="domain" value="${domain}">
<fieldset>
<legend>Who can use ${app} at ${domain}?</legend>
${choice('radio', 'reach-everyone', 'reach', 'everyone', 'Everyone at your organization', selection.reach === 'everyone')}
${choice('radio', 'reach-certain', 'reach', 'certain', 'Certain groups or organizational units', selection.reach === 'certain', 'reach-certain-hint')}
<p class="note" id="reach-certain-hint">Select them below. An organizational unit includes the units inside it.</p>
${boxes('Organizational units', 'org-unit', 'orgUnit', workspace.orgUnits, selection.orgUnits)}
${boxes('Groups', 'group', 'group', workspace.groups, selection.groups)}
</fieldset>
<div class="actions"><button type="submit" class="primary" name="action" value="install">Install</button></div>
</form>`;
}

function uninstallForm(view: ListingView): string {
  if (!view.installedFor) return '';
  return `<section aria-labelledby="uninstall-heading">
<h2 id="uninstall-heading">Uninstall</h2>
<p>${escapeHtml(view.app.name)} stops working for everyone at ${escapeHtml(view.workspace.primaryDomain)}.</p>
<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="domain" value="${escapeHtml(view.workspace.primaryDomain)}">
<button type="submit" name="action" value="uninstall">Uninstall</button>
</form>
</section>`;
}

/** The listing: the app, its permissions, its current install, the Admin install form and Uninstall. */
export function listingPage(view: ListingView): string {
  const app = escapeHtml(view.app.name);
  const descriptions = [...new Set(view.app.scopes.map(scopeDescription))];
  const scopes = descriptions.map((text) => `<li>${escapeHtml(text)}</li>`).join('\n');
  const banner = view.error
    ? `<p role="alert" id="form-error">${escapeHtml(view.error)}</p>`
    : view.notice
      ? `<p role="alert" class="banner">${escapeHtml(view.notice)}</p>`
      : '';
  const delegation = view.delegatedFor
    ? `\n<p class="note">Domain-wide delegation in the Admin console also covers: ${escapeHtml(view.delegatedFor.replace(/^Only: /, ''))}.</p>`
    : '';
  const title = `${view.error ? 'Error: ' : ''}${view.app.name} – Google Workspace Marketplace (emulator)`;
  return page(
    title,
    `<p class="caption">Google Workspace Marketplace (emulator)</p>
<h1>${app}</h1>
<p class="note">${escapeHtml(SANDBOX_NOTE)} (${escapeHtml(view.workspace.primaryDomain)}).</p>
${banner}
<section aria-labelledby="installed-heading">
<h2 id="installed-heading">Installed for</h2>
<p><strong>${escapeHtml(view.installedFor ?? 'Not installed')}</strong></p>${delegation}
</section>
<section aria-labelledby="permissions-heading">
<h2 id="permissions-heading">Permissions</h2>
<p>${app} will be able to:</p>
<ul>
${scopes}
</ul>
</section>
<section aria-labelledby="install-heading">
<h2 id="install-heading">Admin install</h2>
${installForm(view)}
</section>
${uninstallForm(view)}`,
  );
}

/** Asked when the address names no Workspace: one link per customer's primary domain. */
export function workspaceChoicePage(appName: string, action: string, domains: string[]): string {
  const links = domains.map(
    (domain) => `<li><a href="${escapeHtml(`${action}?domain=${encodeURIComponent(domain)}`)}">${escapeHtml(domain)}</a></li>`,
  );
  const list = links.length > 0 ? `<ul>\n${links.join('\n')}\n</ul>` : '<p>There is no Workspace here yet.</p>';
  return page(
    `Choose your Workspace – ${appName} – Google Workspace Marketplace (emulator)`,
    `<p class="caption">Google Workspace Marketplace (emulator)</p>
<h1>Which Workspace do you administer?</h1>
<p class="note">Sandbox: you act as the super administrator of the Workspace you choose.</p>
<p>Install ${escapeHtml(appName)} for:</p>
${list}`,
  );
}

/** A page that only explains (unknown app or Workspace). */
export function messagePage(heading: string, message: string): string {
  return page(
    `Error: ${heading} – Google Workspace Marketplace (emulator)`,
    `<p class="caption">Google Workspace Marketplace (emulator)</p>
<h1>${escapeHtml(heading)}</h1>
<p role="alert">${escapeHtml(message)}</p>`,
  );
}
