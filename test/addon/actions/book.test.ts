import { describe, expect, it } from '@jest/globals';
import { act, event, freshUserApiEachTest, shown, title } from '../support/actions.js';
import { buttonOf } from '../support/card-queries.js';
import { aMe, aSession, MATCHING_ID, someSlots } from '../support/fixtures.js';

// Booking (addon/src/actions/book.ts): duration → slots → review → book.
const api = freshUserApiEachTest();

describe('book', () => {
  it('duration → slots → review → book → home, updated, with a notification', () => {
    api()
      .answer('GET', '/me', 200, aMe())
      .answer('GET', '/sessions/upcoming', 200, { sessions: [aSession()] });
    const durations = shown(act('onChooseBookingDuration', event({ matchingId: MATCHING_ID })));
    api().answer('GET', `/matchings/${MATCHING_ID}/slots`, 200, someSlots({ durationMinutes: 60 }));
    const slots = shown(act('onShowBookingSlots', event(buttonOf(durations, '60 min').action!.parameters)));
    expect(api().calls.at(-1)).toBe(`GET /matchings/${MATCHING_ID}/slots?duration=60&timeZone=Europe%2FMadrid`);
    const review = shown(act('onReviewBooking', event(buttonOf(slots, 'Choose').action!.parameters)));
    expect(title(review)).toBe('Book 60 minutes with Ben Mentee?');

    api().answer('POST', `/matchings/${MATCHING_ID}/sessions`, 201, { session: aSession({ sessionNumber: 3 }) });
    const response = act('onConfirmBooking', event(buttonOf(review, 'Book session').action!.parameters));
    expect(JSON.parse(api().requests.find((request) => request.method === 'post')!.payload!)).toEqual({
      start: '2027-03-16T16:00:00.000Z',
      durationMinutes: 60,
      timeZone: 'Europe/Madrid',
    });
    // Back to the home card the booking started from (the root, or one pushed over an event's card), updated.
    expect(response.navigation.operations).toEqual([
      { popToNamedCard: 'home' },
      { updateCard: expect.objectContaining({ name: 'home', header: expect.objectContaining({ title: 'Your mentoring sessions' }) }) },
    ]);
    expect(response.notification?.text).toBe('Session 3 booked for Mon 15 Mar 2027, 16:00–16:30; Ben Mentee is invited.');
  });

  it('calendar not connected: the user can still book (the backend picks the match’s calendar or email); its refusal has its own card', () => {
    api().answer('GET', '/me', 200, aMe({ calendarConnected: false }));
    expect(title(shown(act('onChooseBookingDuration', event({ matchingId: MATCHING_ID }))))).not.toBe('Your calendar is not connected');
    api().fail('POST', `/matchings/${MATCHING_ID}/sessions`, 409, 'calendar_not_connected');
    expect(title(shown(act('onConfirmBooking', event({ matchingId: MATCHING_ID, duration: '30', start: '2027-03-16T16:00:00Z' }))))).toBe(
      'Your calendar is not connected',
    );
  });

  it('a matching that is not the user’s', () => {
    api().answer('GET', '/me', 200, aMe());
    expect(title(shown(act('onChooseBookingDuration', event({ matchingId: '11111111-2222-4333-8444-555555555555' }))))).toBe(
      'This card is out of date',
    );
  });

  it('a slot taken meanwhile: choose another time', () => {
    api().fail('POST', `/matchings/${MATCHING_ID}/sessions`, 409, 'slot_unavailable');
    const card = shown(act('onConfirmBooking', event({ matchingId: MATCHING_ID, duration: '30', start: '2027-03-16T16:00:00Z' })));
    expect(title(card)).toBe('That time was just taken');
    expect(buttonOf(card, 'Choose another time').action).toMatchObject({
      functionName: 'onShowBookingSlots',
      parameters: { matchingId: MATCHING_ID, duration: '30' },
    });
  });
});
