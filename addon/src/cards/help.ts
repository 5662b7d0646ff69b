import { button, buttons, call, linkButton, paragraph } from './widgets.js';

/** The Help universal action's card. */
export function buildHelpCard(helpUrl: string): GoogleAppsScript.Card_Service.Card {
  const section = CardService.newCardSection()
    .addWidget(
      paragraph(
        'Together shows your mentoring sessions right in Google Calendar. Open a session to see who you meet, the agenda, ' +
          'your match’s answer and the Meet link, and to reschedule or cancel it. The home card lists what is coming up and ' +
          'books the next session at a time that suits you both.',
      ),
    )
    .addWidget(paragraph('Moving or deleting a session’s event in Google Calendar works too: Together follows.'))
    .addWidget(buttons(linkButton('Help center', helpUrl), button('Your sessions', call('onShowHome'))));
  return CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle('Together help')).addSection(section).build();
}
