import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { calendar_v3 } from 'googleapis';
import { googleError } from './support/google-clients.js';
import { hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
let ana: calendar_v3.Calendar;
beforeAll(async () => {
  emu = await startTestEmulator({ settings: { conferenceDelayMs: 300 } });
  ana = emu.calendar('ana@acme.test');
});
afterAll(async () => {
  await emu.close();
});

const meetRequest = (requestId: string): calendar_v3.Schema$Event => ({
  start: { dateTime: hoursFromNow(5) },
  end: { dateTime: hoursFromNow(6) },
  conferenceData: { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
});

describe('Google Meet through conferenceData.createRequest', () => {
  it('is pending first and success after the configured delay (emulator clock)', async () => {
    await emu.control('POST', '/clock', { freeze: true });
    try {
      const { data } = await ana.events.insert({ calendarId: 'primary', conferenceDataVersion: 1, requestBody: meetRequest('req-1') });
      expect(data.conferenceData).toEqual({
        createRequest: { requestId: 'req-1', conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'pending' } },
      });
      expect(data.hangoutLink).toBeUndefined();
      await emu.control('POST', '/clock', { advanceMs: 300 });
      const { data: ready } = await ana.events.get({ calendarId: 'primary', eventId: data.id! });
      const code = ready.conferenceData?.conferenceId ?? '';
      expect(code).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      expect(ready.hangoutLink).toBe(`https://meet.google.com/${code}`);
      expect(ready.etag).not.toBe(data.etag);
      expect(ready.conferenceData).toMatchObject({
        createRequest: { requestId: 'req-1', status: { statusCode: 'success' } },
        conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: expect.stringContaining('meet') },
        signature: expect.any(String),
      });
      const entryPoints = ready.conferenceData?.entryPoints ?? [];
      expect(entryPoints.map((e) => e.entryPointType)).toEqual(['video', 'more', 'phone']);
      expect(entryPoints[0]).toEqual({ entryPointType: 'video', uri: `https://meet.google.com/${code}`, label: `meet.google.com/${code}` });
      expect(entryPoints[2]).toMatchObject({ uri: expect.stringMatching(/^tel:\+1-/), pin: expect.any(String), regionCode: 'US' });
    } finally {
      await emu.control('POST', '/clock', { freeze: false });
    }
  });

  it('completes in real time too when the clock runs', async () => {
    await emu.control('PATCH', '/settings', { conferenceDelayMs: 40 });
    const { data } = await ana.events.insert({ calendarId: 'primary', conferenceDataVersion: 1, requestBody: meetRequest('req-2') });
    expect(data.conferenceData?.createRequest?.status?.statusCode).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(
      (await ana.events.get({ calendarId: 'primary', eventId: data.id! })).data.conferenceData?.createRequest?.status?.statusCode,
    ).toBe('success');
  });

  it('is created at once with a delay of 0', async () => {
    await emu.control('PATCH', '/settings', { conferenceDelayMs: 0 });
    const { data } = await ana.events.insert({ calendarId: 'primary', conferenceDataVersion: 1, requestBody: meetRequest('req-3') });
    expect(data.conferenceData?.createRequest?.status?.statusCode).toBe('success');
    expect(data.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it('ignores conferenceData without conferenceDataVersion=1, and keeps the conference on later writes', async () => {
    const { data: ignored } = await ana.events.insert({ calendarId: 'primary', requestBody: meetRequest('req-4') });
    expect(ignored.conferenceData).toBeUndefined();
    const { data } = await ana.events.insert({ calendarId: 'primary', conferenceDataVersion: 1, requestBody: meetRequest('req-5') });
    const code = data.conferenceData?.conferenceId;
    const { data: patched } = await ana.events.patch({ calendarId: 'primary', eventId: data.id!, requestBody: { summary: 'renamed' } });
    expect(patched.conferenceData?.conferenceId).toBe(code);
    const { data: sameRequest } = await ana.events.patch({
      calendarId: 'primary',
      eventId: data.id!,
      conferenceDataVersion: 1,
      requestBody: meetRequest('req-5'),
    });
    expect(sameRequest.conferenceData?.conferenceId).toBe(code);
    const { data: fresh } = await ana.events.patch({
      calendarId: 'primary',
      eventId: data.id!,
      conferenceDataVersion: 1,
      requestBody: meetRequest('req-6'),
    });
    expect(fresh.conferenceData?.conferenceId).not.toBe(code);
  });

  it('rejects other conference types with 400 invalid', async () => {
    const body = meetRequest('req-7');
    body.conferenceData!.createRequest!.conferenceSolutionKey = { type: 'eventHangout' };
    const error = await googleError(ana.events.insert({ calendarId: 'primary', conferenceDataVersion: 1, requestBody: body }));
    expect(error).toMatchObject({ status: 400, reasons: ['invalid'], message: 'Invalid conference type value.' });
  });
});
