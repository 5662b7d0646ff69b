import { describe, expect, it } from '@jest/globals';
import { act, event, freshUserApiEachTest, shown, title, trigger } from '../support/actions.js';
import { buttonOf } from '../support/card-queries.js';
import { aMe, aSession, SESSION_ID } from '../support/fixtures.js';
import { ID_TOKEN } from '../support/fake-user-api.js';

// The home flow (addon/src/actions/home.ts): the homepage trigger and opening a session from it.
const api = freshUserApiEachTest();

describe('homepage trigger', () => {
  it('shows upcoming sessions in the Calendar’s zone, with the bearer ID token', () => {
    api()
      .answer('GET', '/me', 200, aMe())
      .answer('GET', '/sessions/upcoming', 200, { sessions: [aSession()] });
    const card = trigger('onHomepage', event());
    expect(title(card)).toBe('Your mentoring sessions');
    expect(api().calls).toEqual(['GET /me', 'GET /sessions/upcoming?timeZone=Europe%2FMadrid']);
    expect(api().requests[0]!.headers.Authorization).toBe(`Bearer ${ID_TOKEN}`);
  });

  it('not part of a program: a forbidden /me, or no matchings and no sessions', () => {
    api().fail('GET', '/me', 403, 'forbidden');
    expect(title(trigger('onHomepage', event()))).toBe('You are not part of a mentoring program');
    api()
      .answer('GET', '/me', 200, aMe({ matchings: [] }))
      .answer('GET', '/sessions/upcoming', 200, { sessions: [] });
    expect(title(trigger('onHomepage', event()))).toBe('You are not part of a mentoring program');
  });

  it('backend unreachable (the fetch throws): an error card whose retry reloads home', () => {
    api().send = () => {
      throw new Error('Address unavailable: https://together.test/addon/v1/me');
    };
    const card = trigger('onHomepage', event());
    expect(title(card)).toBe('Together cannot be reached');
    expect(buttonOf(card, 'Try again').action).toMatchObject({ functionName: 'onReloadHome' });
  });

  it('a server error without JSON means unreachable; an answer that is not JSON too', () => {
    api().answer('GET', '/me', 502, '<html>Bad gateway</html>');
    expect(title(trigger('onHomepage', event()))).toBe('Together cannot be reached');
    api().answer('GET', '/me', 200, 'not json');
    expect(title(trigger('onHomepage', event()))).toBe('Together cannot be reached');
  });

  it('no ID token (openid scope missing) or a rejected one: signed out', () => {
    api().token = '';
    expect(title(trigger('onHomepage', event()))).toBe('Together could not confirm who you are');
    expect(api().requests).toHaveLength(0);
    api().token = 'expired';
    api().fail('GET', '/me', 401, 'unauthenticated');
    expect(title(trigger('onHomepage', event()))).toBe('Together could not confirm who you are');
  });

  it('tolerates no event object at all', () => {
    api().answer('GET', '/me', 200, aMe()).answer('GET', '/sessions/upcoming', 200, { sessions: [] });
    expect(title(trigger('onHomepage', undefined))).toBe('Your mentoring sessions');
    expect(api().calls[1]).toBe('GET /sessions/upcoming');
  });
});

describe('home → session', () => {
  it('opens a session from the home list (pushed)', () => {
    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    const response = act('onShowSession', event({ sessionId: SESSION_ID }));
    expect(Object.keys(response.navigation.operations[0]!)).toEqual(['pushCard']);
    expect(title(shown(response))).toBe('Session 2 with Ben Mentee');
  });

  it('"Your sessions" pushes the home card', () => {
    api().answer('GET', '/me', 200, aMe()).answer('GET', '/sessions/upcoming', 200, { sessions: [] });
    expect(title(shown(act('onShowHome', event())))).toBe('Your mentoring sessions');
  });
});
