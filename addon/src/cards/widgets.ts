import type { ActionCall, ActionName } from '../action-names.js';
import type { Session } from '../backend-types.js';
import { escapeHtml, formatMatchRsvp, formatSessionState, formatTimeRange } from '../format.js';

/** The name of the session context card, so reschedule and cancel can return to it. */
export const SESSION_CARD_NAME = 'session';
/** The name of the home card, so a booking returns to the one it started from (root, or pushed over an event's card). */
export const HOME_CARD_NAME = 'home';

export const call = (functionName: ActionName, parameters: Record<string, string> = {}): ActionCall => ({ functionName, parameters });

/** A card action that runs one of index.ts's callbacks. */
export function actionOf(target: ActionCall): GoogleAppsScript.Card_Service.Action {
  return CardService.newAction()
    .setFunctionName(target.functionName)
    .setParameters({ ...target.parameters });
}

export function button(text: string, target: ActionCall, filled = false): GoogleAppsScript.Card_Service.TextButton {
  const result = CardService.newTextButton().setText(text).setOnClickAction(actionOf(target));
  return filled ? result.setTextButtonStyle(CardService.TextButtonStyle.FILLED) : result;
}

export function linkButton(text: string, url: string): GoogleAppsScript.Card_Service.TextButton {
  return CardService.newTextButton().setText(text).setOpenLink(CardService.newOpenLink().setUrl(url));
}

export function buttons(...items: GoogleAppsScript.Card_Service.TextButton[]): GoogleAppsScript.Card_Service.ButtonSet {
  const set = CardService.newButtonSet();
  for (const item of items) set.addButton(item);
  return set;
}

export const paragraph = (html: string) => CardService.newTextParagraph().setText(html);

/** A label/value line; both are plain text. */
export function fact(label: string, value: string, icon?: GoogleAppsScript.Card_Service.Icon): GoogleAppsScript.Card_Service.DecoratedText {
  const line = CardService.newDecoratedText().setTopLabel(escapeHtml(label)).setText(escapeHtml(value)).setWrapText(true);
  return icon === undefined ? line : line.setStartIcon(CardService.newIconImage().setIcon(icon));
}

/** The attention note (issue 7: a decline, a conflict after a move in Google Calendar), made to stand out. */
export function attentionParagraph(session: Session): GoogleAppsScript.Card_Service.TextParagraph | undefined {
  if (!session.attention) return undefined;
  const message = session.attention.message || 'This session needs your attention.';
  return paragraph(`<font color="#b3261e"><b>⚠ ${escapeHtml(message)}</b></font>`);
}

/** "Session 3 with Ben Mentee". */
export const sessionTitle = (session: Session) => `Session ${session.sessionNumber} with ${session.match?.displayName ?? 'your match'}`;

/** When, the state if not plainly confirmed, and the match's answer: the lines every session view shows. */
export function sessionFacts(session: Session): GoogleAppsScript.Card_Service.CardSection {
  const section = CardService.newCardSection();
  const attention = attentionParagraph(session);
  if (attention) section.addWidget(attention);
  const state = formatSessionState(session);
  if (state) section.addWidget(paragraph(`<b>${escapeHtml(state)}</b>`));
  section.addWidget(fact(`When (${session.timeZone})`, formatTimeRange(session.startLocal, session.endLocal), CardService.Icon.CLOCK));
  section.addWidget(fact('Invitation', formatMatchRsvp(session), CardService.Icon.PERSON));
  if (session.calendarNote && session.calendarPath !== 'BOOKER_CALENDAR')
    section.addWidget(fact('Calendar', session.calendarNote, CardService.Icon.EMAIL));
  return section;
}

/** The Google Meet link as a button, when Google made one. */
export function meetButton(session: Session, label = 'Join Google Meet'): GoogleAppsScript.Card_Service.TextButton | undefined {
  const link = session.conference.meetLink;
  return link && /^https:\/\//.test(link) ? linkButton(label, link) : undefined;
}
