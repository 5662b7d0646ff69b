/** One emulator per test file, a small seeded company, and plain-HTTP access to the /emulator/v1 controls. */
import { startEmulator, type RunningEmulator, type Seed, type ServiceAccountKeyJson } from '../../../backend/emulator/index.js';
import type { EmulatorSettings } from '../../../backend/emulator/state.js';
import { SCOPES, calendarFor, directoryFor, jwtFor, peopleFor, type Jwt } from './google-clients.js';

export const SERVICE_ACCOUNT = 'together@emu-project.iam.gserviceaccount.com';
export const OTHER_SERVICE_ACCOUNT = 'stranger@other-project.iam.gserviceaccount.com';
export const CLIENT_ID = '111111111111111111111';
export const GRANTED_SCOPES = [SCOPES.calendar, SCOPES.calendarEvents, SCOPES.directoryUsers, SCOPES.profile, SCOPES.email];

/**
 * acme.test: ana, ben (Engineering), cara, fay (Sales; cara in sales@), dan (suspended), eve (Contractors, outside
 * the install's reach), boss (admin). other.test: olga (no install). quiet.test: hides free/busy inside the domain.
 */
export function testSeed(): Seed {
  return {
    domains: [
      { name: 'acme.test', customerId: 'C0acme' },
      { name: 'other.test', customerId: 'C0other' },
      { name: 'quiet.test', freeBusyVisibleInDomain: false },
    ],
    users: [
      { email: 'ana@acme.test', givenName: 'Ana', familyName: 'García', timeZone: 'Europe/Madrid', orgUnitPath: '/Engineering' },
      {
        email: 'ben@acme.test',
        givenName: 'Ben',
        familyName: 'Okafor',
        timeZone: 'America/New_York',
        orgUnitPath: '/Engineering/Platform',
      },
      {
        email: 'cara@acme.test',
        givenName: 'Cara',
        familyName: 'Ito',
        timeZone: 'Asia/Tokyo',
        orgUnitPath: '/Sales',
        groups: ['sales@acme.test'],
      },
      {
        email: 'fay@acme.test',
        givenName: 'Fay',
        familyName: 'Brown',
        timeZone: 'Europe/London',
        orgUnitPath: '/Sales',
        groups: ['sales@acme.test'],
      },
      { email: 'dan@acme.test', givenName: 'Dan', familyName: 'Suspended', orgUnitPath: '/Engineering', suspended: true },
      { email: 'eve@acme.test', givenName: 'Eve', familyName: 'Outside', orgUnitPath: '/Contractors' },
      { email: 'boss@acme.test', givenName: 'Bo', familyName: 'Boss', orgUnitPath: '/', isAdmin: true, groups: ['admins@acme.test'] },
      { email: 'olga@other.test', givenName: 'Olga', familyName: 'Other' },
      { email: 'quinn@quiet.test' },
      { email: 'quincy@quiet.test' },
    ],
    serviceAccounts: [
      { clientEmail: SERVICE_ACCOUNT, clientId: CLIENT_ID, projectId: 'emu-project' },
      { clientEmail: OTHER_SERVICE_ACCOUNT },
    ],
    grants: [
      {
        clientId: CLIENT_ID,
        domain: 'acme.test',
        scopes: GRANTED_SCOPES,
        reach: { orgUnits: ['/Engineering', '/Sales'] },
        source: 'marketplace',
      },
      { clientId: CLIENT_ID, domain: 'acme.test', scopes: GRANTED_SCOPES, reach: { groups: ['admins@acme.test'] }, source: 'adminConsole' },
      { clientId: CLIENT_ID, domain: 'quiet.test', scopes: GRANTED_SCOPES, reach: 'domain' },
    ],
  };
}

export interface TestEmulator {
  emulator: RunningEmulator;
  url: string;
  key: ServiceAccountKeyJson;
  otherKey: ServiceAccountKeyJson;
  jwt(subject: string | undefined, scopes?: string[]): Jwt;
  calendar(subject: string, scopes?: string[]): ReturnType<typeof calendarFor>;
  directory(subject: string, scopes?: string[]): ReturnType<typeof directoryFor>;
  people(subject: string, scopes?: string[]): ReturnType<typeof peopleFor>;
  control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startTestEmulator(options: { seed?: Seed; settings?: Partial<EmulatorSettings> } = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({
    seed: options.seed ?? testSeed(),
    settings: { conferenceDelayMs: 0, pushRetryBaseMs: 20, ...options.settings },
  });
  const url = emulator.url;
  const key = emulator.serviceAccounts.find((k) => k.client_email === SERVICE_ACCOUNT) ?? emulator.serviceAccounts[0]!;
  const otherKey = emulator.serviceAccounts.find((k) => k.client_email === OTHER_SERVICE_ACCOUNT) ?? key;
  const jwt = (subject: string | undefined, scopes = [SCOPES.calendar]): Jwt => jwtFor(url, key, subject, scopes);
  return {
    emulator,
    url,
    key,
    otherKey,
    jwt,
    calendar: (subject, scopes) => calendarFor(url, jwt(subject, scopes)),
    directory: (subject, scopes = [SCOPES.directoryUsers]) => directoryFor(url, jwt(subject, scopes)),
    people: (subject, scopes = [SCOPES.profile]) => peopleFor(url, jwt(subject, scopes)),
    control: async <T>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}/emulator/v1${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
    },
    close: () => emulator.close(),
  };
}

/**
 * The hour the test file started in (its module is loaded once per file): every `hoursFromNow` of a
 * file counts from it, so a file that runs across the turn of an hour (or of a day, a month, a
 * year) keeps its events and its expectations the same distance apart.
 */
const FILE_HOUR = Math.floor(Date.now() / 3_600_000) * 3_600_000;

/**
 * An RFC 3339 instant `hours` after the hour the test file started in (whole hours, so tests read
 * easily). `hoursFromNow(0)` may lie up to an hour in the past; nothing in these tests needs an
 * event in the future, only events apart from each other.
 */
export const hoursFromNow = (hours: number): string => new Date(FILE_HOUR + hours * 3_600_000).toISOString();

/** A valid base32hex event id, unique per call. */
let counter = 0;
export const eventId = (): string => `evt${Date.now().toString(32)}${(counter++).toString(32)}`.replace(/[w-z]/g, '0');
