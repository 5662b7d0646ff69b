import { describe, expect, it, jest } from '@jest/globals';
import { ACTION_NAMES, type ActionName } from '../../addon/src/action-names.js';
import { runHelp } from '../../addon/src/dispatch.js';
import { act, event, freshUserApiEachTest, path, shown, title, trigger } from './support/actions.js';
import { buttonOf, type Recorded } from './support/card-queries.js';
import { aSession, MATCHING_ID, SESSION_ID, someSlots } from './support/fixtures.js';
import { depsOn, HELP_URL } from './support/fake-user-api.js';

// dispatch.ts for every action: garbled or missing parameters, error cards and their retries, help.
const api = freshUserApiEachTest();

describe('bad input', () => {
  /** Parameters each action needs, valid; each test removes or garbles one. */
  const VALID: Record<ActionName, Record<string, string>> = {
    onShowHome: {},
    onReloadHome: {},
    onReloadEvent: { calendarId: 'ana@acme.test', eventId: 'tg1' },
    onShowSession: { sessionId: SESSION_ID },
    onReloadSession: { sessionId: SESSION_ID },
    onShowRescheduleSlots: { sessionId: SESSION_ID, version: '3', duration: '30' },
    onReviewReschedule: { sessionId: SESSION_ID, version: '3', ...someSlots().slots[0]! },
    onConfirmReschedule: { sessionId: SESSION_ID, version: '3', start: '2027-03-16T16:00:00Z', duration: '30' },
    onReviewCancel: { sessionId: SESSION_ID, version: '3' },
    onConfirmCancel: { sessionId: SESSION_ID, version: '3' },
    onChooseBookingDuration: { matchingId: MATCHING_ID },
    onShowBookingSlots: { matchingId: MATCHING_ID, duration: '30' },
    onReviewBooking: { matchingId: MATCHING_ID, duration: '30', ...someSlots().slots[0]! },
    onConfirmBooking: { matchingId: MATCHING_ID, duration: '30', start: '2027-03-16T16:00:00Z' },
    onConnectCalendar: {},
    onDisconnectCalendar: {},
  };
  const GARBAGE = ['', '../../admin', '1; DROP TABLE', '-1', '9999999999', '2027-13-45', '{"a":1}'];
  const cases = ACTION_NAMES.flatMap((name) =>
    Object.keys(VALID[name]).flatMap((key) => [[name, key, undefined], ...GARBAGE.map((value) => [name, key, value] as const)]),
  ) as Array<[ActionName, string, string | undefined]>;

  it('every action name has its valid parameters here', () => {
    expect(Object.keys(VALID).sort()).toEqual([...ACTION_NAMES].sort());
  });

  it.each(cases)('%s without a valid %s (%p): the out-of-date card, nothing sent', (name, key, value) => {
    const parameters = { ...VALID[name] };
    if (value === undefined) delete parameters[key];
    else parameters[key] = value;
    const card = shown(act(name, event(parameters)));
    expect(title(card)).toBe('This card is out of date');
    expect(api().requests.filter((request) => request.method === 'post')).toHaveLength(0);
    expect(api().requests.map((request) => path(request.url))).not.toContainEqual(expect.stringContaining('admin'));
  });

  it.each([
    undefined,
    null,
    42,
    'text',
    [],
    { commonEventObject: 'x', parameters: [1, 2] },
    { commonEventObject: { parameters: { sessionId: 7 } } },
  ])('an event object like %p never throws', (raw) => {
    expect(title(shown(act('onShowSession', raw)))).toBe('This card is out of date');
    expect(() => trigger('onEventOpen', raw)).not.toThrow();
  });

  it('a retry from an error card replaces that card instead of stacking on it', () => {
    api().fail('GET', `/sessions/${SESSION_ID}`, 503, 'calendar_unavailable');
    const failed = shown(act('onShowSession', event({ sessionId: SESSION_ID })));
    const retry = buttonOf(failed, 'Try again').action!;
    expect(retry.parameters).toEqual({ sessionId: SESSION_ID, replacesErrorCard: 'true' });
    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    expect(act('onShowSession', event(retry.parameters)).navigation.operations.map(Object.keys).flat()).toEqual(['popCard', 'pushCard']);
  });

  it('an unexpected answer shape is the "Something went wrong" card, not an exception, and its stack is logged', () => {
    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: { id: SESSION_ID } });
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(title(shown(act('onShowSession', event({ sessionId: SESSION_ID }))))).toBe('Something went wrong');
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]![0])).toMatch(/^TypeError: .*\n\s+at /);
      // Expected problems (here: a garbled parameter) are cards, not log lines.
      act('onShowSession', event({ sessionId: 'x' }));
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('help', () => {
  it('returns a UniversalActionResponse displaying the help card', () => {
    const response = runHelp(depsOn(api())) as unknown as { kind: string; operations: Array<{ displayAddOnCards: Recorded[] }> };
    expect(response.kind).toBe('UniversalActionResponse');
    const [card] = response.operations[0]!.displayAddOnCards;
    expect(title(card!)).toBe('Together help');
    expect(buttonOf(card, 'Help center').url).toBe(HELP_URL);
  });
});
