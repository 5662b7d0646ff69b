import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { calendar_v3 } from 'googleapis';
import { googleError } from './support/google-clients.js';
import { eventId, hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
let ana: calendar_v3.Calendar;
beforeAll(async () => {
  emu = await startTestEmulator();
  ana = emu.calendar('ana@acme.test');
});
afterAll(async () => {
  await emu.close();
});

const slot = (fromHours: number, hours = 1) => ({
  start: { dateTime: hoursFromNow(fromHours) },
  end: { dateTime: hoursFromNow(fromHours + hours) },
});

describe('calendar.events insert / get', () => {
  it('keeps a client-chosen id and makes the impersonated user organizer and creator', async () => {
    const id = eventId();
    const { data } = await ana.events.insert({ calendarId: 'primary', requestBody: { id, summary: 'Mentoring', ...slot(24) } });
    expect(data).toMatchObject({
      kind: 'calendar#event',
      id,
      status: 'confirmed',
      summary: 'Mentoring',
      organizer: { email: 'ana@acme.test', self: true },
      creator: { email: 'ana@acme.test', self: true },
      iCalUID: `${id}@google.com`,
      sequence: 0,
      reminders: { useDefault: true },
      eventType: 'default',
    });
    expect(data.etag).toMatch(/^"\d+"$/);
    expect(data.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
    const { data: got } = await ana.events.get({ calendarId: 'ana@acme.test', eventId: id });
    expect(got).toEqual(data);
  });

  it('generates valid base32hex ids when none is given', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async (n) => (await ana.events.insert({ calendarId: 'primary', requestBody: slot(30 + n) })).data.id),
    );
    for (const id of ids) expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it.each([['has-dash'], ['with_underscore'], ['wxyz12345'], ['ABCDEF123'], ['abc']])('rejects the id %s with 400 invalid', async (id) => {
    const error = await googleError(ana.events.insert({ calendarId: 'primary', requestBody: { id, ...slot(40) } }));
    expect(error.status).toBe(400);
    expect(error.data).toEqual({
      error: {
        errors: [{ domain: 'global', reason: 'invalid', message: 'Invalid resource id value.' }],
        code: 400,
        message: 'Invalid resource id value.',
      },
    });
  });

  it('answers 409 duplicate for a repeated id, even after the event was deleted', async () => {
    const id = eventId();
    await ana.events.insert({ calendarId: 'primary', requestBody: { id, ...slot(41) } });
    const error = await googleError(ana.events.insert({ calendarId: 'primary', requestBody: { id, ...slot(41) } }));
    expect(error).toMatchObject({ status: 409, reasons: ['duplicate'], message: 'The requested identifier already exists.' });
    await ana.events.delete({ calendarId: 'primary', eventId: id });
    expect((await googleError(ana.events.insert({ calendarId: 'primary', requestBody: { id, ...slot(41) } }))).status).toBe(409);
  });

  it('validates times: missing end, end before start, date mixed with dateTime', async () => {
    const missing = await googleError(ana.events.insert({ calendarId: 'primary', requestBody: { start: { dateTime: hoursFromNow(1) } } }));
    expect(missing).toMatchObject({ status: 400, reasons: ['required'], message: 'Missing end time.' });
    const backwards = await googleError(
      ana.events.insert({
        calendarId: 'primary',
        requestBody: { start: { dateTime: hoursFromNow(2) }, end: { dateTime: hoursFromNow(1) } },
      }),
    );
    expect(backwards).toMatchObject({ status: 400, reasons: ['timeRangeEmpty'], message: 'The specified time range is empty.' });
    const mixed = await googleError(
      ana.events.insert({ calendarId: 'primary', requestBody: { start: { date: '2031-01-01' }, end: { dateTime: hoursFromNow(1) } } }),
    );
    expect(mixed).toMatchObject({ status: 400, message: 'Start and end times must either both be date or both be dateTime.' });
  });

  it('accepts wall-clock times with a time zone and all-day events', async () => {
    const { data } = await ana.events.insert({
      calendarId: 'primary',
      requestBody: {
        start: { dateTime: '2031-03-02T09:00:00', timeZone: 'Asia/Tokyo' },
        end: { dateTime: '2031-03-02T10:00:00', timeZone: 'Asia/Tokyo' },
      },
    });
    expect(data.start).toEqual({ dateTime: '2031-03-02T09:00:00', timeZone: 'Asia/Tokyo' });
    await expect(
      ana.events.insert({ calendarId: 'primary', requestBody: { start: { date: '2031-03-03' }, end: { date: '2031-03-04' } } }),
    ).resolves.toHaveProperty('status', 200);
  });

  it("answers 404 notFound for unknown events and for other users' calendars", async () => {
    const unknown = await googleError(ana.events.get({ calendarId: 'primary', eventId: 'nosuchevent1' }));
    expect(unknown.data).toEqual({
      error: { errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }], code: 404, message: 'Not Found' },
    });
    expect((await googleError(ana.events.list({ calendarId: 'ben@acme.test' }))).status).toBe(404);
    expect((await googleError(ana.events.patch({ calendarId: 'primary', eventId: 'nosuchevent1', requestBody: {} }))).status).toBe(404);
    expect((await googleError(ana.events.delete({ calendarId: 'primary', eventId: 'nosuchevent1' }))).status).toBe(404);
  });
});

describe('calendar.events patch / update / delete', () => {
  it('changes the etag on every write and answers 412 conditionNotMet to a stale If-Match', async () => {
    const { data: created } = await ana.events.insert({ calendarId: 'primary', requestBody: { summary: 'v1', ...slot(50) } });
    const { data: patched } = await ana.events.patch(
      { calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'v2' } },
      { headers: { 'If-Match': created.etag! } },
    );
    expect(patched.summary).toBe('v2');
    expect(patched.etag).not.toBe(created.etag);
    const stale = await googleError(
      ana.events.patch(
        { calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'v3' } },
        { headers: { 'If-Match': created.etag! } },
      ),
    );
    expect(stale.data).toEqual({
      error: {
        errors: [
          { domain: 'global', reason: 'conditionNotMet', message: 'Precondition Failed', locationType: 'header', location: 'If-Match' },
        ],
        code: 412,
        message: 'Precondition Failed',
      },
    });
    expect(
      (await googleError(ana.events.delete({ calendarId: 'primary', eventId: created.id! }, { headers: { 'If-Match': created.etag! } })))
        .status,
    ).toBe(412);
  });

  it('increments sequence on time changes only', async () => {
    const { data } = await ana.events.insert({ calendarId: 'primary', requestBody: { summary: 'seq', ...slot(60) } });
    const { data: renamed } = await ana.events.patch({ calendarId: 'primary', eventId: data.id!, requestBody: { summary: 'seq 2' } });
    expect(renamed.sequence).toBe(0);
    const { data: moved } = await ana.events.patch({ calendarId: 'primary', eventId: data.id!, requestBody: slot(61) });
    expect(moved.sequence).toBe(1);
    expect(moved.start?.dateTime).toBe(hoursFromNow(61));
  });

  it('merges patches (extended properties) and replaces on update', async () => {
    const { data } = await ana.events.insert({
      calendarId: 'primary',
      requestBody: {
        summary: 'props',
        description: 'd',
        ...slot(70),
        extendedProperties: { private: { session: 's1' }, shared: { kind: 'mentoring' } },
      },
    });
    const { data: patched } = await ana.events.patch({
      calendarId: 'primary',
      eventId: data.id!,
      requestBody: { extendedProperties: { private: { match: 'm1' } } },
    });
    expect(patched.extendedProperties).toEqual({ private: { session: 's1', match: 'm1' }, shared: { kind: 'mentoring' } });
    expect(patched.description).toBe('d');
    const { data: updated } = await ana.events.update({
      calendarId: 'primary',
      eventId: data.id!,
      requestBody: { summary: 'replaced', ...slot(70) },
    });
    expect(updated.summary).toBe('replaced');
    expect(updated.description).toBeUndefined();
    expect(updated.extendedProperties).toBeUndefined();
  });

  it('deletes with 204, keeps the event readable as cancelled, and answers 410 deleted the second time', async () => {
    const { data } = await ana.events.insert({ calendarId: 'primary', requestBody: slot(80) });
    const deleted = await ana.events.delete({ calendarId: 'primary', eventId: data.id!, sendUpdates: 'all' });
    expect(deleted.status).toBe(204);
    expect((await ana.events.get({ calendarId: 'primary', eventId: data.id! })).data.status).toBe('cancelled');
    const again = await googleError(ana.events.delete({ calendarId: 'primary', eventId: data.id! }));
    expect(again.data).toEqual({
      error: {
        errors: [{ domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }],
        code: 410,
        message: 'Resource has been deleted',
      },
    });
  });

  it('echoes transparency and rejects unknown enum values', async () => {
    const { data } = await ana.events.insert({ calendarId: 'primary', requestBody: { transparency: 'transparent', ...slot(90) } });
    expect(data.transparency).toBe('transparent');
    expect(
      (await googleError(ana.events.insert({ calendarId: 'primary', requestBody: { transparency: 'see-through', ...slot(90) } }))).status,
    ).toBe(400);
  });

  it('rejects unknown sendUpdates values', async () => {
    const error = await googleError(ana.events.insert({ calendarId: 'primary', sendUpdates: 'everyone', requestBody: slot(91) }));
    expect(error).toMatchObject({ status: 400, reasons: ['invalid'] });
  });
});

describe('calendarList.get and settings.get', () => {
  it('describes the primary calendar and the time zone setting', async () => {
    const { data: entry } = await ana.calendarList.get({ calendarId: 'primary' });
    expect(entry).toMatchObject({
      kind: 'calendar#calendarListEntry',
      id: 'ana@acme.test',
      timeZone: 'Europe/Madrid',
      primary: true,
      accessRole: 'owner',
    });
    const { data: setting } = await ana.settings.get({ setting: 'timezone' });
    expect(setting).toMatchObject({ kind: 'calendar#setting', id: 'timezone', value: 'Europe/Madrid' });
    expect((await googleError(ana.settings.get({ setting: 'nonsense' }))).status).toBe(404);
  });
});
