import type { Session } from '../backend-types.js';
import { button, buttons, call, fact, meetButton, SESSION_CARD_NAME, sessionFacts, sessionTitle } from './widgets.js';

/** What the user sees when they open a Together session in Calendar (or from the home card). */
export function buildSessionContextCard(session: Session): GoogleAppsScript.Card_Service.Card {
  const details = CardService.newCardSection().setHeader('Mentoring');
  details.addWidget(fact('Program', `${session.program.name} · session ${session.sessionNumber}`, CardService.Icon.BOOKMARK));
  details.addWidget(fact('Your role', session.role === 'mentor' ? 'Mentor' : 'Mentee', CardService.Icon.MEMBERSHIP));
  details.addWidget(fact('Agenda', session.agenda?.trim() || 'No agenda set for this matching.', CardService.Icon.DESCRIPTION));

  const actions = [];
  const meet = meetButton(session);
  if (meet) actions.push(meet);
  const target = { sessionId: session.id, version: String(session.version) };
  if (session.allowedActions.includes('reschedule')) {
    actions.push(button('Reschedule', call('onShowRescheduleSlots', { ...target, duration: String(session.durationMinutes) }), true));
  }
  if (session.allowedActions.includes('cancel')) actions.push(button('Cancel session', call('onReviewCancel', target)));

  const card = CardService.newCardBuilder()
    .setName(SESSION_CARD_NAME)
    .setHeader(CardService.newCardHeader().setTitle(sessionTitle(session)).setSubtitle(session.program.name))
    .addSection(sessionFacts(session));
  if (actions.length) card.addSection(CardService.newCardSection().addWidget(buttons(...actions)));
  return card.addSection(details).build();
}
