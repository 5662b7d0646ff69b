/**
 * Navigation as Google documents it (backend/addon-preview/navigation.ts): an ActionResponse's steps
 * in order on the action's own stack, the root never popped, updateCard in place; notifications,
 * open links and state changes passed on; anything else reported. And the event objects' formInputs.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Recorded } from '../../../backend/addon-preview/card-service.js';
import { formInputsOf, offsetMinutes } from '../../../backend/addon-preview/event-objects.js';
import { applyResponse, back, hasBack, type StackEntry } from '../../../backend/addon-preview/navigation.js';
import { installCardService } from '../support/card-queries.js';

beforeAll(installCardService);

let nextId = 0;
const make = (card: Recorded): StackEntry => ({ id: `e${nextId++}`, card });
const card = (title: string, name?: string): Recorded => {
  const builder = CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle(title))
    .addSection(CardService.newCardSection().addWidget(CardService.newDivider()));
  return (name ? builder.setName(name) : builder).build() as unknown as Recorded;
};
const titles = (stack: readonly StackEntry[]) => stack.map((entry) => (entry.card.header as { title: string }).title);
const respond = (
  steps: (navigation: GoogleAppsScript.Card_Service.Navigation) => void,
  more = (r: GoogleAppsScript.Card_Service.ActionResponseBuilder) => r,
) => {
  const navigation = CardService.newNavigation();
  steps(navigation);
  return more(CardService.newActionResponseBuilder().setNavigation(navigation)).build();
};
const c = (title: string, name?: string) => card(title, name) as unknown as GoogleAppsScript.Card_Service.Card;
const stackOf = (...names: Array<[string, string?]>) => names.map(([title, name]) => make(card(title, name)));

describe('navigation', () => {
  it('pushCard adds a card (a back arrow appears), popCard removes it, never the root', () => {
    const root = stackOf(['Home', 'home']);
    expect(hasBack(root)).toBe(false);
    const pushed = applyResponse(
      root,
      respond((n) => n.pushCard(c('Durations'))),
      make,
    ).stack;
    expect(titles(pushed)).toEqual(['Home', 'Durations']);
    expect(hasBack(pushed)).toBe(true);
    expect(
      titles(
        applyResponse(
          pushed,
          respond((n) => n.popCard().popCard()),
          make,
        ).stack,
      ),
    ).toEqual(['Home']);
    expect(titles(back(back(pushed)))).toEqual(['Home']);
  });

  it('updateCard replaces the top card in place, with no history and a new id', () => {
    const stack = stackOf(['Home'], ['Session']);
    const updated = applyResponse(
      stack,
      respond((n) => n.updateCard(c('Session, updated'))),
      make,
    ).stack;
    expect(titles(updated)).toEqual(['Home', 'Session, updated']);
    expect(updated[1]!.id).not.toBe(stack[1]!.id);
  });

  it('steps run in the order added: popToNamedCard then updateCard (how a booking returns home)', () => {
    const stack = stackOf(['Home', 'home'], ['Durations'], ['Slots'], ['Review']);
    const response = respond(
      (n) => n.popToNamedCard('home').updateCard(c('Home, booked', 'home')),
      (r) => r.setNotification(CardService.newNotification().setText('Session 1 booked')).setStateChanged(true),
    );
    const navigated = applyResponse(stack, response, make);
    expect(titles(navigated.stack)).toEqual(['Home, booked']);
    expect(navigated).toMatchObject({ notification: 'Session 1 booked', stateChanged: true, problems: [] });
  });

  it('popToRoot keeps the root; popToNamedCard naming no card changes nothing and is reported', () => {
    const stack = stackOf(['Event', 'session'], ['Slots'], ['Review']);
    expect(
      titles(
        applyResponse(
          stack,
          respond((n) => n.popToRoot()),
          make,
        ).stack,
      ),
    ).toEqual(['Event']);
    const missing = applyResponse(
      stack,
      respond((n) => n.popToNamedCard('nowhere')),
      make,
    );
    expect(titles(missing.stack)).toEqual(['Event', 'Slots', 'Review']);
    expect(missing.problems).toEqual(['popToNamedCard("nowhere"): no card of that name on the stack']);
  });

  it('setOpenLink: a new tab, or an overlay; OnClose.RELOAD reloads the add-on once it is closed', () => {
    const link = (openAs?: GoogleAppsScript.Card_Service.OpenAs, onClose?: GoogleAppsScript.Card_Service.OnClose) => {
      let open = CardService.newOpenLink().setUrl('https://help.together.test/');
      if (openAs) open = open.setOpenAs(openAs);
      if (onClose) open = open.setOnClose(onClose);
      return CardService.newActionResponseBuilder().setOpenLink(open).build();
    };
    const url = 'https://help.together.test/';
    expect(applyResponse(stackOf(['Home']), link(), make).openLink).toEqual({ url, openAs: 'FULL_SIZE', reloadOnClose: false });
    expect(applyResponse(stackOf(['Home']), link(CardService.OpenAs.OVERLAY), make).openLink).toEqual({
      url,
      openAs: 'OVERLAY',
      reloadOnClose: false,
    });
    expect(applyResponse(stackOf(['Home']), link(CardService.OpenAs.OVERLAY, CardService.OnClose.RELOAD), make).openLink).toEqual({
      url,
      openAs: 'OVERLAY',
      reloadOnClose: true,
    });
    expect(applyResponse(stackOf(['Home']), link(undefined, CardService.OnClose.NOTHING), make).openLink?.reloadOnClose).toBe(false);
  });

  it('a universal action’s displayAddOnCards shows its cards on top', () => {
    const response = CardService.newUniversalActionResponseBuilder()
      .displayAddOnCards([c('Help')])
      .build();
    expect(titles(applyResponse(stackOf(['Home']), response, make).stack)).toEqual(['Home', 'Help']);
  });

  it('reports what it cannot do: a Card where an ActionResponse belongs, a response field it does not know', () => {
    expect(applyResponse(stackOf(['Home']), card('Bare'), make).problems).toEqual([
      'An action must return an ActionResponse; it returned a Card',
    ]);
    const odd = { kind: 'ActionResponse', navigation: { kind: 'Navigation', operations: [{ pushCard: card('A') }] }, linkPreview: {} };
    expect(applyResponse(stackOf(['Home']), odd, make).problems).toEqual(['Not supported in the sandbox: ActionResponse.linkPreview']);
  });
});

describe("Google's formInputs from a posted card", () => {
  it('text and selections as stringInputs (several values for checkboxes); empty fields left out', () => {
    const fields = { reason: { kind: 'string' as const }, days: { kind: 'string' as const }, empty: { kind: 'string' as const } };
    expect(formInputsOf({ 'field:reason': 'Travelling', 'field:days': ['mon', 'tue'], 'field:empty': '', other: 'x' }, fields)).toEqual({
      reason: { stringInputs: { value: ['Travelling'] } },
      days: { stringInputs: { value: ['mon', 'tue'] } },
    });
  });

  it('date-time in the picker’s zone to UTC milliseconds; a date at UTC midnight; a time as hours and minutes', () => {
    const inputs = formInputsOf(
      { 'field:when': '2026-12-02T10:30', 'field:day': '2026-12-02', 'field:at': '09:05' },
      { when: { kind: 'dateTime', zoneOffsetMinutes: 60 }, day: { kind: 'date' }, at: { kind: 'time' } },
    );
    expect(inputs).toEqual({
      when: { dateTimeInput: { msSinceEpoch: Date.UTC(2026, 11, 2, 9, 30), hasDate: true, hasTime: true } },
      day: { dateInput: { msSinceEpoch: Date.UTC(2026, 11, 2) } },
      at: { timeInput: { hours: 9, minutes: 5 } },
    });
  });

  it('a zone’s offset from its IANA rules on the day', () => {
    expect(offsetMinutes('Europe/Madrid', Date.UTC(2026, 11, 2))).toBe(60);
    expect(offsetMinutes('Europe/Madrid', Date.UTC(2026, 6, 2))).toBe(120);
    expect(offsetMinutes('America/Los_Angeles', Date.UTC(2026, 11, 2))).toBe(-480);
  });
});
