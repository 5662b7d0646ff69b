import type { Me, Session } from '../backend-types.js';
import { escapeHtml, formatMatchRsvp, formatSessionState, formatTimeRange } from '../format.js';
import { actionOf, attentionParagraph, button, call, HOME_CARD_NAME, meetButton, paragraph } from './widgets.js';

/** The add-on's home: upcoming sessions (soonest first) and "book the next session" per matching. */
export function buildHomeCard(me: Me, sessions: readonly Session[]): GoogleAppsScript.Card_Service.Card {
  const card = CardService.newCardBuilder()
    .setName(HOME_CARD_NAME)
    .setHeader(
      CardService.newCardHeader().setTitle('Your mentoring sessions').setSubtitle(`${me.person.displayName} · ${me.organization.name}`),
    );
  if (!me.calendarConnected) {
    card.addSection(
      CardService.newCardSection().addWidget(
        paragraph(
          '<b>Your Google Calendar is not connected to Together yet.</b> You can still book: the session goes into your match’s calendar with you invited, or, when theirs is not connected either, Together emails you both an invitation. Your Workspace admin can install the Together app for you.',
        ),
      ),
    );
  }

  const upcoming = CardService.newCardSection().setHeader('Upcoming');
  if (!sessions.length) upcoming.addWidget(paragraph('No upcoming sessions.'));
  for (const session of sessions) {
    const attention = attentionParagraph(session);
    if (attention) upcoming.addWidget(attention);
    upcoming.addWidget(sessionLine(session));
  }
  card.addSection(upcoming);

  if (me.matchings.length) {
    const book = CardService.newCardSection().setHeader('Book the next session');
    for (const matching of me.matchings) {
      book.addWidget(
        CardService.newDecoratedText()
          .setTopLabel(escapeHtml(matching.program.name))
          .setText(escapeHtml(matching.match.displayName))
          .setBottomLabel(matching.role === 'mentor' ? 'You mentor them' : 'Your mentor')
          .setWrapText(true)
          .setButton(button('Book', call('onChooseBookingDuration', { matchingId: matching.id }))),
      );
    }
    card.addSection(book);
  }
  return card.build();
}

/** One upcoming session: who, when, their answer (or the session's state), opening its card; Meet at hand. */
function sessionLine(session: Session): GoogleAppsScript.Card_Service.DecoratedText {
  const state = formatSessionState(session) ?? formatMatchRsvp(session);
  const line = CardService.newDecoratedText()
    .setTopLabel(escapeHtml(`${session.program.name} · session ${session.sessionNumber}`))
    .setText(
      `<b>${escapeHtml(session.match?.displayName ?? 'Your match')}</b> · ${escapeHtml(formatTimeRange(session.startLocal, session.endLocal))}`,
    )
    .setBottomLabel(escapeHtml(state))
    .setWrapText(true)
    .setOnClickAction(actionOf(call('onShowSession', { sessionId: session.id })));
  const meet = meetButton(session, 'Meet');
  return meet ? line.setButton(meet) : line;
}
