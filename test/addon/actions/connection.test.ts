import { describe, expect, it } from '@jest/globals';
import { act, event, freshUserApiEachTest, trigger } from '../support/actions.js';
import { buttonOf, textOf } from '../support/card-queries.js';
import { aMe, aSession } from '../support/fixtures.js';

// The per-user method on the home card: connect, the reconnect To-Do, disconnect (addon/src/cards/home.ts, actions/home.ts).
const api = freshUserApiEachTest();

const perUser = (status: 'CONNECTED' | 'NEEDS_RECONNECT' | 'BLOCKED_BY_POLICY' | 'NOT_CONNECTED') =>
  aMe({ calendarConnected: status === 'CONNECTED', calendarConnection: { method: 'PER_USER', status, connectedAt: null } });

describe('connecting from the add-on', () => {
  it('a user not connected yet gets Connect your Google Calendar, which opens the connect page over the sidebar and reloads it on close', () => {
    api()
      .answer('GET', '/me', 200, perUser('NOT_CONNECTED'))
      .answer('GET', '/sessions/upcoming', 200, { sessions: [aSession()] });
    const card = trigger('onHomepage', event());
    const connect = buttonOf(card, 'Connect your Google Calendar');
    expect(connect.action).toMatchObject({ functionName: 'onConnectCalendar' });
    api().answer('POST', '/calendar-connection/link', 201, {
      url: 'https://together.test/connect?link=abc',
      expiresAt: '2027-01-01T00:15:00Z',
    });
    const response = act('onConnectCalendar', event()) as unknown as { openLink?: { url?: string; openAs?: string; onClose?: string } };
    expect(JSON.stringify(response)).toContain('https://together.test/connect?link=abc');
    expect(JSON.stringify(response)).toContain('OVERLAY');
    expect(JSON.stringify(response)).toContain('RELOAD');
    expect(api().calls).toContain('POST /calendar-connection/link');
  });

  it('a connection Google refused shows the reconnect To-Do', () => {
    api().answer('GET', '/me', 200, perUser('NEEDS_RECONNECT')).answer('GET', '/sessions/upcoming', 200, { sessions: [] });
    const card = trigger('onHomepage', event());
    expect(textOf(card)).toContain('To do: reconnect your Google Calendar');
    expect(buttonOf(card, 'Reconnect your Google Calendar').action).toMatchObject({ functionName: 'onConnectCalendar' });
  });

  it('a connected user can disconnect: the backend revokes and deletes, the home card says so', () => {
    api()
      .answer('GET', '/me', 200, perUser('CONNECTED'))
      .answer('GET', '/sessions/upcoming', 200, { sessions: [aSession()] });
    expect(buttonOf(trigger('onHomepage', event()), 'Disconnect').action).toMatchObject({ functionName: 'onDisconnectCalendar' });
    api()
      .answer('DELETE', '/calendar-connection', 200, { disconnected: true })
      .answer('GET', '/me', 200, perUser('NOT_CONNECTED'))
      .answer('GET', '/sessions/upcoming', 200, { sessions: [aSession()] });
    const response = act('onDisconnectCalendar', event());
    expect(JSON.stringify(response)).toContain('Your Google Calendar is disconnected from Together.');
    expect(api().calls).toContain('DELETE /calendar-connection');
  });
});
