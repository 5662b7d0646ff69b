/**
 * `GET /marketplace/app/{clientId}` (workspace.google.com's listing path): an app's Marketplace listing with
 * its Admin install. `?domain=` names the Workspace the visitor administers (there is no session; without it the
 * page asks). The form POSTs back to the same path and replaces the app's Marketplace grants in that Workspace.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Grant, MarketplaceApp } from '../directory/accounts.js';
import { formField, formList, queryString } from '../http.js';
import type { SeedGrant } from '../seed.js';
import type { EmulatorState } from '../state.js';
import { PAGE_HEADERS } from './page-frame.js';
import { listingPage, messagePage, workspaceChoicePage, type Selection, type Workspace } from './marketplace-page.js';

/** A submission the page refuses: shown on the page again, nothing changed. */
class InstallRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Every org unit that holds users of the customer, with the units above it (the root excepted). */
function orgUnitsOf(paths: string[]): string[] {
  const units = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/').filter(Boolean);
    parts.forEach((_, i) => units.add(`/${parts.slice(0, i + 1).join('/')}`));
  }
  return [...units].sort((a, b) => a.localeCompare(b));
}

/** The Workspace customer that `domainName` belongs to, as its install sees it; undefined for an unknown domain. */
function workspaceOf(state: EmulatorState, domainName: string): Workspace | undefined {
  const domain = state.accounts.domains.get(domainName.toLowerCase());
  if (!domain) return undefined;
  const domains = state.accounts.domainsOfCustomer(domain.customerId).map((d) => d.name);
  const users = [...state.accounts.users.values()].filter((user) => domains.includes(user.domain));
  return {
    primaryDomain: domains[0] ?? domain.name,
    domains,
    orgUnits: orgUnitsOf(users.map((user) => user.orgUnitPath)),
    groups: [...new Set(users.flatMap((user) => user.groups))].sort((a, b) => a.localeCompare(b)),
  };
}

function grantsOf(state: EmulatorState, clientId: string, workspace: Workspace, source: Grant['source']): Grant[] {
  return [...state.accounts.grants.values()].filter(
    (grant) => grant.clientId === clientId && grant.source === source && workspace.domains.includes(grant.domain),
  );
}

/** The org units (or groups) a set of grants names. */
const named = (grants: Grant[], kind: 'orgUnits' | 'groups'): string[] =>
  grants.flatMap(({ reach }) =>
    reach.kind === 'orgUnits' && kind === 'orgUnits' ? reach.orgUnits : reach.kind === 'groups' && kind === 'groups' ? reach.groups : [],
  );

/** Who the grants reach, in the listing's words. */
function reachText(grants: Grant[], domain: string): string | undefined {
  if (grants.length === 0) return undefined;
  if (grants.some((grant) => grant.reach.kind === 'domain')) return `Everyone at ${domain}`;
  return `Only: ${[...new Set([...named(grants, 'orgUnits'), ...named(grants, 'groups')])].join(', ')}`;
}

/** The form's preselection for the current install. */
function selectionOf(grants: Grant[]): Selection {
  if (grants.length === 0) return { orgUnits: [], groups: [] };
  if (grants.some((grant) => grant.reach.kind === 'domain')) return { reach: 'everyone', orgUnits: [], groups: [] };
  return { reach: 'certain', orgUnits: named(grants, 'orgUnits'), groups: named(grants, 'groups') };
}

const andList = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;

/** Reads the Admin install form: the grants' reaches it asks for (none: uninstall) and the sentence saying so. */
function readChoice(req: Request, app: MarketplaceApp, workspace: Workspace): { reaches: NonNullable<SeedGrant['reach']>[]; done: string } {
  const action = formField(req, 'action');
  if (action === 'uninstall')
    return { reaches: [], done: `${app.name} is now uninstalled. Nobody at ${workspace.primaryDomain} can use it.` };
  if (action !== 'install') throw new InstallRefused(400, 'Choose Install or Uninstall.');
  const reach = formField(req, 'reach');
  if (reach === 'everyone')
    return { reaches: ['domain'], done: `${app.name} is now installed for everyone at ${workspace.primaryDomain}.` };
  if (reach !== 'certain') {
    throw new InstallRefused(
      400,
      `Select who can use ${app.name}: everyone at your organization, or certain groups or organizational units.`,
    );
  }
  const orgUnits = [...new Set(formList(req, 'orgUnit'))];
  const groups = [...new Set(formList(req, 'group').map((group) => group.toLowerCase()))];
  const unknownUnit = orgUnits.find((unit) => !workspace.orgUnits.includes(unit));
  if (unknownUnit !== undefined) {
    throw new InstallRefused(400, `${workspace.primaryDomain} has no organizational unit ${unknownUnit}. Select one from the list.`);
  }
  const unknownGroup = groups.find((group) => !workspace.groups.includes(group));
  if (unknownGroup !== undefined)
    throw new InstallRefused(400, `${workspace.primaryDomain} has no group ${unknownGroup}. Select one from the list.`);
  if (orgUnits.length === 0 && groups.length === 0) {
    throw new InstallRefused(400, 'Select at least one organizational unit or group, or choose Everyone at your organization.');
  }
  const reaches = [...(orgUnits.length > 0 ? [{ orgUnits }] : []), ...(groups.length > 0 ? [{ groups }] : [])];
  return { reaches, done: `${app.name} is now installed for ${andList([...orgUnits, ...groups])}.` };
}

/** Replaces the app's Marketplace grants in the Workspace, keeping the scopes it holds (the listing's when it holds none). */
function replaceInstall(state: EmulatorState, app: MarketplaceApp, workspace: Workspace, reaches: NonNullable<SeedGrant['reach']>[]): void {
  const current = grantsOf(state, app.clientId, workspace, 'marketplace');
  const scopes = current.length > 0 ? [...new Set(current.flatMap((grant) => grant.scopes))] : app.scopes;
  for (const domain of workspace.domains) state.accounts.revokeGrants({ clientId: app.clientId, domain, source: 'marketplace' });
  for (const reach of reaches)
    state.addGrant({ clientId: app.clientId, domain: workspace.primaryDomain, scopes, reach, source: 'marketplace' });
}

interface Outcome {
  status?: number;
  notice?: string;
  error?: string;
  selection?: Selection;
}

function renderListing(
  state: EmulatorState,
  res: Response,
  req: Request,
  app: MarketplaceApp,
  workspace: Workspace,
  outcome: Outcome = {},
): void {
  const installs = grantsOf(state, app.clientId, workspace, 'marketplace');
  const delegations = grantsOf(state, app.clientId, workspace, 'adminConsole');
  const html = listingPage({
    action: req.path,
    app: { name: app.name, scopes: installs.length > 0 ? [...new Set(installs.flatMap((grant) => grant.scopes))] : app.scopes },
    workspace,
    installedFor: reachText(installs, workspace.primaryDomain),
    delegatedFor: reachText(delegations, workspace.primaryDomain),
    selection: outcome.selection ?? selectionOf(installs),
    notice: outcome.notice,
    error: outcome.error,
  });
  res
    .status(outcome.status ?? 200)
    .set(PAGE_HEADERS)
    .send(html);
}

const sendMessage = (res: Response, status: number, heading: string, message: string): void => {
  res.status(status).set(PAGE_HEADERS).send(messagePage(heading, message));
};

/** The listing and the Workspace its visitor administers, or the page that says which is missing (false). */
function resolve(state: EmulatorState, req: Request, res: Response, domainName: string | undefined): [MarketplaceApp, Workspace] | false {
  const clientId = String(req.params.clientId);
  const app = state.accounts.marketplaceApps.get(clientId);
  if (!app) {
    sendMessage(res, 404, 'App not found', `No app with the client ID ${clientId} is listed in the Google Workspace Marketplace.`);
    return false;
  }
  if (!domainName) {
    if (req.method !== 'GET') sendMessage(res, 400, 'Workspace missing', `Open ${app.name}'s listing again and choose your Workspace.`);
    else {
      const primaries = [...new Set([...state.accounts.domains.values()].filter((d) => d.isPrimary).map((d) => d.name))].sort();
      res
        .status(200)
        .set(PAGE_HEADERS)
        .send(workspaceChoicePage(app.name, req.path, primaries));
    }
    return false;
  }
  const workspace = workspaceOf(state, domainName);
  if (!workspace) {
    sendMessage(res, 404, 'Workspace not found', `${domainName} is not a Google Workspace domain here. Check the address and try again.`);
    return false;
  }
  return [app, workspace];
}

export function marketplaceListingPage(state: EmulatorState): RequestHandler {
  return (req, res) => {
    const found = resolve(state, req, res, queryString(req, 'domain'));
    if (found) renderListing(state, res, req, ...found);
  };
}

/** The Admin install form: `domain`, `action` (`install` | `uninstall`), `reach` (`everyone` | `certain`), `orgUnit`…, `group`…. */
export function marketplaceListingSubmit(state: EmulatorState): RequestHandler {
  return (req, res) => {
    const found = resolve(state, req, res, formField(req, 'domain'));
    if (!found) return;
    const [app, workspace] = found;
    try {
      const { reaches, done } = readChoice(req, app, workspace);
      const installed = grantsOf(state, app.clientId, workspace, 'marketplace').length > 0;
      const notice =
        reaches.length === 0 && !installed ? `${app.name} was not installed at ${workspace.primaryDomain}. Nothing changed.` : done;
      replaceInstall(state, app, workspace, reaches);
      renderListing(state, res, req, app, workspace, { notice });
    } catch (error) {
      if (!(error instanceof InstallRefused)) throw error;
      const reach = formField(req, 'reach');
      const selection: Selection = {
        ...(reach === 'everyone' || reach === 'certain' ? { reach } : {}),
        orgUnits: formList(req, 'orgUnit'),
        groups: formList(req, 'group'),
      };
      renderListing(state, res, req, app, workspace, { status: error.status, error: error.message, selection });
    }
  };
}
