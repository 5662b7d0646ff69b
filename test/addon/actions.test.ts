import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ACTION_NAMES, type ActionName } from '../../addon/src/action-names.js';
import { runAction, runHelp, runTrigger } from '../../addon/src/dispatch.js';
import { allRecords, buttonOf, installCardService, shownCard, textOf, titleOf, type Recorded, type RecordedResponse } from './support/card-service.js';
import { aMe, aSession, MATCHING_ID, SESSION_ID, someSlots } from './support/fixtures.js';
import { BACKEND_URL, depsOn, FakeUserApi, HELP_URL, ID_TOKEN } from './support/fake-user-api.js';

let api: FakeUserApi;
beforeEach(() => {
  installCardService();
  api = new FakeUserApi();
});

/** A Calendar event object as Google sends it (current and legacy fields). */
const event = (parameters: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  commonEventObject: { hostApp: 'CALENDAR', platform: 'WEB', timeZone: { id: 'Europe/Madrid', offset: 3600000 }, parameters },
  parameters,
  ...extra,
});
const trigger = (name: 'onHomepage' | 'onEventOpen', raw: unknown) => runTrigger(name, raw, depsOn(api)) as unknown as Recorded;
const act = (name: ActionName, raw: unknown) => runAction(name, raw, depsOn(api)) as unknown as RecordedResponse;
const shown = shownCard;
const title = titleOf;
const path = (url: string) => url.replace(`${BACKEND_URL}/addon/v1`, '');

describe('homepage trigger', () => {
  it('shows upcoming sessions in the Calendar’s zone, with the bearer ID token', () => {
    api.answer('GET', '/me', 200, aMe()).answer('GET', '/sessions/upcoming', 200, { sessions: [aSession()] });
    const card = trigger('onHomepage', event());
    expect(title(card)).toBe('Your mentoring sessions');
    expect(api.calls).toEqual(['GET /me', 'GET /sessions/upcoming?timeZone=Europe%2FMadrid']);
    expect(api.requests[0]!.headers.Authorization).toBe(`Bearer ${ID_TOKEN}`);
  });

  it('not part of a program: a forbidden /me, or no matchings and no sessions', () => {
    api.fail('GET', '/me', 403, 'forbidden');
    expect(title(trigger('onHomepage', event()))).toBe('You are not part of a mentoring program');
    api.answer('GET', '/me', 200, aMe({ matchings: [] })).answer('GET', '/sessions/upcoming', 200, { sessions: [] });
    expect(title(trigger('onHomepage', event()))).toBe('You are not part of a mentoring program');
  });

  it('backend unreachable (the fetch throws): an error card whose retry reloads home', () => {
    api.send = () => {
      throw new Error('Address unavailable: https://together.test/addon/v1/me');
    };
    const card = trigger('onHomepage', event());
    expect(title(card)).toBe('Together cannot be reached');
    expect(buttonOf(card, 'Try again').action).toMatchObject({ functionName: 'onReloadHome' });
  });

  it('a server error without JSON means unreachable; an answer that is not JSON too', () => {
    api.answer('GET', '/me', 502, '<html>Bad gateway</html>');
    expect(title(trigger('onHomepage', event()))).toBe('Together cannot be reached');
    api.answer('GET', '/me', 200, 'not json');
    expect(title(trigger('onHomepage', event()))).toBe('Together cannot be reached');
  });

  it('no ID token (openid scope missing) or a rejected one: signed out', () => {
    api.token = '';
    expect(title(trigger('onHomepage', event()))).toBe('Together could not confirm who you are');
    expect(api.requests).toHaveLength(0);
    api.token = 'expired';
    api.fail('GET', '/me', 401, 'unauthenticated');
    expect(title(trigger('onHomepage', event()))).toBe('Together could not confirm who you are');
  });

  it('tolerates no event object at all', () => {
    api.answer('GET', '/me', 200, aMe()).answer('GET', '/sessions/upcoming', 200, { sessions: [] });
    expect(title(trigger('onHomepage', undefined))).toBe('Your mentoring sessions');
    expect(api.calls[1]).toBe('GET /sessions/upcoming');
  });
});

describe('event open trigger', () => {
  const calendar = { calendar: { calendarId: 'ana@acme.test', id: 'tg0b5c1c3e' } };

  it('a Together session: its context card, looked up by (calendarId, eventId) in the user’s zone', () => {
    api.answer('GET', '/sessions/by-event', 200, { session: aSession() });
    const card = trigger('onEventOpen', event({}, calendar));
    expect(title(card)).toBe('Session 2 with Ben Mentee');
    expect(api.calls).toEqual(['GET /sessions/by-event?calendarId=ana%40acme.test&eventId=tg0b5c1c3e&timeZone=Europe%2FMadrid']);
  });

  it('any other event: the neutral card; an unsaved event (no id): the neutral card without asking the backend', () => {
    api.answer('GET', '/sessions/by-event', 200, { session: null });
    expect(title(trigger('onEventOpen', event({}, calendar)))).toBe('Not a mentoring session');
    api.requests.length = 0;
    expect(textOf(trigger('onEventOpen', event({}, { calendar: { calendarId: 'ana@acme.test' } })))).toContain('not saved yet');
    expect(api.requests).toHaveLength(0);
  });

  it('a retry on an event of one of Google’s own calendars (an id with #) reloads it', () => {
    api.answer('GET', '/sessions/by-event', 200, { session: null });
    const response = act('onReloadEvent', event({ calendarId: 'en.usa#holiday@group.v.calendar.google.com', eventId: '20271225_abc' }));
    expect(title(shown(response))).toBe('Not a mentoring session');
    expect(api.calls).toEqual(['GET /sessions/by-event?calendarId=en.usa%23holiday%40group.v.calendar.google.com&eventId=20271225_abc&timeZone=Europe%2FMadrid']);
  });

  it('uses the legacy userTimezone when commonEventObject has none', () => {
    api.answer('GET', '/sessions/by-event', 200, { session: null });
    trigger('onEventOpen', { commonEventObject: {}, userTimezone: { id: 'Asia/Tokyo' }, ...calendar });
    expect(api.calls[0]).toContain('timeZone=Asia%2FTokyo');
  });

  it('an error offers a retry that reloads this event in place', () => {
    api.fail('GET', '/sessions/by-event', 503, 'calendar_unavailable');
    const card = trigger('onEventOpen', event({}, calendar));
    expect(title(card)).toBe('Google Calendar is not answering');
    const retry = buttonOf(card, 'Try again').action!;
    expect(retry).toMatchObject({ functionName: 'onReloadEvent', parameters: { calendarId: 'ana@acme.test', eventId: 'tg0b5c1c3e' } });

    api.answer('GET', '/sessions/by-event', 200, { session: aSession() });
    const response = act('onReloadEvent', event(retry.parameters));
    expect(response.navigation.operations.map(Object.keys).flat()).toEqual(['updateCard']);
    expect(title(shown(response))).toBe('Session 2 with Ben Mentee');
  });
});

describe('home → session', () => {
  it('opens a session from the home list (pushed)', () => {
    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    const response = act('onShowSession', event({ sessionId: SESSION_ID }));
    expect(Object.keys(response.navigation.operations[0]!)).toEqual(['pushCard']);
    expect(title(shown(response))).toBe('Session 2 with Ben Mentee');
  });

  it('"Your sessions" pushes the home card', () => {
    api.answer('GET', '/me', 200, aMe()).answer('GET', '/sessions/upcoming', 200, { sessions: [] });
    expect(title(shown(act('onShowHome', event())))).toBe('Your mentoring sessions');
  });
});

describe('reschedule', () => {
  const target = { sessionId: SESSION_ID, version: '3' };

  it('slots → review against the session now → move → back on the session card with a notification', () => {
    api.answer('GET', `/sessions/${SESSION_ID}/slots`, 200, someSlots());
    const slotsCard = shown(act('onShowRescheduleSlots', event({ ...target, duration: '30' })));
    expect(api.calls).toEqual([`GET /sessions/${SESSION_ID}/slots?duration=30&timeZone=Europe%2FMadrid`]);
    const choose = buttonOf(slotsCard, 'Choose').action!;

    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    const review = shown(act('onReviewReschedule', event(choose.parameters)));
    expect(title(review)).toBe('Move session 2 with Ben Mentee?');

    const moved = aSession({ version: 4, startLocal: '2027-03-16T17:00:00.000+01:00', endLocal: '2027-03-16T17:30:00.000+01:00' });
    api.answer('POST', `/sessions/${SESSION_ID}/reschedule`, 200, { session: moved });
    const response = act('onConfirmReschedule', event(buttonOf(review, 'Move session').action!.parameters));
    expect(JSON.parse(api.requests.at(-1)!.payload!)).toEqual({ version: 3, start: '2027-03-16T16:00:00.000Z', timeZone: 'Europe/Madrid' });
    expect(response.navigation.operations).toEqual([{ popToNamedCard: 'session' }, { updateCard: expect.objectContaining({ name: 'session' }) }]);
    expect(response.notification?.text).toBe('Moved to Tue 16 Mar 2027, 17:00–17:30; Ben Mentee is notified.');
  });

  it('a session changed since the card was shown: version conflict, with Reload session', () => {
    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession({ version: 5 }) });
    const slot = someSlots().slots[0]!;
    const card = shown(act('onReviewReschedule', event({ ...target, ...slot })));
    expect(title(card)).toBe('This session changed meanwhile');
    const reload = buttonOf(card, 'Reload session').action!;
    expect(reload).toMatchObject({ functionName: 'onReloadSession', parameters: { sessionId: SESSION_ID } });

    const response = act('onReloadSession', event(reload.parameters));
    expect(response.navigation.operations[0]).toEqual({ popToNamedCard: 'session' });
    expect(title(shown(response))).toBe('Session 2 with Ben Mentee');
  });

  it('the backend’s version_conflict and session_not_modifiable get the same way out', () => {
    for (const [status, code, heading] of [[409, 'version_conflict', 'This session changed meanwhile'], [409, 'session_not_modifiable', 'This session can no longer be changed']] as const) {
      api.fail('POST', `/sessions/${SESSION_ID}/reschedule`, status, code);
      const card = shown(act('onConfirmReschedule', event({ ...target, start: '2027-03-16T16:00:00.000Z', duration: '30' })));
      expect(title(card)).toBe(heading);
      expect(buttonOf(card, 'Reload session').action).toMatchObject({ functionName: 'onReloadSession' });
    }
  });

  it('a cancelled session cannot be rescheduled (checked before asking to confirm)', () => {
    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession({ status: 'CANCELLED', allowedActions: [] }) });
    expect(title(shown(act('onReviewReschedule', event({ ...target, ...someSlots().slots[0]! }))))).toBe('This session can no longer be changed');
  });

  it('a slot taken meanwhile: choose another time (fresh slots)', () => {
    api.fail('POST', `/sessions/${SESSION_ID}/reschedule`, 409, 'slot_unavailable');
    const card = shown(act('onConfirmReschedule', event({ ...target, start: '2027-03-16T16:00:00.000Z', duration: '30' })));
    expect(title(card)).toBe('That time was just taken');
    expect(buttonOf(card, 'Choose another time').action).toMatchObject({ functionName: 'onShowRescheduleSlots', parameters: { ...target, duration: '30' } });
  });
});

describe('cancel', () => {
  const target = { sessionId: SESSION_ID, version: '3' };

  it('review → cancel with the typed reason → back on the (cancelled) session card', () => {
    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    const review = shown(act('onReviewCancel', event(target)));
    expect(title(review)).toBe('Cancel session 2 with Ben Mentee?');

    api.answer('POST', `/sessions/${SESSION_ID}/cancel`, 200, { session: aSession({ status: 'CANCELLED', cancelReason: 'Travelling', allowedActions: [] }) });
    const reason = { reason: { stringInputs: { value: ['  Travelling '] } } };
    const response = act('onConfirmCancel', { commonEventObject: { parameters: buttonOf(review, 'Cancel session').action!.parameters, formInputs: reason } });
    expect(JSON.parse(api.requests.at(-1)!.payload!)).toEqual({ version: 3, reason: 'Travelling' });
    expect(textOf(shown(response))).toContain('Cancelled: Travelling');
    expect(response.notification?.text).toBe('Session cancelled; Ben Mentee is notified.');
  });

  it('no reason is fine; a reason over 500 characters comes back on the cancel card, kept, to be shortened, and nothing is cancelled', () => {
    api.answer('POST', `/sessions/${SESSION_ID}/cancel`, 200, { session: aSession({ status: 'CANCELLED', allowedActions: [] }) });
    act('onConfirmCancel', event(target));
    expect(JSON.parse(api.requests.at(-1)!.payload!)).toEqual({ version: 3, timeZone: 'Europe/Madrid' });

    api.requests.length = 0;
    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    const long = `  ${'x'.repeat(501)} `;
    const response = act('onConfirmCancel', { commonEventObject: { parameters: target, formInputs: { reason: { stringInputs: { value: [long] } } } } });
    expect(response.navigation.operations.map(Object.keys).flat()).toEqual(['updateCard']);
    const card = shown(response);
    expect(title(card)).toBe('Cancel session 2 with Ben Mentee?');
    expect(textOf(card)).toContain('Your reason is 501 characters long; please shorten it to 500.');
    expect(allRecords(card).find((record) => record.kind === 'TextInput')).toMatchObject({ fieldName: 'reason', value: 'x'.repeat(501) });
    expect(api.requests.filter((request) => request.method === 'post')).toHaveLength(0);
  });

  it('"Try again" after a failed cancel still sends the reason typed on the cancel card', () => {
    api.fail('POST', `/sessions/${SESSION_ID}/cancel`, 503, 'calendar_unavailable');
    const reason = { reason: { stringInputs: { value: ['Travelling'] } } };
    const failed = shown(act('onConfirmCancel', { commonEventObject: { parameters: target, formInputs: reason } }));
    expect(title(failed)).toBe('Google Calendar is not answering');

    api.answer('POST', `/sessions/${SESSION_ID}/cancel`, 200, { session: aSession({ status: 'CANCELLED', cancelReason: 'Travelling', allowedActions: [] }) });
    // Clicked on the error card: no form inputs there.
    const retried = act('onConfirmCancel', { commonEventObject: { parameters: buttonOf(failed, 'Try again').action!.parameters } });
    expect(JSON.parse(api.requests.at(-1)!.payload!)).toEqual({ version: 3, reason: 'Travelling' });
    expect(retried.notification?.text).toBe('Session cancelled; Ben Mentee is notified.');
  });

  it('an already cancelled session', () => {
    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession({ status: 'CANCELLED', allowedActions: [] }) });
    expect(title(shown(act('onReviewCancel', event(target))))).toBe('This session can no longer be changed');
  });
});

describe('book', () => {
  it('duration → slots → review → book → home, updated, with a notification', () => {
    api.answer('GET', '/me', 200, aMe()).answer('GET', '/sessions/upcoming', 200, { sessions: [aSession()] });
    const durations = shown(act('onChooseBookingDuration', event({ matchingId: MATCHING_ID })));
    api.answer('GET', `/matchings/${MATCHING_ID}/slots`, 200, someSlots({ durationMinutes: 60 }));
    const slots = shown(act('onShowBookingSlots', event(buttonOf(durations, '60 min').action!.parameters)));
    expect(api.calls.at(-1)).toBe(`GET /matchings/${MATCHING_ID}/slots?duration=60&timeZone=Europe%2FMadrid`);
    const review = shown(act('onReviewBooking', event(buttonOf(slots, 'Choose').action!.parameters)));
    expect(title(review)).toBe('Book 60 minutes with Ben Mentee?');

    api.answer('POST', `/matchings/${MATCHING_ID}/sessions`, 201, { session: aSession({ sessionNumber: 3 }) });
    const response = act('onConfirmBooking', event(buttonOf(review, 'Book session').action!.parameters));
    expect(JSON.parse(api.requests.find((request) => request.method === 'post')!.payload!)).toEqual({ start: '2027-03-16T16:00:00.000Z', durationMinutes: 60, timeZone: 'Europe/Madrid' });
    // Back to the home card the booking started from (the root, or one pushed over an event's card), updated.
    expect(response.navigation.operations).toEqual([{ popToNamedCard: 'home' }, { updateCard: expect.objectContaining({ name: 'home', header: expect.objectContaining({ title: 'Your mentoring sessions' }) }) }]);
    expect(response.notification?.text).toBe('Session 3 booked for Mon 15 Mar 2027, 16:00–16:30; Ben Mentee is invited.');
  });

  it('calendar not connected: its own card before any slot is shown', () => {
    api.answer('GET', '/me', 200, aMe({ calendarConnected: false }));
    expect(title(shown(act('onChooseBookingDuration', event({ matchingId: MATCHING_ID }))))).toBe('Your calendar is not connected');
    api.fail('POST', `/matchings/${MATCHING_ID}/sessions`, 409, 'calendar_not_connected');
    expect(title(shown(act('onConfirmBooking', event({ matchingId: MATCHING_ID, duration: '30', start: '2027-03-16T16:00:00Z' }))))).toBe('Your calendar is not connected');
  });

  it('a matching that is not the user’s', () => {
    api.answer('GET', '/me', 200, aMe());
    expect(title(shown(act('onChooseBookingDuration', event({ matchingId: '11111111-2222-4333-8444-555555555555' }))))).toBe('This card is out of date');
  });

  it('a slot taken meanwhile: choose another time', () => {
    api.fail('POST', `/matchings/${MATCHING_ID}/sessions`, 409, 'slot_unavailable');
    const card = shown(act('onConfirmBooking', event({ matchingId: MATCHING_ID, duration: '30', start: '2027-03-16T16:00:00Z' })));
    expect(title(card)).toBe('That time was just taken');
    expect(buttonOf(card, 'Choose another time').action).toMatchObject({ functionName: 'onShowBookingSlots', parameters: { matchingId: MATCHING_ID, duration: '30' } });
  });
});

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
  };
  const GARBAGE = ['', '../../admin', '1; DROP TABLE', '-1', '9999999999', '2027-13-45', '{"a":1}'];
  const cases = ACTION_NAMES.flatMap((name) =>
    Object.keys(VALID[name]).flatMap((key) => [
      [name, key, undefined],
      ...GARBAGE.map((value) => [name, key, value] as const),
    ]),
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
    expect(api.requests.filter((request) => request.method === 'post')).toHaveLength(0);
    expect(api.requests.map((request) => path(request.url))).not.toContainEqual(expect.stringContaining('admin'));
  });

  it.each([undefined, null, 42, 'text', [], { commonEventObject: 'x', parameters: [1, 2] }, { commonEventObject: { parameters: { sessionId: 7 } } }])(
    'an event object like %p never throws',
    (raw) => {
      expect(title(shown(act('onShowSession', raw)))).toBe('This card is out of date');
      expect(() => trigger('onEventOpen', raw)).not.toThrow();
    },
  );

  it('a retry from an error card replaces that card instead of stacking on it', () => {
    api.fail('GET', `/sessions/${SESSION_ID}`, 503, 'calendar_unavailable');
    const failed = shown(act('onShowSession', event({ sessionId: SESSION_ID })));
    const retry = buttonOf(failed, 'Try again').action!;
    expect(retry.parameters).toEqual({ sessionId: SESSION_ID, replacesErrorCard: 'true' });
    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    expect(act('onShowSession', event(retry.parameters)).navigation.operations.map(Object.keys).flat()).toEqual(['popCard', 'pushCard']);
  });

  it('an unexpected answer shape is the "Something went wrong" card, not an exception, and its stack is logged', () => {
    api.answer('GET', `/sessions/${SESSION_ID}`, 200, { session: { id: SESSION_ID } });
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
    const response = runHelp(depsOn(api)) as unknown as { kind: string; operations: Array<{ displayAddOnCards: Recorded[] }> };
    expect(response.kind).toBe('UniversalActionResponse');
    const [card] = response.operations[0]!.displayAddOnCards;
    expect(title(card!)).toBe('Together help');
    expect(buttonOf(card, 'Help center').url).toBe(HELP_URL);
  });
});
