/** Acting as the user: each form changes the emulator's calendars through its control API and goes back to the week; bad input changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCalendarWorld, type CalendarWorld } from './support/calendar-world.js';
import { titleOf } from './support/pages.js';

let world: CalendarWorld;
beforeAll(async () => {
  world = await startCalendarWorld();
}, 30_000);
afterAll(() => world.close());

const ANA = 'ana.garcia@acme.test';
const JAVIER = 'javier.lopez@acme.test';
const MADRID = 'Europe/Madrid';

interface Event {
  id: string;
  status: string;
  summary?: string;
  transparency?: string;
  start: { dateTime?: string };
  end: { dateTime?: string };
  attendees?: Array<{ email: string; responseStatus: string }>;
}

const eventOf = (email: string, id: string) => world.control<Event>(`/users/${encodeURIComponent(email)}/events/${id}`);
const eventsOf = async (email: string) => (await world.control<{ items: Event[] }>(`/users/${encodeURIComponent(email)}/events`)).items;

/** An event Ana organizes on Thursday 18:00–18:30 Madrid time, Javier invited. */
async function anaInvitesJavier(summary: string): Promise<Event> {
  const start = world.local(MADRID, 4, '18:00');
  return world.control<Event>(`/users/${encodeURIComponent(ANA)}/events`, {
    method: 'POST',
    body: {
      summary,
      start: { dateTime: start.toISO(), timeZone: MADRID },
      end: { dateTime: start.plus({ minutes: 30 }).toISO(), timeZone: MADRID },
      attendees: [{ email: JAVIER }],
    },
  });
}

const instant = (text: string | undefined) => new Date(text ?? '').getTime();

describe('acting as the user', () => {
  it("moves an event to a date and times in the user's zone, then shows its new week with it opened", async () => {
    const event = await anaInvitesJavier('Move me');
    const target = world.local(MADRID, 9, '07:45'); // Tuesday of the next week
    const response = await world.post('/calendar/events/move', {
      user: ANA,
      eventId: event.id,
      date: target.toISODate()!,
      start: '07:45',
      end: '08:30',
    });
    expect(response.status).toBe(303);
    const monday = world.local(MADRID, 8, '00:00').toISODate();
    expect(response.headers.get('location')).toBe(
      `/calendar/week?user=${encodeURIComponent(ANA)}&week=${monday}&event=${event.id}&done=moved`,
    );
    const moved = await eventOf(ANA, event.id);
    expect(instant(moved.start.dateTime)).toBe(target.toMillis());
    expect(instant(moved.end.dateTime)).toBe(target.plus({ minutes: 45 }).toMillis());
    // The guest's copy moves with it, as in Google.
    expect(instant((await eventOf(JAVIER, event.id)).start.dateTime)).toBe(target.toMillis());
    const page = await fetch(`${world.baseUrl}${response.headers.get('location')}`);
    expect(await page.text()).toContain('The event was moved.');
  });

  it("deletes the organizer's event (every copy is cancelled)", async () => {
    const event = await anaInvitesJavier('Delete me');
    const response = await world.post('/calendar/events/delete', { user: ANA, eventId: event.id });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/&done=deleted$/);
    expect((await eventOf(ANA, event.id)).status).toBe('cancelled');
    expect((await eventOf(JAVIER, event.id)).status).toBe('cancelled');
  });

  it.each(['accepted', 'declined', 'tentative'])('answers an invitation %s as the guest', async (answer) => {
    const event = await anaInvitesJavier(`Answer ${answer}`);
    const response = await world.post('/calendar/events/respond', { user: JAVIER, eventId: event.id, response: answer });
    expect(response.status).toBe(303);
    const seen = await eventOf(ANA, event.id);
    expect(seen.attendees?.find((attendee) => attendee.email === JAVIER)?.responseStatus).toBe(answer);
  });

  it("creates an ordinary busy event in the user's calendar", async () => {
    const day = world.local(MADRID, 5, '19:00');
    const response = await world.post('/calendar/events', {
      user: ANA,
      title: 'Dentist',
      date: day.toISODate()!,
      start: '19:00',
      end: '20:15',
    });
    expect(response.status).toBe(303);
    const id = new URL(response.headers.get('location')!, world.baseUrl).searchParams.get('event');
    const created = await eventOf(ANA, id!);
    expect(created).toMatchObject({ summary: 'Dentist', transparency: 'opaque', status: 'confirmed' });
    expect(instant(created.start.dateTime)).toBe(day.toMillis());
    expect(instant(created.end.dateTime)).toBe(day.plus({ minutes: 75 }).toMillis());
  });
});

describe('refusals change nothing', () => {
  let event: Event;
  let before: string;
  beforeAll(async () => {
    event = await anaInvitesJavier('Leave me');
    before = JSON.stringify(await eventsOf(ANA));
  });
  const unchanged = async () => expect(JSON.stringify(await eventsOf(ANA))).toBe(before);
  const day = () => world.local(MADRID, 3, '00:00').toISODate()!;

  it.each([
    ['an end before the start', { start: '10:00', end: '09:30' }, 'The end time must be after the start time.'],
    ['a date that does not exist', { date: '2026-02-30' }, 'Enter a real date'],
    ['a time that is not one', { start: '25:00' }, 'Enter the start time as hours and minutes'],
  ])('a move with %s is a 400 page', async (_case, fields, words) => {
    const response = await world.post('/calendar/events/move', {
      user: ANA,
      eventId: event.id,
      date: day(),
      start: '10:00',
      end: '11:00',
      ...fields,
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(titleOf(text)).toBe('Error: This could not be done – Sandbox Calendar – Together');
    expect(text).toContain(words);
    await unchanged();
  });

  it('a move by a guest is refused by Google Calendar, in its words', async () => {
    const response = await world.post('/calendar/events/move', {
      user: JAVIER,
      eventId: event.id,
      date: day(),
      start: '10:00',
      end: '11:00',
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Google Calendar refused');
    await unchanged();
  });

  it.each([
    ['another site', 'http://evil.test'],
    ['no Origin and no Sec-Fetch-Site', null],
    ['Origin null', 'null'],
  ])('a form from %s is a 403', async (_case, origin) => {
    const response = await world.post('/calendar/events/delete', { user: ANA, eventId: event.id }, origin);
    expect(response.status).toBe(403);
    await unchanged();
  });

  it('an unknown user or event is a 404; an answer that is not Yes, No or Maybe a 400; a new event without a title a 400', async () => {
    expect((await world.post('/calendar/events/delete', { user: 'nobody@acme.test', eventId: event.id })).status).toBe(404);
    expect((await world.post('/calendar/events/delete', { user: ANA, eventId: 'nosuchevent' })).status).toBe(404);
    expect((await world.post('/calendar/events/respond', { user: JAVIER, eventId: event.id, response: 'needsAction' })).status).toBe(400);
    const untitled = await world.post('/calendar/events', { user: ANA, title: ' ', date: day(), start: '12:00', end: '11:00' });
    expect(untitled.status).toBe(400);
    const text = await untitled.text();
    expect(text).toContain('Enter a title for the event.');
    expect(text).toContain('The end time must be after the start time.');
    await unchanged();
  });

  it('pages of an unknown user or a week that is not a Monday are 404 and 400 pages', async () => {
    const get = (path: string) => fetch(`${world.baseUrl}${path}`).then((response) => response.status);
    expect(await get('/calendar/week?user=nobody%40acme.test')).toBe(404);
    expect(await get(`/calendar/week?user=${encodeURIComponent(ANA)}&week=2026-12-08`)).toBe(400);
    expect(await get(`/calendar/week?user=${encodeURIComponent(ANA)}&week=yesterday`)).toBe(400);
    expect(await get('/calendar/nothing-here')).toBe(404);
  });
});
