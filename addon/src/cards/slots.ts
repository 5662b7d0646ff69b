import type { ActionCall } from '../action-names.js';
import type { Slot, Slots } from '../backend-types.js';
import { formatClockRange, formatDay } from '../format.js';
import { button, paragraph } from './widgets.js';

/** What a slot list is for: its title, and which action choosing a slot runs. */
export interface SlotChoice {
  readonly title: string;
  readonly subtitle: string;
  readonly choose: (slot: Slot) => ActionCall;
}

/** A slot as a "Choose" button's parameters (read back by ActionParameters.slot()). */
export const slotParameters = (slot: Slot) => ({ start: slot.start, end: slot.end, startLocal: slot.startLocal, endLocal: slot.endLocal });

/** Mutual free times, one section per day, each with a "Choose" button (reschedule and booking both use it). */
export function buildSlotsCard(slots: Slots, choice: SlotChoice): GoogleAppsScript.Card_Service.Card {
  const card = CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle(choice.title).setSubtitle(choice.subtitle));
  const notes = CardService.newCardSection();
  notes.addWidget(paragraph(`${slots.durationMinutes}-minute times that suit you both, in ${slots.timeZone}.`));
  if (slots.unchecked) notes.addWidget(paragraph('<b>Neither calendar could be read</b>: these times only respect working hours.'));
  else if (!slots.checked.match)
    notes.addWidget(paragraph("<b>Your match's calendar is not connected</b>: only your own availability was checked."));
  else if (!slots.checked.viewer)
    notes.addWidget(paragraph("<b>Your calendar is not connected</b>: only your match's availability was checked."));
  if (!slots.slots.length)
    notes.addWidget(paragraph('No shared free time in the next two weeks. Try a shorter session, or agree on a time with your match.'));
  card.addSection(notes);

  let section: GoogleAppsScript.Card_Service.CardSection | undefined;
  let day = '';
  for (const slot of slots.slots) {
    if (!section || formatDay(slot.startLocal) !== day) {
      if (section) card.addSection(section);
      day = formatDay(slot.startLocal);
      section = CardService.newCardSection().setHeader(day);
    }
    section.addWidget(
      CardService.newDecoratedText()
        .setText(formatClockRange(slot.startLocal, slot.endLocal))
        .setButton(button('Choose', choice.choose(slot))),
    );
  }
  if (section) card.addSection(section);
  return card.build();
}
