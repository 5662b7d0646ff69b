import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { calendar_v3 } from 'googleapis';
import { googleError } from './support/google-clients.js';
import { hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
let fay: calendar_v3.Calendar;
beforeAll(async () => {
  emu = await startTestEmulator();
  fay = emu.calendar('fay@acme.test');
  // Seven events, inserted out of time order, on fay's otherwise empty calendar.
  for (const hours of [30, 10, 50, 20, 70, 40, 60]) {
    await fay.events.insert({
      calendarId: 'primary',
      requestBody: {
        summary: `at ${hours}h`,
        start: { dateTime: hoursFromNow(hours) },
        end: { dateTime: hoursFromNow(hours + 1) },
        extendedProperties: {
          private: { bucket: hours < 40 ? 'early' : 'late', parity: hours % 20 === 0 ? 'even' : 'odd' },
          shared: { kind: 'demo' },
        },
      },
    });
  }
});
afterAll(async () => {
  await emu.close();
});

async function listAll(params: calendar_v3.Params$Resource$Events$List) {
  const pages: calendar_v3.Schema$Events[] = [];
  let pageToken: string | undefined;
  do {
    const { data } = await fay.events.list({ calendarId: 'primary', ...params, pageToken });
    pages.push(data);
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return pages;
}

describe('calendar.events.list', () => {
  it('pages with pageToken and gives nextSyncToken only on the last page', async () => {
    const pages = await listAll({ maxResults: 3 });
    expect(pages.map((p) => p.items?.length)).toEqual([3, 3, 1]);
    expect(pages.slice(0, 2).every((p) => p.nextSyncToken === undefined && p.nextPageToken)).toBe(true);
    expect(pages[2]?.nextSyncToken).toEqual(expect.any(String));
    expect(pages[2]?.nextPageToken).toBeUndefined();
    expect(new Set(pages.flatMap((p) => p.items!.map((e) => e.id))).size).toBe(7);
    expect(pages[0]).toMatchObject({ kind: 'calendar#events', timeZone: 'Europe/London', accessRole: 'owner' });
  });

  it('defaults to 250 per page and caps maxResults at 2500; rejects 0', async () => {
    expect((await fay.events.list({ calendarId: 'primary' })).data.items).toHaveLength(7);
    expect((await fay.events.list({ calendarId: 'primary', maxResults: 100_000 })).data.items).toHaveLength(7);
    expect((await googleError(fay.events.list({ calendarId: 'primary', maxResults: 0 }))).status).toBe(400);
  });

  it('filters by timeMin/timeMax and orders by start time with singleEvents', async () => {
    const { data } = await fay.events.list({
      calendarId: 'primary',
      singleEvents: true,
      orderBy: 'startTime',
      timeMin: hoursFromNow(15),
      timeMax: hoursFromNow(55),
    });
    expect(data.items?.map((e) => e.summary)).toEqual(['at 20h', 'at 30h', 'at 40h', 'at 50h']);
    expect(data.nextSyncToken).toBeUndefined();
    const error = await googleError(fay.events.list({ calendarId: 'primary', orderBy: 'startTime' }));
    expect(error).toMatchObject({ status: 400, reasons: ['invalid'] });
    const empty = await googleError(fay.events.list({ calendarId: 'primary', timeMin: hoursFromNow(20), timeMax: hoursFromNow(10) }));
    expect(empty).toMatchObject({ status: 400, reasons: ['timeRangeEmpty'] });
  });

  it('filters by private and shared extended properties (all filters must match)', async () => {
    const { data } = await fay.events.list({ calendarId: 'primary', privateExtendedProperty: ['bucket=late', 'parity=even'] });
    expect(data.items?.map((e) => e.summary).sort()).toEqual(['at 40h', 'at 60h']);
    expect((await fay.events.list({ calendarId: 'primary', sharedExtendedProperty: ['kind=demo'] })).data.items).toHaveLength(7);
    expect((await fay.events.list({ calendarId: 'primary', privateExtendedProperty: ['kind=demo'] })).data.items).toHaveLength(0);
  });
});

describe('incremental sync', () => {
  it('returns changed, new and cancelled events after a sync token, then nothing', async () => {
    const full = await listAll({ maxResults: 4 });
    const syncToken = full[full.length - 1]!.nextSyncToken!;
    const [first, second] = full[0]!.items!;
    await fay.events.patch({ calendarId: 'primary', eventId: first!.id!, requestBody: { summary: 'changed' } });
    await fay.events.delete({ calendarId: 'primary', eventId: second!.id! });
    const { data: created } = await fay.events.insert({
      calendarId: 'primary',
      requestBody: { summary: 'new', start: { dateTime: hoursFromNow(80) }, end: { dateTime: hoursFromNow(81) } },
    });

    const { data: delta } = await fay.events.list({ calendarId: 'primary', syncToken });
    expect(delta.items?.map((e) => [e.id, e.status])).toEqual([
      [first!.id, 'confirmed'],
      [second!.id, 'cancelled'],
      [created.id, 'confirmed'],
    ]);
    expect(delta.nextSyncToken).toEqual(expect.any(String));
    const { data: quiet } = await fay.events.list({ calendarId: 'primary', syncToken: delta.nextSyncToken! });
    expect(quiet.items).toEqual([]);

    // Cancelled events show in a plain listing only with showDeleted.
    expect((await fay.events.list({ calendarId: 'primary' })).data.items?.some((e) => e.id === second!.id)).toBe(false);
    expect((await fay.events.list({ calendarId: 'primary', showDeleted: true })).data.items?.some((e) => e.id === second!.id)).toBe(true);
  });

  it('pages a sync listing too', async () => {
    const { data } = await fay.events.list({ calendarId: 'primary' });
    for (let i = 0; i < 3; i++)
      await fay.events.insert({
        calendarId: 'primary',
        requestBody: { summary: `burst ${i}`, start: { dateTime: hoursFromNow(90 + i) }, end: { dateTime: hoursFromNow(91 + i) } },
      });
    const { data: page1 } = await fay.events.list({ calendarId: 'primary', syncToken: data.nextSyncToken!, maxResults: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextSyncToken).toBeUndefined();
    const { data: page2 } = await fay.events.list({
      calendarId: 'primary',
      syncToken: data.nextSyncToken!,
      pageToken: page1.nextPageToken!,
    });
    expect(page2.items?.map((e) => e.summary)).toEqual(['burst 2']);
    expect(page2.nextSyncToken).toEqual(expect.any(String));
  });

  it.each([
    ['timeMin', { timeMin: hoursFromNow(1) }],
    ['timeMax', { timeMax: hoursFromNow(1) }],
    ['orderBy', { orderBy: 'updated' }],
    ['privateExtendedProperty', { privateExtendedProperty: ['bucket=early'] }],
    ['sharedExtendedProperty', { sharedExtendedProperty: ['kind=demo'] }],
    ['q', { q: 'at' }],
    ['iCalUID', { iCalUID: 'x@google.com' }],
    ['updatedMin', { updatedMin: hoursFromNow(-1) }],
    ['showDeleted=false', { showDeleted: false }],
  ])('rejects syncToken together with %s: 400 invalid', async (_name, params) => {
    const { data } = await fay.events.list({ calendarId: 'primary' });
    const error = await googleError(fay.events.list({ calendarId: 'primary', syncToken: data.nextSyncToken!, ...params }));
    expect(error).toMatchObject({ status: 400, reasons: ['invalid'] });
  });

  it("answers 410 fullSyncRequired once the calendar's sync tokens are expired", async () => {
    const { data } = await fay.events.list({ calendarId: 'primary' });
    expect((await emu.control('POST', '/calendars/fay@acme.test/expireSyncTokens')).status).toBe(204);
    const error = await googleError(fay.events.list({ calendarId: 'primary', syncToken: data.nextSyncToken! }));
    expect(error.data).toEqual({
      error: {
        errors: [
          {
            domain: 'calendar',
            reason: 'fullSyncRequired',
            message: 'Sync token is no longer valid, a full sync is required.',
            locationType: 'parameter',
            location: 'syncToken',
          },
        ],
        code: 410,
        message: 'Sync token is no longer valid, a full sync is required.',
      },
    });
    const { data: fresh } = await fay.events.list({ calendarId: 'primary' });
    await expect(fay.events.list({ calendarId: 'primary', syncToken: fresh.nextSyncToken! })).resolves.toHaveProperty('status', 200);
  });

  it("sees changes the organizer makes on an attendee's copy", async () => {
    const cara = emu.calendar('cara@acme.test');
    const { data: before } = await fay.events.list({ calendarId: 'primary' });
    const { data: invite } = await cara.events.insert({
      calendarId: 'primary',
      requestBody: {
        start: { dateTime: hoursFromNow(100) },
        end: { dateTime: hoursFromNow(101) },
        attendees: [{ email: 'fay@acme.test' }],
      },
    });
    const { data: delta } = await fay.events.list({ calendarId: 'primary', syncToken: before.nextSyncToken! });
    expect(delta.items?.map((e) => e.id)).toEqual([invite.id]);
    await cara.events.patch({
      calendarId: 'primary',
      eventId: invite.id!,
      requestBody: { start: { dateTime: hoursFromNow(102) }, end: { dateTime: hoursFromNow(103) } },
    });
    const { data: moved } = await fay.events.list({ calendarId: 'primary', syncToken: delta.nextSyncToken! });
    expect(moved.items?.[0]).toMatchObject({ id: invite.id, sequence: 1, start: { dateTime: hoursFromNow(102) } });
  });
});
