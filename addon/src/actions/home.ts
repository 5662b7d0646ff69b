import { buildHomeCard } from '../cards/home.js';
import { AddonProblem } from '../problems.js';
import type { ActionContext, Step } from './context.js';

/** The home card from fresh data; no matchings and no sessions means not part of a program. */
export function homeCard(context: ActionContext): GoogleAppsScript.Card_Service.Card {
  const me = context.backend.me();
  const sessions = context.backend.upcomingSessions(context.event.timeZone);
  if (!me.matchings.length && !sessions.length) {
    throw new AddonProblem('not_in_program', `${me.person.email} has no active matching in ${me.organization.name}.`);
  }
  return buildHomeCard(me, sessions);
}

/** "Your sessions" from another card. */
export const showHome = (context: ActionContext): Step => ({ show: 'next', card: homeCard(context) });

/** Connect your Google Calendar (per-user method): a fresh single-use link to the backend's connect page. */
export const connectCalendar = (context: ActionContext): Step => ({ show: 'link', url: context.backend.connectLink().url });

/** Disconnect: the connection revoked at Google and deleted; the home card says so. */
export const disconnectCalendar = (context: ActionContext): Step => {
  context.backend.disconnect();
  return { show: 'home', card: homeCard(context), notification: 'Your Google Calendar is disconnected from Together.' };
};

/** Retry of the home page after an error. */
export const reloadHome = (context: ActionContext): Step => ({ show: 'replace', card: homeCard(context) });
