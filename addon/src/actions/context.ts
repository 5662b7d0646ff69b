import type { BackendClient } from '../backend-api.js';
import { ActionParameters, type AddonEvent } from '../event.js';
import type { AddonSettings } from '../settings.js';

/** What every handler is given: the parsed event, its parameters, the backend and the settings. */
export interface ActionContext {
  readonly event: AddonEvent;
  readonly parameters: ActionParameters;
  readonly backend: BackendClient;
  readonly settings: AddonSettings;
}

/** What the entry points pass in: the built settings and a client on Apps Script's UrlFetchApp. */
export interface AddonDeps {
  readonly backend: BackendClient;
  readonly settings: AddonSettings;
}

export const contextOf = (event: AddonEvent, deps: AddonDeps): ActionContext => ({
  event,
  parameters: new ActionParameters(event.parameters),
  ...deps,
});

/** The card an action leads to, and how it gets there. */
export type Step =
  /** A next step: pushed on the card stack (Back returns). */
  | { readonly show: 'next'; readonly card: GoogleAppsScript.Card_Service.Card }
  /** The same view, fresh: replaces the current card. */
  | { readonly show: 'replace'; readonly card: GoogleAppsScript.Card_Service.Card }
  /** After a change: back to the session's card, updated, with a note of what happened. */
  | { readonly show: 'session'; readonly card: GoogleAppsScript.Card_Service.Card; readonly notification: string }
  /** After a booking: back to the home card, updated, with a note of what happened. */
  | { readonly show: 'home'; readonly card: GoogleAppsScript.Card_Service.Card; readonly notification: string }
  /** A page of the backend opened over the sidebar (connecting a calendar); the add-on reloads when it closes. */
  | { readonly show: 'link'; readonly url: string };
