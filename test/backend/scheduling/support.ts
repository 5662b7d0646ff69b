import type { Express } from 'express';
import request from 'supertest';
import { startEmulator, type RunningEmulator, type Seed } from '../../../backend/emulator/index.js';
import type { SagaStep, SchedulingDeps } from '../../../backend/domain/scheduling/deps.js';
import type { CalendarAdapter } from '../../../backend/google/calendar.js';
import type { GoogleCall, GoogleCallHooks } from '../../../backend/google/call-gate.js';
import { SharedQuotaGate } from '../../../backend/domain/quota/shared-quota-gate.js';
import { DELEGATED_SCOPES } from '../../../backend/google/delegated-auth.js';
import { IdTokenVerifier } from '../../../backend/google/id-tokens.js';
import { emulatorControl, type EmulatorControl } from '../../support/emulator-control.js';
import { startEmulatorProcess, type EmulatorProcess } from '../../support/emulator-process.js';
import { emulatedGoogle } from '../../support/google.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createTestApp } from '../../support/app.js';
import { createMatching, createOrganization, createPerson, createProgram } from '../../support/factories.js';
import { WeekdayAllocator, WorldClock, zonedInstant } from '../../support/clock.js';

export const AUDIENCE = 'addon-client.apps.googleusercontent.com';
export const DOMAIN = 'acme.test';
const SERVICE_ACCOUNT = 'together@together-test.iam.gserviceaccount.com';
const weekdays = (from: string, to: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [[from, to]]]));

/** The emulator a world talks to: in this process (its state at hand), or in its own process (HTTP only). */
export type WorldEmulator = RunningEmulator | EmulatorProcess;

/** Everything a scheduling test drives: emulator, database, app, the world's clock and the demo pair. */
export interface SchedulingWorld<Emulator extends WorldEmulator = RunningEmulator> {
  emulator: Emulator;
  db: TestDatabase;
  app: Express;
  deps: SchedulingDeps & { calendar: CalendarAdapter };
  /** Starts at the process's instant (the emulator's); the backend reads it. */
  clock: WorldClock;
  /**
   * Days for bookings, each handed out once. On every weekday, 16:00–18:00 UTC lies inside both
   * Ana's (Madrid, 09:00–20:00) and Ben's (Los Angeles, 08:00–12:00) working hours, whatever the
   * summer time of either zone: book there.
   */
  days: WeekdayAllocator;
  /** Every Google call the backend made, as the quota gate saw it (method, subject, priority). */
  googleCalls: GoogleCall[];
  /** The gate and observer the world's adapters call Google through (one budget, as main.ts wires every adapter). */
  googleHooks: GoogleCallHooks;
  /** Set to a saga step to make it "crash" there (throw) once. */
  crash: { at?: SagaStep };
  /** The emulator's control API: its request log and faults, as any client of it reads them. */
  google: EmulatorControl;
  organizationId: string;
  mentor: { id: string; email: string };
  mentee: { id: string; email: string };
  stranger: { id: string; email: string };
  matchingId: string;
  strangerMatchingId: string;
  programId: string;
  close(): Promise<void>;
}

/**
 * Where Ana's (Europe/Madrid, 09:00–20:00) and Ben's (America/Los_Angeles, 08:00–12:00) working hours
 * overlap on a weekday `YYYY-MM-DD`, computed from the zones (so DST-correct): from the later opening to
 * the earlier closing.
 */
export function commonHours(date: string): { start: Date; end: Date } {
  const later = (a: Date, b: Date) => (a > b ? a : b);
  const earlier = (a: Date, b: Date) => (a < b ? a : b);
  return {
    start: later(zonedInstant(date, '09:00', 'Europe/Madrid'), zonedInstant(date, '08:00', 'America/Los_Angeles')),
    end: earlier(zonedInstant(date, '20:00', 'Europe/Madrid'), zonedInstant(date, '12:00', 'America/Los_Angeles')),
  };
}

/** The world's quota gate: Google's default quotas, as main.ts assumes them. */
export const WORLD_QUOTAS = { projectPerMinute: 10_000, userPerMinute: 600 };

const WORLD_SEED: Seed = {
  domains: [{ name: DOMAIN, freeBusyVisibleInDomain: true }, { name: 'other.test' }, { name: 'nowhere.test' }],
  users: [
    { email: `ana@${DOMAIN}`, givenName: 'Ana', timeZone: 'Europe/Madrid' },
    { email: `ben@${DOMAIN}`, givenName: 'Ben', timeZone: 'America/Los_Angeles' },
    { email: `cleo@${DOMAIN}`, givenName: 'Cleo', timeZone: 'Europe/Madrid' },
    { email: `dan@${DOMAIN}`, givenName: 'Dan', timeZone: 'Europe/Madrid' },
    { email: `zed@${DOMAIN}` },
    { email: 'olga@other.test' },
    { email: 'zoe@nowhere.test' },
  ],
  serviceAccounts: [{ clientEmail: SERVICE_ACCOUNT }],
  grants: [{ serviceAccount: SERVICE_ACCOUNT, domain: DOMAIN, scopes: [...DELEGATED_SCOPES], reach: 'domain' }],
};

/** The world, its emulator in this process (tests reach its state), or with `emulatorProcess` in its own (benchmarks). */
export async function startWorld(): Promise<SchedulingWorld>;
export async function startWorld(options: { emulatorProcess: true }): Promise<SchedulingWorld<EmulatorProcess>>;
export async function startWorld(options: { emulatorProcess?: boolean } = {}): Promise<SchedulingWorld<WorldEmulator>> {
  const emulator: WorldEmulator = options.emulatorProcess
    ? await startEmulatorProcess(WORLD_SEED)
    : await startEmulator({ seed: WORLD_SEED, settings: { conferenceDelayMs: 100 } });
  if (options.emulatorProcess) await emulatorControl(emulator.url).send('PATCH', '/settings', { conferenceDelayMs: 100 });
  const db = await createTestDatabase();
  const googleCalls: GoogleCall[] = [];
  // As main.ts wires it: the shared budget in the database; every call is recorded for the tests.
  const googleHooks: GoogleCallHooks = {
    gate: new SharedQuotaGate(db.prisma, WORLD_QUOTAS),
    observer: { answered: (call) => void googleCalls.push(call) },
  };
  const { calendar, endpoints } = emulatedGoogle(emulator.url, emulator.serviceAccounts[0]!, {
    marketplaceListingUrl: 'https://example.test/listing',
    calls: googleHooks,
  });
  const clock = new WorldClock();
  const crash: { at?: SagaStep } = {};
  const deps: SchedulingDeps & { calendar: CalendarAdapter } = {
    prisma: db.prisma,
    clock: clock.now,
    calendar,
    backoff: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    conferencePoll: { attempts: 10, delayMs: 50 },
    rsvpTtlMs: 0,
    onSagaStep: (step) => {
      if (crash.at === step) {
        crash.at = undefined;
        throw new Error(`simulated crash after ${step}`);
      }
    },
  };
  const { app } = createTestApp(db, {
    clock: deps.clock,
    userApi: { ...deps, verifier: new IdTokenVerifier(endpoints, [AUDIENCE]) },
  });

  const org = await createOrganization(db.prisma, {}, [DOMAIN]);
  const other = await createOrganization(db.prisma, {}, ['other.test']);
  await createPerson(db.prisma, other.id, { email: 'olga@other.test' });
  const mentor = await createPerson(db.prisma, org.id, {
    email: `ana@${DOMAIN}`,
    displayName: 'Ana Mentor',
    timeZone: 'Europe/Madrid',
    workingHours: weekdays('09:00', '20:00'),
  });
  const mentee = await createPerson(db.prisma, org.id, {
    email: `ben@${DOMAIN}`,
    displayName: 'Ben Mentee',
    timeZone: 'America/Los_Angeles',
    workingHours: weekdays('08:00', '12:00'),
  });
  const stranger = await createPerson(db.prisma, org.id, {
    email: `cleo@${DOMAIN}`,
    displayName: 'Cleo',
    workingHours: weekdays('09:00', '17:00'),
  });
  const dan = await createPerson(db.prisma, org.id, {
    email: `dan@${DOMAIN}`,
    displayName: 'Dan',
    workingHours: weekdays('09:00', '17:00'),
  });
  const program = await createProgram(db.prisma, org.id, {
    name: 'Leadership 2027',
    sessionDurations: [30, 60],
    bufferMinutes: 0,
    minimumNoticeMinutes: 60,
  });
  const matching = await createMatching(db.prisma, org.id, {
    programId: program.id,
    mentorId: mentor.id,
    menteeId: mentee.id,
    agenda: 'Growing as a first-time manager',
  });
  const strangerMatching = await createMatching(db.prisma, org.id, { programId: program.id, mentorId: stranger.id, menteeId: dan.id });
  return {
    emulator,
    db,
    app,
    deps,
    clock,
    days: new WeekdayAllocator(clock.start),
    crash,
    googleCalls,
    googleHooks,
    google: emulatorControl(emulator.url),
    organizationId: org.id,
    mentor: { id: mentor.id, email: mentor.email },
    mentee: { id: mentee.id, email: mentee.email },
    stranger: { id: stranger.id, email: stranger.email },
    matchingId: matching.id,
    strangerMatchingId: strangerMatching.id,
    programId: program.id,
    close: async () => {
      await emulator.close();
      await db.close();
    },
  };
}

/** An ID token as the add-on would send it, minted by the emulator. */
export async function idToken(
  world: SchedulingWorld<WorldEmulator>,
  email: string,
  options: Record<string, unknown> = {},
): Promise<string> {
  const response = await control(world, 'POST', '/idTokens', { email, audience: AUDIENCE, ...options });
  return (response as { idToken: string }).idToken;
}

/** Calls the emulator's control API at any path (users, events, domains, ID tokens…). */
export const control = (world: SchedulingWorld<WorldEmulator>, method: string, path: string, body?: unknown): Promise<unknown> =>
  world.google.send(method, path, body);

/** A supertest request as `email`, with a fresh ID token, to the world's app (or another one over the same world). */
export async function as(world: SchedulingWorld<WorldEmulator>, email: string, app: Express = world.app) {
  const token = await idToken(world, email);
  const auth = `Bearer ${token}`;
  return {
    get: (path: string) => request(app).get(`/addon/v1${path}`).set('Authorization', auth),
    post: (path: string, body?: object) =>
      request(app)
        .post(`/addon/v1${path}`)
        .set('Authorization', auth)
        .send(body ?? {}),
  };
}

/** Google's events in a user's calendar, as the emulator holds them. */
export async function eventsOf(world: SchedulingWorld<WorldEmulator>, email: string): Promise<Array<Record<string, unknown>>> {
  return ((await control(world, 'GET', `/users/${email}/events`)) as { items: Array<Record<string, unknown>> }).items;
}

/** An event as the emulator's control API shows it (the fields these tests read). */
export interface EmulatorEvent {
  id: string;
  status?: string;
  summary?: string;
  description?: string;
  hangoutLink?: string;
  organizer?: { email: string };
  attendees: Array<{ email: string; responseStatus: string }>;
  extendedProperties?: { private?: Record<string, string> };
  start: { dateTime: string };
  emulator: { sendUpdates: string[] };
}

/** One event of a user's calendar, as the emulator holds it. */
export async function eventOf(world: SchedulingWorld<WorldEmulator>, email: string, eventId: string): Promise<EmulatorEvent> {
  return (await control(world, 'GET', `/users/${email}/events/${eventId}`)) as EmulatorEvent;
}

/** A member of a pair made for one test: their zone and weekly hours (each weekday the same). */
export interface PairMemberSpec {
  name: string;
  timeZone: string;
  hours: [string, string];
}

/**
 * A fresh matching of two new people of the world's organization (Google users of its domain too), in
 * a program of its own: for tests that need other zones, hours, buffers or durations than Ana and Ben's.
 */
export async function addPair(
  world: SchedulingWorld<WorldEmulator>,
  mentor: PairMemberSpec,
  mentee: PairMemberSpec,
  program: { sessionDurations: number[]; bufferMinutes: number; minimumNoticeMinutes?: number },
): Promise<{ matchingId: string; programId: string; mentor: { id: string; email: string }; mentee: { id: string; email: string } }> {
  const people = [];
  for (const spec of [mentor, mentee]) {
    const email = `${spec.name.toLowerCase()}@${DOMAIN}`;
    await control(world, 'POST', '/users', { email, givenName: spec.name, timeZone: spec.timeZone });
    const person = await createPerson(world.db.prisma, world.organizationId, {
      email,
      displayName: spec.name,
      timeZone: spec.timeZone,
      workingHours: weekdays(...spec.hours),
    });
    people.push({ id: person.id, email });
  }
  const created = await createProgram(world.db.prisma, world.organizationId, { minimumNoticeMinutes: 60, ...program });
  const matching = await createMatching(world.db.prisma, world.organizationId, {
    programId: created.id,
    mentorId: people[0]!.id,
    menteeId: people[1]!.id,
  });
  return { matchingId: matching.id, programId: created.id, mentor: people[0]!, mentee: people[1]! };
}
