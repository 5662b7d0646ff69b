import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';

// What the backend's exact reschedule check relies on (backend/http/user/README.md): a user's events,
// listed over a range and read by free/busy's rules, are exactly the busy time free/busy shows.
let emu: TestEmulator;
const FAY = 'fay@acme.test'; // Europe/London
const ms = (iso: string) => Date.parse(iso);

beforeAll(async () => {
  emu = await startTestEmulator();
  const event = async (email: string, body: Record<string, unknown>) =>
    (await emu.control<{ id: string }>('POST', `/users/${email}/events`, body)).body.id;
  const timed = (from: number, to: number) => ({ start: { dateTime: hoursFromNow(from) }, end: { dateTime: hoursFromNow(to) } });
  await event(FAY, { summary: 'Timed', ...timed(30, 31) });
  await event(FAY, { summary: 'Free', transparency: 'transparent', ...timed(32, 33) });
  await event('cara@acme.test', { summary: 'Unanswered', attendees: [{ email: FAY }], ...timed(34, 35) });
  const declined = await event('cara@acme.test', { summary: 'Declined', attendees: [{ email: FAY }], ...timed(36, 37) });
  await emu.control('POST', `/users/${FAY}/events/${declined}/respond`, { responseStatus: 'declined' });
  const tentative = await event('cara@acme.test', { summary: 'Maybe', attendees: [{ email: FAY }], ...timed(38, 39) });
  await emu.control('POST', `/users/${FAY}/events/${tentative}/respond`, { responseStatus: 'tentative' });
  // An all-day event three days ahead, in Fay's zone.
  const date = DateTime.fromISO(hoursFromNow(72), { zone: 'Europe/London' }).toISODate()!;
  await event(FAY, { summary: 'Holiday', start: { date }, end: { date: DateTime.fromISO(date).plus({ days: 1 }).toISODate()! } });
});
afterAll(async () => {
  await emu.close();
});

describe('events.list read by free/busy rules = free/busy', () => {
  it('agrees on timed, free, unanswered, declined, tentative and all-day events', async () => {
    const calendar = emu.calendar(FAY);
    const range = { timeMin: hoursFromNow(24), timeMax: hoursFromNow(24 * 5) };
    const fb = await calendar.freebusy.query({ requestBody: { ...range, items: [{ id: FAY }] } });
    const listed = await calendar.events.list({
      calendarId: 'primary',
      ...range,
      singleEvents: true,
      fields: 'nextPageToken,timeZone,items(id,status,transparency,start,end,attendees(self,responseStatus))',
    });
    expect(listed.data.timeZone).toBe('Europe/London');
    const zone = listed.data.timeZone!;
    const at = (t: { date?: string | null; dateTime?: string | null }) =>
      t.dateTime ? ms(t.dateTime) : DateTime.fromISO(t.date!, { zone }).toMillis();
    const busy = (listed.data.items ?? [])
      .filter(
        (e) =>
          e.status !== 'cancelled' &&
          e.transparency !== 'transparent' &&
          !e.attendees?.some((a) => a.self && a.responseStatus === 'declined'),
      )
      .map((e) => [Math.max(at(e.start!), ms(range.timeMin)), Math.min(at(e.end!), ms(range.timeMax))])
      .sort((a, b) => a[0]! - b[0]!);
    expect(busy).toEqual((fb.data.calendars?.[FAY]?.busy ?? []).map((b) => [ms(b.start!), ms(b.end!)]));
    // Timed, unanswered, tentative, and the whole day of the holiday.
    expect(busy).toHaveLength(4);
  });
});
