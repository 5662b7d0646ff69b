import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { calendar_v3 } from 'googleapis';
import { googleError } from './support/google-clients.js';
import { eventId, hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
let ana: calendar_v3.Calendar;
let ben: calendar_v3.Calendar;
beforeAll(async () => {
  emu = await startTestEmulator();
  ana = emu.calendar('ana@acme.test');
  ben = emu.calendar('ben@acme.test');
});
afterAll(async () => {
  await emu.close();
});

async function inviteBen(hours: number, extra: calendar_v3.Schema$Event = {}): Promise<string> {
  const id = eventId();
  await ana.events.insert({
    calendarId: 'primary',
    sendUpdates: 'all',
    requestBody: {
      id,
      summary: 'Session',
      start: { dateTime: hoursFromNow(hours) },
      end: { dateTime: hoursFromNow(hours + 1) },
      attendees: [{ email: 'ben@acme.test' }, { email: 'guest@external.example' }],
      ...extra,
    },
  });
  return id;
}

const responseOf = (event: calendar_v3.Schema$Event, email: string) => event.attendees?.find((a) => a.email === email)?.responseStatus;

describe('attendees and their copies', () => {
  it('lists the organizer as accepted attendee and gives emulated users their own copy with the same id', async () => {
    const id = await inviteBen(10);
    const { data: mine } = await ana.events.get({ calendarId: 'primary', eventId: id });
    expect(mine.attendees).toEqual([
      { email: 'ana@acme.test', displayName: 'Ana García', organizer: true, self: true, responseStatus: 'accepted' },
      { email: 'ben@acme.test', responseStatus: 'needsAction' },
      { email: 'guest@external.example', responseStatus: 'needsAction' },
    ]);
    const { data: copy } = await ben.events.get({ calendarId: 'primary', eventId: id });
    expect(copy).toMatchObject({ id, organizer: { email: 'ana@acme.test' }, summary: 'Session' });
    expect(copy.organizer?.self).toBeUndefined();
    expect(copy.attendees?.find((a) => a.email === 'ben@acme.test')).toEqual({
      email: 'ben@acme.test',
      self: true,
      responseStatus: 'needsAction',
    });
  });

  it('lets the attendee answer on their copy; the organizer sees it', async () => {
    const id = await inviteBen(11);
    const { data: copy } = await ben.events.get({ calendarId: 'primary', eventId: id });
    const attendees = copy.attendees!.map((a) => (a.self ? { ...a, responseStatus: 'accepted' } : a));
    await ben.events.patch({ calendarId: 'primary', eventId: id, requestBody: { attendees } });
    expect(responseOf((await ana.events.get({ calendarId: 'primary', eventId: id })).data, 'ben@acme.test')).toBe('accepted');

    await emu.control('POST', `/users/ben@acme.test/events/${id}/respond`, { responseStatus: 'tentative' });
    expect(responseOf((await ana.events.get({ calendarId: 'primary', eventId: id })).data, 'ben@acme.test')).toBe('tentative');
    // The organizer's later edits keep the attendee's own answer.
    await ana.events.patch({
      calendarId: 'primary',
      eventId: id,
      requestBody: { attendees: [{ email: 'ben@acme.test', responseStatus: 'needsAction' }] },
    });
    expect(responseOf((await ana.events.get({ calendarId: 'primary', eventId: id })).data, 'ben@acme.test')).toBe('tentative');
  });

  it('refuses shared-field edits on an attendee copy with 403 forbiddenForNonOrganizer, but keeps private properties per copy', async () => {
    const id = await inviteBen(12);
    const error = await googleError(ben.events.patch({ calendarId: 'primary', eventId: id, requestBody: { summary: 'Mine now' } }));
    expect(error.data).toEqual({
      error: {
        errors: [
          {
            domain: 'calendar',
            reason: 'forbiddenForNonOrganizer',
            message: 'Shared properties can only be changed by the organizer of the event.',
          },
        ],
        code: 403,
        message: 'Shared properties can only be changed by the organizer of the event.',
      },
    });
    await ben.events.patch({ calendarId: 'primary', eventId: id, requestBody: { extendedProperties: { private: { mine: 'yes' } } } });
    expect((await ben.events.get({ calendarId: 'primary', eventId: id })).data.extendedProperties?.private).toEqual({ mine: 'yes' });
    expect((await ana.events.get({ calendarId: 'primary', eventId: id })).data.extendedProperties).toBeUndefined();
    // Moving it as the attendee, through the "act as user" control, is refused the same way.
    const move = await emu.control('POST', `/users/ben@acme.test/events/${id}/move`, {
      start: { dateTime: hoursFromNow(13) },
      end: { dateTime: hoursFromNow(14) },
    });
    expect(move.status).toBe(403);
  });

  it("carries the organizer's cancellation and uninvitations to the attendees' copies", async () => {
    const cancelled = await inviteBen(14);
    await ana.events.delete({ calendarId: 'primary', eventId: cancelled, sendUpdates: 'all' });
    expect((await ben.events.get({ calendarId: 'primary', eventId: cancelled })).data.status).toBe('cancelled');

    const uninvited = await inviteBen(15);
    await ana.events.patch({
      calendarId: 'primary',
      eventId: uninvited,
      requestBody: { attendees: [{ email: 'guest@external.example' }] },
    });
    expect((await ben.events.get({ calendarId: 'primary', eventId: uninvited })).data.status).toBe('cancelled');
  });

  it('an attendee deleting their copy declines it', async () => {
    const id = await inviteBen(16);
    await ben.events.delete({ calendarId: 'primary', eventId: id });
    expect((await ben.events.get({ calendarId: 'primary', eventId: id })).data.status).toBe('cancelled');
    const { data } = await ana.events.get({ calendarId: 'primary', eventId: id });
    expect(data.status).toBe('confirmed');
    expect(responseOf(data, 'ben@acme.test')).toBe('declined');
  });

  it('records sendUpdates of every write, visible through the controls', async () => {
    const id = await inviteBen(17);
    await ana.events.patch({ calendarId: 'primary', eventId: id, sendUpdates: 'externalOnly', requestBody: { summary: 'moved' } });
    await ana.events.delete({ calendarId: 'primary', eventId: id, sendUpdates: 'none' });
    const { body } = await emu.control<{ status: string; emulator: { sendUpdates: string[]; copies: string[] } }>(
      'GET',
      `/users/ana@acme.test/events/${id}`,
    );
    expect(body.status).toBe('cancelled');
    expect(body.emulator.sendUpdates).toEqual(['all', 'externalOnly', 'none']);
    expect(body.emulator.copies).toEqual(['ana@acme.test', 'ben@acme.test']);
  });
});

describe('acting as a user in Google Calendar (controls)', () => {
  it("moves the organizer's event (sequence grows) and cancels it", async () => {
    const id = await inviteBen(20);
    const moved = await emu.control('POST', `/users/ana@acme.test/events/${id}/move`, {
      start: { dateTime: hoursFromNow(21) },
      end: { dateTime: hoursFromNow(22) },
    });
    expect(moved.status).toBe(200);
    const { data } = await ben.events.get({ calendarId: 'primary', eventId: id });
    expect(data).toMatchObject({ sequence: 1, start: { dateTime: hoursFromNow(21) } });
    expect((await emu.control('DELETE', `/users/ana@acme.test/events/${id}`)).status).toBe(204);
    expect((await ben.events.get({ calendarId: 'primary', eventId: id })).data.status).toBe('cancelled');
  });

  it("creates busy events and reads a user's calendar", async () => {
    const created = await emu.control<{ id: string }>('POST', '/users/cara@acme.test/events', {
      summary: 'Dentist',
      start: { dateTime: hoursFromNow(30) },
      end: { dateTime: hoursFromNow(31) },
    });
    expect(created.status).toBe(200);
    const { body } = await emu.control<{ items: Array<{ id: string; summary: string }> }>('GET', '/users/cara@acme.test/events');
    expect(body.items.map((e) => e.summary)).toContain('Dentist');
    expect((await emu.control('GET', '/users/nobody@acme.test/events')).status).toBe(404);
    expect((await emu.control('POST', `/users/cara@acme.test/events/${created.body.id}/respond`, { responseStatus: 'maybe' })).status).toBe(
      400,
    );
  });
});
