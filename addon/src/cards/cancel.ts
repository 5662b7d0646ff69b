import type { Session } from '../backend-types.js';
import { REASON_FIELD, REASON_MAX_LENGTH } from '../event.js';
import { formatTimeRange } from '../format.js';
import { button, buttons, call, fact, sessionTitle } from './widgets.js';

/** "Cancel session 3 with Ben?" with an optional reason. `version` is the one the user saw. */
export function buildCancelConfirmCard(session: Session, version: number): GoogleAppsScript.Card_Service.Card {
  const section = CardService.newCardSection()
    .addWidget(fact(`When (${session.timeZone})`, formatTimeRange(session.startLocal, session.endLocal), CardService.Icon.CLOCK))
    .addWidget(
      CardService.newTextInput()
        .setFieldName(REASON_FIELD)
        .setTitle('Reason (optional)')
        .setHint(`Shared with ${session.match?.displayName ?? 'your match'}; at most ${REASON_MAX_LENGTH} characters.`)
        .setMultiline(true),
    )
    .addWidget(buttons(button('Cancel session', call('onConfirmCancel', { sessionId: session.id, version: String(version) }), true)));
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle(`Cancel ${sessionTitle(session).replace(/^Session/, 'session')}?`).setSubtitle('The event is removed from both calendars.'))
    .addSection(section)
    .build();
}
