import { describe, expect, it } from '@jest/globals';
import { act, event, freshUserApiEachTest, shown, title, trigger } from '../support/actions.js';
import { buttonOf, textOf } from '../support/card-queries.js';
import { aSession } from '../support/fixtures.js';

// The session flow (addon/src/actions/session.ts): opening an event in Calendar.
const api = freshUserApiEachTest();

describe('event open trigger', () => {
  const calendar = { calendar: { calendarId: 'ana@acme.test', id: 'tg0b5c1c3e' } };

  it('a Together session: its context card, looked up by (calendarId, eventId) in the user’s zone', () => {
    api().answer('GET', '/sessions/by-event', 200, { session: aSession() });
    const card = trigger('onEventOpen', event({}, calendar));
    expect(title(card)).toBe('Session 2 with Ben Mentee');
    expect(api().calls).toEqual(['GET /sessions/by-event?calendarId=ana%40acme.test&eventId=tg0b5c1c3e&timeZone=Europe%2FMadrid']);
  });

  it('any other event: the neutral card; an unsaved event (no id): the neutral card without asking the backend', () => {
    api().answer('GET', '/sessions/by-event', 200, { session: null });
    expect(title(trigger('onEventOpen', event({}, calendar)))).toBe('Not a mentoring session');
    api().requests.length = 0;
    expect(textOf(trigger('onEventOpen', event({}, { calendar: { calendarId: 'ana@acme.test' } })))).toContain('not saved yet');
    expect(api().requests).toHaveLength(0);
  });

  it('a retry on an event of one of Google’s own calendars (an id with #) reloads it', () => {
    api().answer('GET', '/sessions/by-event', 200, { session: null });
    const response = act('onReloadEvent', event({ calendarId: 'en.usa#holiday@group.v.calendar.google.com', eventId: '20271225_abc' }));
    expect(title(shown(response))).toBe('Not a mentoring session');
    expect(api().calls).toEqual([
      'GET /sessions/by-event?calendarId=en.usa%23holiday%40group.v.calendar.google.com&eventId=20271225_abc&timeZone=Europe%2FMadrid',
    ]);
  });

  it('uses the legacy userTimezone when commonEventObject has none', () => {
    api().answer('GET', '/sessions/by-event', 200, { session: null });
    trigger('onEventOpen', { commonEventObject: {}, userTimezone: { id: 'Asia/Tokyo' }, ...calendar });
    expect(api().calls[0]).toContain('timeZone=Asia%2FTokyo');
  });

  it('an error offers a retry that reloads this event in place', () => {
    api().fail('GET', '/sessions/by-event', 503, 'calendar_unavailable');
    const card = trigger('onEventOpen', event({}, calendar));
    expect(title(card)).toBe('Google Calendar is not answering');
    const retry = buttonOf(card, 'Try again').action!;
    expect(retry).toMatchObject({ functionName: 'onReloadEvent', parameters: { calendarId: 'ana@acme.test', eventId: 'tg0b5c1c3e' } });

    api().answer('GET', '/sessions/by-event', 200, { session: aSession() });
    const response = act('onReloadEvent', event(retry.parameters));
    expect(response.navigation.operations.map(Object.keys).flat()).toEqual(['updateCard']);
    expect(title(shown(response))).toBe('Session 2 with Ben Mentee');
  });
});
