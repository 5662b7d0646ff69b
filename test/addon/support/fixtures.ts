import type { Me, Session, Slots } from '../../../addon/src/backend-types.js';

export const SESSION_ID = '0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b';
export const MATCHING_ID = '5f1e2d3c-4b5a-4697-8876-a5b4c3d2e1f0';

/** A confirmed session of Ana (mentor, organizer) with Ben, as the user API presents it in Madrid time. */
export function aSession(overrides: Partial<Session> = {}): Session {
  return {
    id: SESSION_ID,
    version: 3,
    matchingId: MATCHING_ID,
    sessionNumber: 2,
    program: { id: 'p-1', name: 'Leadership 2027' },
    role: 'mentor',
    match: { id: 'ben', displayName: 'Ben Mentee', email: 'ben@acme.test' },
    organizer: { id: 'ana', displayName: 'Ana Mentor', email: 'ana@acme.test' },
    attendee: { id: 'ben', displayName: 'Ben Mentee', email: 'ben@acme.test' },
    viewerIsOrganizer: true,
    agenda: 'Growing as a first-time manager',
    start: '2027-03-15T15:00:00.000Z',
    end: '2027-03-15T15:30:00.000Z',
    timeZone: 'Europe/Madrid',
    startLocal: '2027-03-15T16:00:00.000+01:00',
    endLocal: '2027-03-15T16:30:00.000+01:00',
    durationMinutes: 30,
    status: 'CONFIRMED',
    pendingOperation: null,
    calendarPath: 'BOOKER_CALENDAR',
    rsvpVisible: true,
    calendarNote: 'It is in your Google Calendar; Ben Mentee is invited by Google.',
    attendeeResponseStatus: 'accepted',
    matchResponseStatus: 'accepted',
    rsvpCheckedAt: '2027-03-14T09:00:00.000Z',
    conference: { status: 'SUCCESS', meetLink: 'https://meet.google.com/abc-defg-hij' },
    calendar: { calendarId: 'ana@acme.test', eventId: 'tg0b5c1c3e' },
    cancelReason: null,
    attention: null,
    allowedActions: ['reschedule', 'cancel'],
    ...overrides,
  };
}

export function aMe(overrides: Partial<Me> = {}): Me {
  return {
    person: { id: 'ana', displayName: 'Ana Mentor', email: 'ana@acme.test', timeZone: 'Europe/Madrid' },
    organization: { id: 'org', name: 'Acme' },
    calendarConnected: true,
    calendarConnection: { method: 'DOMAIN_WIDE', status: null, connectedAt: null },
    matchings: [
      {
        id: MATCHING_ID,
        role: 'mentor',
        agenda: 'Growing as a first-time manager',
        program: { id: 'p-1', name: 'Leadership 2027', sessionDurations: [30, 60] },
        match: { id: 'ben', displayName: 'Ben Mentee', email: 'ben@acme.test', timeZone: 'America/Los_Angeles' },
      },
    ],
    ...overrides,
  };
}

/** Three slots on two days, in Madrid time. */
export function someSlots(overrides: Partial<Slots> = {}): Slots {
  return {
    timeZone: 'Europe/Madrid',
    durationMinutes: 30,
    range: { from: '2027-03-16T00:00:00.000Z', to: '2027-03-30T00:00:00.000Z' },
    checked: { viewer: true, match: true },
    unchecked: false,
    slots: [
      {
        start: '2027-03-16T16:00:00.000Z',
        end: '2027-03-16T16:30:00.000Z',
        startLocal: '2027-03-16T17:00:00.000+01:00',
        endLocal: '2027-03-16T17:30:00.000+01:00',
      },
      {
        start: '2027-03-16T17:00:00.000Z',
        end: '2027-03-16T17:30:00.000Z',
        startLocal: '2027-03-16T18:00:00.000+01:00',
        endLocal: '2027-03-16T18:30:00.000+01:00',
      },
      {
        start: '2027-03-17T16:00:00.000Z',
        end: '2027-03-17T16:30:00.000Z',
        startLocal: '2027-03-17T17:00:00.000+01:00',
        endLocal: '2027-03-17T17:30:00.000+01:00',
      },
    ],
    ...overrides,
  };
}
