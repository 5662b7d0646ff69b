import type { Session } from '../backend-types.js';
import { REASON_FIELD, REASON_MAX_LENGTH } from '../event.js';
import { formatTimeRange } from '../format.js';
import { button, buttons, call, fact, paragraph, sessionTitle } from './widgets.js';

/**
 * "Cancel session 3 with Ben?" with an optional reason. `version` is the one the user saw; `draft`,
 * a reason typed before that is too long, comes back in the field with a note to shorten it.
 */
export function buildCancelConfirmCard(session: Session, version: number, draft = ''): GoogleAppsScript.Card_Service.Card {
  const section = CardService.newCardSection().addWidget(
    fact(`When (${session.timeZone})`, formatTimeRange(session.startLocal, session.endLocal), CardService.Icon.CLOCK),
  );
  if (draft.length > REASON_MAX_LENGTH) {
    section.addWidget(
      paragraph(
        `<font color="#b3261e"><b>Your reason is ${draft.length} characters long; please shorten it to ${REASON_MAX_LENGTH}.</b></font>`,
      ),
    );
  }
  const reason = CardService.newTextInput()
    .setFieldName(REASON_FIELD)
    .setTitle('Reason (optional)')
    .setHint(`Shared with ${session.match?.displayName ?? 'your match'}; at most ${REASON_MAX_LENGTH} characters.`)
    .setMultiline(true);
  section
    .addWidget(draft ? reason.setValue(draft) : reason)
    .addWidget(buttons(button('Cancel session', call('onConfirmCancel', { sessionId: session.id, version: String(version) }), true)));
  return CardService.newCardBuilder()
    .setHeader(
      CardService.newCardHeader()
        .setTitle(`Cancel ${sessionTitle(session).replace(/^Session/, 'session')}?`)
        .setSubtitle('The event is removed from both calendars.'),
    )
    .addSection(section)
    .build();
}
