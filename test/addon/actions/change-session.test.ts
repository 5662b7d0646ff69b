import { describe, expect, it } from '@jest/globals';
import { act, event, freshUserApiEachTest, shown, title } from '../support/actions.js';
import { allRecords, buttonOf, textOf } from '../support/card-queries.js';
import { aSession, SESSION_ID, someSlots } from '../support/fixtures.js';

// Changing a session (addon/src/actions/change-session.ts): reschedule and cancel.
const api = freshUserApiEachTest();

describe('reschedule', () => {
  const target = { sessionId: SESSION_ID, version: '3' };

  it('slots → review against the session now → move → back on the session card with a notification', () => {
    api().answer('GET', `/sessions/${SESSION_ID}/slots`, 200, someSlots());
    const slotsCard = shown(act('onShowRescheduleSlots', event({ ...target, duration: '30' })));
    expect(api().calls).toEqual([`GET /sessions/${SESSION_ID}/slots?duration=30&timeZone=Europe%2FMadrid`]);
    const choose = buttonOf(slotsCard, 'Choose').action!;

    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    const review = shown(act('onReviewReschedule', event(choose.parameters)));
    expect(title(review)).toBe('Move session 2 with Ben Mentee?');

    const moved = aSession({ version: 4, startLocal: '2027-03-16T17:00:00.000+01:00', endLocal: '2027-03-16T17:30:00.000+01:00' });
    api().answer('POST', `/sessions/${SESSION_ID}/reschedule`, 200, { session: moved });
    const response = act('onConfirmReschedule', event(buttonOf(review, 'Move session').action!.parameters));
    expect(JSON.parse(api().requests.at(-1)!.payload!)).toEqual({
      version: 3,
      start: '2027-03-16T16:00:00.000Z',
      timeZone: 'Europe/Madrid',
    });
    expect(response.navigation.operations).toEqual([
      { popToNamedCard: 'session' },
      { updateCard: expect.objectContaining({ name: 'session' }) },
    ]);
    expect(response.notification?.text).toBe('Moved to Tue 16 Mar 2027, 17:00–17:30; Ben Mentee is notified.');
  });

  it('a session changed since the card was shown: version conflict, with Reload session', () => {
    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession({ version: 5 }) });
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
    for (const [status, code, heading] of [
      [409, 'version_conflict', 'This session changed meanwhile'],
      [409, 'session_not_modifiable', 'This session can no longer be changed'],
    ] as const) {
      api().fail('POST', `/sessions/${SESSION_ID}/reschedule`, status, code);
      const card = shown(act('onConfirmReschedule', event({ ...target, start: '2027-03-16T16:00:00.000Z', duration: '30' })));
      expect(title(card)).toBe(heading);
      expect(buttonOf(card, 'Reload session').action).toMatchObject({ functionName: 'onReloadSession' });
    }
  });

  it('a cancelled session cannot be rescheduled (checked before asking to confirm)', () => {
    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession({ status: 'CANCELLED', allowedActions: [] }) });
    expect(title(shown(act('onReviewReschedule', event({ ...target, ...someSlots().slots[0]! }))))).toBe(
      'This session can no longer be changed',
    );
  });

  it('a slot taken meanwhile: choose another time (fresh slots)', () => {
    api().fail('POST', `/sessions/${SESSION_ID}/reschedule`, 409, 'slot_unavailable');
    const card = shown(act('onConfirmReschedule', event({ ...target, start: '2027-03-16T16:00:00.000Z', duration: '30' })));
    expect(title(card)).toBe('That time was just taken');
    expect(buttonOf(card, 'Choose another time').action).toMatchObject({
      functionName: 'onShowRescheduleSlots',
      parameters: { ...target, duration: '30' },
    });
  });
});

describe('cancel', () => {
  const target = { sessionId: SESSION_ID, version: '3' };

  it('review → cancel with the typed reason → back on the (cancelled) session card', () => {
    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    const review = shown(act('onReviewCancel', event(target)));
    expect(title(review)).toBe('Cancel session 2 with Ben Mentee?');

    api().answer('POST', `/sessions/${SESSION_ID}/cancel`, 200, {
      session: aSession({ status: 'CANCELLED', cancelReason: 'Travelling', allowedActions: [] }),
    });
    const reason = { reason: { stringInputs: { value: ['  Travelling '] } } };
    const response = act('onConfirmCancel', {
      commonEventObject: { parameters: buttonOf(review, 'Cancel session').action!.parameters, formInputs: reason },
    });
    expect(JSON.parse(api().requests.at(-1)!.payload!)).toEqual({ version: 3, reason: 'Travelling' });
    expect(textOf(shown(response))).toContain('Cancelled: Travelling');
    expect(response.notification?.text).toBe('Session cancelled; Ben Mentee is notified.');
  });

  it('no reason is fine; a reason over 500 characters comes back on the cancel card, kept, to be shortened, and nothing is cancelled', () => {
    api().answer('POST', `/sessions/${SESSION_ID}/cancel`, 200, { session: aSession({ status: 'CANCELLED', allowedActions: [] }) });
    act('onConfirmCancel', event(target));
    expect(JSON.parse(api().requests.at(-1)!.payload!)).toEqual({ version: 3, timeZone: 'Europe/Madrid' });

    api().requests.length = 0;
    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() });
    const long = `  ${'x'.repeat(501)} `;
    const response = act('onConfirmCancel', {
      commonEventObject: { parameters: target, formInputs: { reason: { stringInputs: { value: [long] } } } },
    });
    expect(response.navigation.operations.map(Object.keys).flat()).toEqual(['updateCard']);
    const card = shown(response);
    expect(title(card)).toBe('Cancel session 2 with Ben Mentee?');
    expect(textOf(card)).toContain('Your reason is 501 characters long; please shorten it to 500.');
    expect(allRecords(card).find((record) => record.kind === 'TextInput')).toMatchObject({ fieldName: 'reason', value: 'x'.repeat(501) });
    expect(api().requests.filter((request) => request.method === 'post')).toHaveLength(0);
  });

  it('"Try again" after a failed cancel still sends the reason typed on the cancel card', () => {
    api().fail('POST', `/sessions/${SESSION_ID}/cancel`, 503, 'calendar_unavailable');
    const reason = { reason: { stringInputs: { value: ['Travelling'] } } };
    const failed = shown(act('onConfirmCancel', { commonEventObject: { parameters: target, formInputs: reason } }));
    expect(title(failed)).toBe('Google Calendar is not answering');

    api().answer('POST', `/sessions/${SESSION_ID}/cancel`, 200, {
      session: aSession({ status: 'CANCELLED', cancelReason: 'Travelling', allowedActions: [] }),
    });
    // Clicked on the error card: no form inputs there.
    const retried = act('onConfirmCancel', { commonEventObject: { parameters: buttonOf(failed, 'Try again').action!.parameters } });
    expect(JSON.parse(api().requests.at(-1)!.payload!)).toEqual({ version: 3, reason: 'Travelling' });
    expect(retried.notification?.text).toBe('Session cancelled; Ben Mentee is notified.');
  });

  it('an already cancelled session', () => {
    api().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession({ status: 'CANCELLED', allowedActions: [] }) });
    expect(title(shown(act('onReviewCancel', event(target))))).toBe('This session can no longer be changed');
  });
});
