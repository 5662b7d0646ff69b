import type { Matching, Slot, Slots } from '../backend-types.js';
import { formatTimeRange } from '../format.js';
import { buildSlotsCard, slotParameters } from './slots.js';
import { button, buttons, call, fact } from './widgets.js';

const bookingTitle = (matching: Matching) => `Book a session with ${matching.match.displayName}`;

/** Step 1: how long, among the program's session lengths. */
export function buildBookingDurationCard(matching: Matching): GoogleAppsScript.Card_Service.Card {
  const section = CardService.newCardSection().setHeader('How long?');
  section.addWidget(
    buttons(
      ...matching.program.sessionDurations.map((minutes) =>
        button(`${minutes} min`, call('onShowBookingSlots', { matchingId: matching.id, duration: String(minutes) })),
      ),
    ),
  );
  if (matching.agenda) section.addWidget(fact('Agenda', matching.agenda, CardService.Icon.DESCRIPTION));
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle(bookingTitle(matching)).setSubtitle(matching.program.name))
    .addSection(section)
    .build();
}

/** Step 2: mutual free times of that length. */
export function buildBookingSlotsCard(matching: Matching, slots: Slots): GoogleAppsScript.Card_Service.Card {
  return buildSlotsCard(slots, {
    title: bookingTitle(matching),
    subtitle: `${slots.durationMinutes} minutes · ${matching.program.name}`,
    choose: (slot) =>
      call('onReviewBooking', { matchingId: matching.id, duration: String(slots.durationMinutes), ...slotParameters(slot) }),
  });
}

/** Step 3: confirm. The event lands in the user's calendar with the match invited and a Meet link. */
export function buildBookingConfirmCard(
  matching: Matching,
  durationMinutes: number,
  slot: Slot,
  timeZone: string,
): GoogleAppsScript.Card_Service.Card {
  const section = CardService.newCardSection()
    .addWidget(fact(`When (${timeZone})`, formatTimeRange(slot.startLocal, slot.endLocal), CardService.Icon.CLOCK))
    .addWidget(fact('With', `${matching.match.displayName} (${matching.match.email})`, CardService.Icon.PERSON))
    .addWidget(
      buttons(
        button(
          'Book session',
          call('onConfirmBooking', { matchingId: matching.id, duration: String(durationMinutes), start: slot.start }),
          true,
        ),
      ),
    );
  return CardService.newCardBuilder()
    .setHeader(
      CardService.newCardHeader()
        .setTitle(`Book ${durationMinutes} minutes with ${matching.match.displayName}?`)
        .setSubtitle('Added to your calendar with a Google Meet link; your match is invited.'),
    )
    .addSection(section)
    .build();
}
