import type { Session, Slot, Slots } from '../backend-types.js';
import { formatTimeRange } from '../format.js';
import { buildSlotsCard, slotParameters } from './slots.js';
import { button, buttons, call, fact, sessionTitle } from './widgets.js';

/** Suggested mutual times to move a session to. `version` is the one the user saw. */
export function buildRescheduleSlotsCard(sessionId: string, version: number, slots: Slots): GoogleAppsScript.Card_Service.Card {
  return buildSlotsCard(slots, {
    title: 'Reschedule: choose a new time',
    subtitle: `${slots.durationMinutes} minutes`,
    choose: (slot) => call('onReviewReschedule', { sessionId, version: String(version), ...slotParameters(slot) }),
  });
}

/** "Move session 3 with Ben from … to …?" */
export function buildRescheduleConfirmCard(session: Session, version: number, slot: Slot): GoogleAppsScript.Card_Service.Card {
  const section = CardService.newCardSection()
    .addWidget(fact('Now', formatTimeRange(session.startLocal, session.endLocal), CardService.Icon.CLOCK))
    .addWidget(fact(`New time (${session.timeZone})`, formatTimeRange(slot.startLocal, slot.endLocal), CardService.Icon.CLOCK))
    .addWidget(
      buttons(
        button(
          'Move session',
          call('onConfirmReschedule', {
            sessionId: session.id,
            version: String(version),
            start: slot.start,
            duration: String(session.durationMinutes),
          }),
          true,
        ),
      ),
    );
  return CardService.newCardBuilder()
    .setHeader(
      CardService.newCardHeader()
        .setTitle(`Move ${sessionTitle(session).replace(/^Session/, 'session')}?`)
        .setSubtitle('Both calendars are updated and your match is notified.'),
    )
    .addSection(section)
    .build();
}
