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
  const perUser = me.calendarConnection?.method === 'PER_USER';
  if (perUser) {
    card.addSection(connectionSection(me));
  } else if (!me.calendarConnected) {
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

/** The per-user method: connect, reconnect (the To-Do when Google stopped honouring the connection), or disconnect. */
function connectionSection(me: Me): GoogleAppsScript.Card_Service.CardSection {
  const section = CardService.newCardSection();
  const status = me.calendarConnection?.status;
  if (status === 'CONNECTED') {
    return section
      .setHeader('Your Google Calendar')
      .addWidget(paragraph(`Connected: Together uses the calendar of ${escapeHtml(me.person.email)}.`))
      .addWidget(button('Disconnect', call('onDisconnectCalendar', {})));
  }
  if (status === 'NEEDS_RECONNECT') {
    return section
      .setHeader('To do: reconnect your Google Calendar')
      .addWidget(
        paragraph(
          '<b>Your Google Calendar connection stopped working</b> (access was removed in your Google Account, or it expired). Until you reconnect, sessions cannot be booked or changed in your calendar.',
        ),
      )
      .addWidget(button('Reconnect your Google Calendar', call('onConnectCalendar', {})));
  }
  if (status === 'BLOCKED_BY_POLICY') {
    return section
      .setHeader('Your Google Calendar')
      .addWidget(
        paragraph(
          '<b>Your Google Workspace administrator does not allow Together to use Google Calendar.</b> Ask them to mark Together as a trusted app, then connect again.',
        ),
      )
      .addWidget(button('Connect your Google Calendar', call('onConnectCalendar', {})));
  }
  return section
    .setHeader('Your Google Calendar')
    .addWidget(
      paragraph(
        '<b>Connect your Google Calendar</b> so Together can show your free time to your match and put the sessions you book in your calendar.',
      ),
    )
    .addWidget(button('Connect your Google Calendar', call('onConnectCalendar', {})));
}
