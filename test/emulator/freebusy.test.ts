import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { calendar_v3 } from 'googleapis';
import { googleError } from './support/google-clients.js';
import { hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
let ana: calendar_v3.Calendar;
const at = (h: number): string => hoursFromNow(h).replace('.000Z', 'Z');

beforeAll(async () => {
  emu = await startTestEmulator();
  ana = emu.calendar('ana@acme.test');
  const busy = async (email: string, from: number, to: number, extra: Record<string, unknown> = {}) =>
    (
      await emu.control<{ id: string }>('POST', `/users/${email}/events`, {
        start: { dateTime: hoursFromNow(from) },
        end: { dateTime: hoursFromNow(to) },
        ...extra,
      })
    ).body.id;
  await busy('ben@acme.test', 2, 4);
  await busy('ben@acme.test', 3, 5); // overlaps: merged
  await busy('ben@acme.test', 8, 9, { transparency: 'transparent' });
  const cancelled = await busy('ben@acme.test', 10, 11);
  await emu.control('DELETE', `/users/ben@acme.test/events/${cancelled}`);
  await busy('ben@acme.test', 20, 30); // clipped by the query range
  const declined = await busy('cara@acme.test', 12, 13, { attendees: [{ email: 'ben@acme.test' }] });
  await emu.control('POST', `/users/ben@acme.test/events/${declined}/respond`, { responseStatus: 'declined' });
  await busy('ana@acme.test', 1, 2);
  await busy('quincy@quiet.test', 1, 2);
});
afterAll(async () => {
  await emu.close();
});

const query = (calendar: calendar_v3.Calendar, ids: string[], from = 0, to = 24, extra: calendar_v3.Schema$FreeBusyRequest = {}) =>
  calendar.freebusy.query({
    requestBody: { timeMin: hoursFromNow(from), timeMax: hoursFromNow(to), items: ids.map((id) => ({ id })), ...extra },
  });

describe('calendar.freebusy.query', () => {
  it('gives merged, clipped busy blocks of domain users, skipping transparent, cancelled and declined events', async () => {
    const { data } = await query(ana, ['ben@acme.test', 'primary']);
    expect(data).toMatchObject({ kind: 'calendar#freeBusy', timeMin: expect.any(String), timeMax: expect.any(String) });
    expect(data.calendars).toEqual({
      'ben@acme.test': {
        busy: [
          { start: at(2), end: at(5) },
          { start: at(20), end: at(24) },
        ],
      },
      primary: { busy: [{ start: at(1), end: at(2) }] },
    });
  });

  it('answers notFound per calendar for other domains and unknown users, inside a 200', async () => {
    const { status, data } = await query(ana, ['olga@other.test', 'nobody@acme.test', 'ben@acme.test']);
    expect(status).toBe(200);
    expect(data.calendars?.['olga@other.test']).toEqual({ errors: [{ domain: 'global', reason: 'notFound' }], busy: [] });
    expect(data.calendars?.['nobody@acme.test']).toEqual({ errors: [{ domain: 'global', reason: 'notFound' }], busy: [] });
    expect(data.calendars?.['ben@acme.test']?.busy).toHaveLength(2);
  });

  it('hides colleagues when the domain does not share free/busy, but not oneself', async () => {
    const quinn = emu.calendar('quinn@quiet.test');
    const { data } = await query(quinn, ['quincy@quiet.test', 'quinn@quiet.test']);
    expect(data.calendars?.['quincy@quiet.test']?.errors).toEqual([{ domain: 'global', reason: 'notFound' }]);
    expect(data.calendars?.['quinn@quiet.test']).toEqual({ busy: [] });
  });

  it('expands groups of the domain', async () => {
    const { data } = await query(ana, ['sales@acme.test']);
    expect(data.groups).toEqual({ 'sales@acme.test': { calendars: ['cara@acme.test', 'fay@acme.test'] } });
    expect(Object.keys(data.calendars ?? {}).sort()).toEqual(['cara@acme.test', 'fay@acme.test']);
  });

  it('answers tooManyCalendarsRequested for calendars beyond 50', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `user${i}@acme.test`);
    const { data } = await query(ana, ids);
    expect(data.calendars?.['user49@acme.test']?.errors).toEqual([{ domain: 'global', reason: 'notFound' }]);
    expect(data.calendars?.['user50@acme.test']).toEqual({ errors: [{ domain: 'global', reason: 'tooManyCalendarsRequested' }], busy: [] });
  });

  it('writes busy times in the requested time zone', async () => {
    const { data } = await query(ana, ['primary'], 0, 24, { timeZone: 'Asia/Tokyo' });
    const block = data.calendars?.primary?.busy?.[0];
    expect(block?.start).toMatch(/\+09:00$/);
    expect(Date.parse(block!.start!)).toBe(Date.parse(hoursFromNow(1)));
  });

  it('rejects an empty range (timeRangeEmpty) and one over 90 days (timeRangeTooLong)', async () => {
    const empty = await googleError(query(ana, ['primary'], 5, 5));
    expect(empty.data).toEqual({
      error: {
        errors: [
          {
            domain: 'calendar',
            reason: 'timeRangeEmpty',
            message: 'The specified time range is empty.',
            locationType: 'parameter',
            location: 'timeMax',
          },
        ],
        code: 400,
        message: 'The specified time range is empty.',
      },
    });
    const long = await googleError(query(ana, ['primary'], 0, 24 * 91));
    expect(long).toMatchObject({ status: 400, reasons: ['timeRangeTooLong'], message: 'The requested time range is too long.' });
    const missing = await googleError(ana.freebusy.query({ requestBody: { timeMax: hoursFromNow(1), items: [] } }));
    expect(missing).toMatchObject({ status: 400, reasons: ['required'] });
  });
});
