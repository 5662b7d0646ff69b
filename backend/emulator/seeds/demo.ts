/**
 * The demo company: ~30 people across five time zones, a few suspended, a few outside the install's
 * reach (org unit /Contractors), a Marketplace install of the demo service account, and busy calendars
 * over the next three weeks relative to `now`, in each team's own zone (recurring meetings expanded as
 * single events). Its Workspace customer also holds a secondary domain, and an OAuth web client lets the
 * sandbox backend run "Sign in with Google" for domain verification (Oliver Smith is the super admin).
 */
import { zoneOffsetMs } from '../calendar/times.js';
import type { NewUser } from '../directory/accounts.js';
import type { JsonRecord } from '../json.js';
import type { Seed, SeedEvent } from '../seed.js';

export const DEMO_DOMAIN = 'acme.test';
export const DEMO_SERVICE_ACCOUNT = 'together-demo@together-emulator.iam.gserviceaccount.com';
export const DEMO_CLIENT_ID = '100000000000000000001';
export const DEMO_CUSTOMER_ID = 'C0demo01';
/** A secondary domain of the demo customer (no users): domain verification can cover it in one go. */
export const DEMO_SECONDARY_DOMAIN = 'acme-labs.test';
/** The sandbox backend's OAuth web client, for the admin's "Sign in with Google" (domain verification). */
export const DEMO_OAUTH_CLIENT = {
  clientId: 'together-admin-sandbox.apps.googleusercontent.com',
  clientSecret: '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t',
  name: 'Together (sandbox)',
  /** The backend's callback on its default port, as localhost and as the loopback address. */
  redirectUris: ['http://localhost:8080/admin/oauth/callback', 'http://127.0.0.1:8080/admin/oauth/callback'],
};
export const DEMO_SCOPES = [
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  // Lets the backend list the customer's domains (domain verification) through the delegation.
  'https://www.googleapis.com/auth/admin.directory.domain.readonly',
  'https://www.googleapis.com/auth/directory.readonly',
  'https://www.googleapis.com/auth/userinfo.profile',
  'https://www.googleapis.com/auth/userinfo.email',
];

interface Team {
  orgUnit: string;
  timeZone: string;
  people: string[];
}

const TEAMS: Team[] = [
  {
    orgUnit: '/Engineering',
    timeZone: 'Europe/Madrid',
    people: ['Ana García', 'Javier López', 'Lucía Martín', 'Pablo Ruiz', 'Carmen Díaz', 'Diego Romero'],
  },
  {
    orgUnit: '/Engineering/Platform',
    timeZone: 'America/Los_Angeles',
    people: ['Emily Chen', 'Jacob Miller', 'Olivia Davis', 'Ethan Wilson', 'Sofia Moore'],
  },
  {
    orgUnit: '/Sales',
    timeZone: 'America/New_York',
    people: ['Michael Brown', 'Emma Johnson', 'Daniel Taylor', 'Ava Anderson', 'Noah Thomas'],
  },
  {
    orgUnit: '/Operations',
    timeZone: 'Asia/Tokyo',
    people: ['Haruto Sato', 'Yui Suzuki', 'Sota Takahashi', 'Hina Tanaka', 'Ren Watanabe'],
  },
  { orgUnit: '/People', timeZone: 'Europe/London', people: ['Oliver Smith', 'Amelia Jones', 'George Evans', 'Isla Walker'] },
  // Not covered by the install: their tokens are refused with unauthorized_client.
  { orgUnit: '/Contractors', timeZone: 'Europe/London', people: ['Freya Hughes', 'Harry Wright', 'Lily Green'] },
];

const SUSPENDED = new Set(['diego.romero', 'noah.thomas', 'ren.watanabe']);

const emailOf = (fullName: string): string =>
  `${fullName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '.')}@${DEMO_DOMAIN}`;

/** A wall-clock time on a calendar date (`YYYY-MM-DD`), to be read in the meeting's zone. */
const wallClock = (day: string, hour: number, minute = 0): string =>
  `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;

/**
 * The business days of `timeZone` from its tomorrow on, for `weeks` weeks, as calendar dates: the
 * team's own days, not UTC's (at 00:10 UTC on a Monday it is still Sunday in the Americas, whose
 * tomorrow is that Monday; at 23:30 UTC on a Sunday it is Monday already in Madrid and Tokyo).
 */
function businessDays(now: number, timeZone: string, weeks: number): string[] {
  // Today's date in the zone, as UTC midnight: calendar arithmetic on dates, which no DST change shifts.
  const today = Date.parse(`${new Date(now + zoneOffsetMs(now, timeZone)).toISOString().slice(0, 10)}T00:00:00Z`);
  const days: string[] = [];
  for (let offset = 1; offset <= weeks * 7; offset++) {
    const day = new Date(today + offset * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

function meeting(
  organizer: string,
  timeZone: string,
  day: string,
  hour: number,
  minutes: number,
  summary: string,
  guests: string[],
  extra: JsonRecord = {},
): SeedEvent {
  const endHour = hour + Math.floor(minutes / 60);
  return {
    calendarId: organizer,
    event: {
      summary,
      start: { dateTime: wallClock(day, hour), timeZone },
      end: { dateTime: wallClock(day, endHour, minutes % 60), timeZone },
      ...(guests.length > 0 ? { attendees: guests.map((email) => ({ email, responseStatus: 'accepted' })) } : {}),
      ...extra,
    },
  };
}

/** The demo seed; `now` anchors the calendars (the emulator clock's time). */
export function demoSeed(now: number): Seed {
  const users: NewUser[] = [];
  const events: SeedEvent[] = [];
  for (const team of TEAMS) {
    const days = businessDays(now, team.timeZone, 3);
    const emails = team.people.map(emailOf);
    team.people.forEach((fullName, index) => {
      const [givenName = fullName, familyName = ''] = fullName.split(' ');
      const email = emails[index]!;
      users.push({
        email,
        givenName,
        familyName,
        timeZone: team.timeZone,
        orgUnitPath: team.orgUnit,
        suspended: SUSPENDED.has(email.split('@')[0]!),
        isAdmin: index === 0 && team.orgUnit === '/People',
        groups: [`${team.orgUnit.split('/')[1]!.toLowerCase()}@${DEMO_DOMAIN}`],
      });
    });
    const [lead, ...members] = emails;
    if (!lead) continue;
    days.forEach((day, dayIndex) => {
      events.push(meeting(lead, team.timeZone, day, 9, 15, 'Daily stand-up', members));
      if (dayIndex % 5 === 1)
        members.forEach((member, i) =>
          events.push(meeting(lead, team.timeZone, day, 14 + (i % 3), 30, `1:1 ${team.people[0]} / ${team.people[i + 1]}`, [member])),
        );
      if (dayIndex % 5 === 3) events.push(meeting(lead, team.timeZone, day, 11, 60, `${team.orgUnit.slice(1)} planning`, members));
      emails.forEach((email, i) => {
        if ((dayIndex + i) % 3 === 0) events.push(meeting(email, team.timeZone, day, 10, 120, 'Focus time', []));
        if ((dayIndex + i) % 4 === 0) events.push(meeting(email, team.timeZone, day, 13, 60, 'Lunch', [], { transparency: 'transparent' }));
      });
    });
  }
  return {
    domains: [
      { name: DEMO_DOMAIN, customerId: DEMO_CUSTOMER_ID, primary: true, freeBusyVisibleInDomain: true },
      { name: DEMO_SECONDARY_DOMAIN, customerId: DEMO_CUSTOMER_ID, freeBusyVisibleInDomain: true },
      { name: 'partner.test', customerId: 'C0partner', freeBusyVisibleInDomain: true },
    ],
    users: [
      ...users,
      { email: 'sam.rivera@partner.test', timeZone: 'America/New_York' },
      { email: 'kim.lee@partner.test', timeZone: 'Asia/Tokyo' },
    ],
    serviceAccounts: [{ clientEmail: DEMO_SERVICE_ACCOUNT, clientId: DEMO_CLIENT_ID, projectId: 'together-emulator' }],
    grants: [
      {
        clientId: DEMO_CLIENT_ID,
        domain: DEMO_DOMAIN,
        scopes: DEMO_SCOPES,
        reach: { orgUnits: ['/Engineering', '/Sales', '/Operations', '/People'] },
        source: 'marketplace',
      },
    ],
    marketplaceApps: [{ clientId: DEMO_CLIENT_ID, name: 'Together', scopes: DEMO_SCOPES }],
    events,
    oauthClients: [{ ...DEMO_OAUTH_CLIENT, redirectUris: [...DEMO_OAUTH_CLIENT.redirectUris] }],
  };
}
