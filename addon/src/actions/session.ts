import { buildNeutralEventCard } from '../cards/neutral-event.js';
import { buildSessionContextCard } from '../cards/session-context.js';
import { call } from '../cards/widgets.js';
import { AddonProblem } from '../problems.js';
import type { ActionContext, Step } from './context.js';

/**
 * Google's calendar ids are emails (or `primary`), with `#` in Google's own (`en.usa#holiday@group.v.calendar.google.com`);
 * event ids base32hex, with `_` in recurring instances.
 */
const CALENDAR_ID = /^[A-Za-z0-9._%+@#-]{1,1024}$/;
const EVENT_ID = /^[A-Za-z0-9_-]{1,1024}$/;

/** The calendar and event ids: from the action's parameters (a retry) or the open event. */
function openEvent(context: ActionContext): { calendarId: string | undefined; eventId: string | undefined } {
  const { calendarId, eventId } = context.event.parameters;
  if (calendarId !== undefined || eventId !== undefined) {
    if (!calendarId || !eventId || !CALENDAR_ID.test(calendarId) || !EVENT_ID.test(eventId)) {
      throw new AddonProblem('invalid_action', 'This button names no valid Calendar event.');
    }
    return { calendarId, eventId };
  }
  return { calendarId: context.event.calendarEvent?.calendarId, eventId: context.event.calendarEvent?.eventId };
}

/** The open event's card: its Together session, or the neutral card for any other (or unsaved) event. */
export function eventCard(context: ActionContext): GoogleAppsScript.Card_Service.Card {
  const { calendarId, eventId } = openEvent(context);
  if (!calendarId || !eventId) return buildNeutralEventCard(true);
  const session = context.backend.sessionByEvent(calendarId, eventId, context.event.timeZone);
  return session ? buildSessionContextCard(session) : buildNeutralEventCard(false);
}

/** How to retry the event-open trigger: an action carrying the event's ids. */
export function eventRetry(context: ActionContext) {
  const { calendarEvent } = context.event;
  return calendarEvent?.calendarId && calendarEvent.eventId
    ? call('onReloadEvent', { calendarId: calendarEvent.calendarId, eventId: calendarEvent.eventId })
    : undefined;
}

/** Retry of the event-open trigger after an error. */
export const reloadEvent = (context: ActionContext): Step => ({ show: 'replace', card: eventCard(context) });

/** A session from the home list. */
export function showSession(context: ActionContext): Step {
  const session = context.backend.session(context.parameters.id('sessionId'), context.event.timeZone);
  return { show: 'next', card: buildSessionContextCard(session) };
}

/** Back to the session's card, fresh (after a conflict or a "can no longer be changed"). */
export function reloadSession(context: ActionContext): Step {
  const session = context.backend.session(context.parameters.id('sessionId'), context.event.timeZone);
  return { show: 'session', card: buildSessionContextCard(session), notification: 'Session reloaded.' };
}
