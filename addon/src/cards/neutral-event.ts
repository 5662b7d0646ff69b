import { button, buttons, call, paragraph } from './widgets.js';

/** For an event that is not a Together session, or one not saved yet (it has no id). */
export function buildNeutralEventCard(unsaved: boolean): GoogleAppsScript.Card_Service.Card {
  const text = unsaved
    ? 'This event is not saved yet. Mentoring sessions are booked from the Together home card, which finds a time that suits you and your match.'
    : 'This event is not a Together mentoring session. Open your sessions to see what is coming up or to book the next one.';
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle('Not a mentoring session'))
    .addSection(
      CardService.newCardSection()
        .addWidget(paragraph(text))
        .addWidget(buttons(button('Your sessions', call('onShowHome')))),
    )
    .build();
}
