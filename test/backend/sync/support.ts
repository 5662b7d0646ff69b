import type { Express } from 'express';
import type { Clock } from 'pg-boss';
import type { SyncDeps, SyncGateway } from '../../../backend/domain/sync/deps.js';
import { IdTokenVerifier } from '../../../backend/google/id-tokens.js';
import { listen, type RunningServer } from '../../../backend/http/server.js';
import { JobQueue, type JobDefinition } from '../../../backend/jobs/queue.js';
import { syncJobs } from '../../../backend/jobs/sync-jobs.js';
import { captureLogs, createTestApp, expectStatus } from '../../support/app.js';
import type { RunningEmulator } from '../../../backend/emulator/index.js';
import type { EmulatorProcess } from '../../support/emulator-process.js';
import { as, AUDIENCE, control, DOMAIN, startWorld, type SchedulingWorld, type WorldEmulator } from '../scheduling/support.js';
import { emulatedGoogle } from '../../support/google.js';
import { emulatorControl } from '../../support/emulator-control.js';
import { eventually } from '../../support/eventually.js';

export const ANA = `ana@${DOMAIN}`;
export const BEN = `ben@${DOMAIN}`;
export const CLEO = `cleo@${DOMAIN}`;

/** The scheduling world plus calendar sync running for real: job queue, webhook on a port, the emulator pushing to it. */
export interface SyncWorld<Emulator extends WorldEmulator = RunningEmulator> extends SchedulingWorld<Emulator> {
  syncDeps: SyncDeps;
  sync: ReturnType<typeof syncJobs>;
  queue: JobQueue;
  /** The app with the user API and the webhook, served at `server`. */
  syncApp: Express;
  server: RunningServer;
  webhookUrl: string;
}

interface SyncWorldOptions {
  ttlMs?: number;
  renewalMarginMs?: number;
  pollingIntervalSeconds?: number;
  debounceMs?: number;
  /** pg-boss's timers for the world's queue (a test freezes them to play a replica that died). */
  queueClock?: Clock;
  /** What the world's sync jobs call Google through (a test wraps the real gateway); the user API keeps the real one. */
  syncGateway?: (real: SyncGateway) => SyncGateway;
}

/**
 * Starts the world with the backend's clock running (the emulator's channels expire on its clock), with RSVP reads
 * on GET switched off (an hour's TTL) so that only sync can change a session in these tests, and no
 * scheduled passes (tests run channel checks and reconciliation when they mean to).
 */
export async function startSyncWorld(options?: SyncWorldOptions): Promise<SyncWorld>;
export async function startSyncWorld(options: SyncWorldOptions & { emulatorProcess: true }): Promise<SyncWorld<EmulatorProcess>>;
export async function startSyncWorld(options: SyncWorldOptions & { emulatorProcess?: boolean } = {}): Promise<SyncWorld<WorldEmulator>> {
  const world: SchedulingWorld<WorldEmulator> = options.emulatorProcess ? await startWorld({ emulatorProcess: true }) : await startWorld();
  const { logger } = captureLogs('warn');
  const queue = await JobQueue.start(world.db, logger, {
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
    ...(options.queueClock && { clock: options.queueClock }),
  });
  const channels = { webhookUrl: '', ttlMs: options.ttlMs ?? 7 * 24 * 3_600_000, renewalMarginMs: options.renewalMarginMs ?? 3_600_000 };
  // A token cache of production size (the scheduling world keeps 100): benchmarks watch 1,000 people.
  // Through the world's quota gate: sync spends the same budget as everything else, as in main.ts.
  const { calendar, endpoints } = emulatedGoogle(world.emulator.url, world.emulator.serviceAccounts[0]!, {
    maxCachedSubjects: 10_000,
    marketplaceListingUrl: 'https://example.test/listing',
    calls: world.googleHooks,
  });
  const syncDeps: SyncDeps = { ...world.deps, calendar, clock: world.clock.now, rsvpTtlMs: 3_600_000, channels };
  delete syncDeps.onSagaStep;
  const sync = syncJobs({
    ...syncDeps,
    ...(options.syncGateway && { calendar: options.syncGateway(calendar) }),
    queue,
    logger,
    channelSchedule: false,
    reconcileSchedule: false,
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
  });
  for (const definition of sync.definitions) await queue.register(definition as JobDefinition<never>);
  const { app } = createTestApp(world.db, {
    clock: syncDeps.clock,
    userApi: {
      ...syncDeps,
      verifier: new IdTokenVerifier(endpoints, [AUDIENCE]),
      onSessionBooked: (session) => sync.watchPeople([session.organizerId, session.attendeeId]),
    },
    webhook: sync.webhook,
  });
  const server = await listen(app, { host: '127.0.0.1', port: 0 });
  channels.webhookUrl = `http://127.0.0.1:${server.port}/webhooks/google-calendar`;
  const close = world.close;
  return Object.assign(world, {
    syncDeps,
    sync,
    queue,
    syncApp: app,
    server,
    webhookUrl: channels.webhookUrl,
    close: async () => {
      await server.close(1_000);
      await queue.stop(2_000);
      await close();
    },
  });
}

export { eventually };

/** Books a 30-minute session as Ana with Ben at `start` through the user API; waits until both calendars are watched. */
export async function bookWatched(world: SyncWorld<WorldEmulator>, start: Date): Promise<BookedSession> {
  const ana = await as(world, ANA, world.syncApp);
  const response = await ana.post(`/matchings/${world.matchingId}/sessions`, { start: start.toISOString(), durationMinutes: 30 });
  expectStatus(response, 201);
  const session = response.body.session as { id: string; version: number; calendar: { eventId: string } };
  await eventually(async () => {
    const channels = await world.db.prisma.watchChannel.count({
      where: { status: 'ACTIVE', resourceId: { not: null }, personId: { in: [world.mentor.id, world.mentee.id] } },
    });
    const synced = await world.db.prisma.calendarSyncState.count({
      where: { personId: { in: [world.mentor.id, world.mentee.id] }, syncToken: { not: null }, dirtySince: null },
    });
    return channels >= 2 && synced >= 2;
  });
  return { id: session.id, eventId: session.calendar.eventId, version: session.version };
}

export interface BookedSession {
  id: string;
  eventId: string;
  version: number;
}

/** The session as the user API shows it to `email` (RSVP reads are off: this is what sync stored). */
export async function sessionAs(
  world: SyncWorld<WorldEmulator>,
  email: string,
  sessionId: string,
): Promise<Record<string, unknown> & { status: string; version: number; attention: { code: string; message: string } | null }> {
  const user = await as(world, email, world.syncApp);
  const response = await user.get(`/sessions/${sessionId}`);
  expectStatus(response, 200);
  return response.body.session;
}

/** Waits until the stored session satisfies `check`. */
export async function sessionBecomes(
  world: SyncWorld<WorldEmulator>,
  sessionId: string,
  check: (session: NonNullable<Awaited<ReturnType<SyncWorld['db']['prisma']['mentoringSession']['findUnique']>>>) => boolean,
  timeoutMs?: number,
) {
  return eventually(async () => {
    const session = await world.db.prisma.mentoringSession.findUnique({ where: { id: sessionId } });
    return session && check(session) ? session : undefined;
  }, timeoutMs);
}

/** Acts as a user in Google Calendar through the emulator's control API. */
export const actAs = {
  move: (world: SyncWorld<WorldEmulator>, email: string, eventId: string, start: Date, minutes = 30) =>
    control(world, 'POST', `/users/${email}/events/${eventId}/move`, {
      start: { dateTime: start.toISOString() },
      end: { dateTime: new Date(start.getTime() + minutes * 60_000).toISOString() },
    }),
  remove: (world: SyncWorld<WorldEmulator>, email: string, eventId: string) =>
    control(world, 'DELETE', `/users/${email}/events/${eventId}`),
  respond: (world: SyncWorld<WorldEmulator>, email: string, eventId: string, responseStatus: string) =>
    control(world, 'POST', `/users/${email}/events/${eventId}/respond`, { responseStatus }),
  busy: (world: SyncWorld<WorldEmulator>, email: string, start: Date, minutes: number) =>
    control(world, 'POST', `/users/${email}/events`, {
      summary: 'Busy',
      start: { dateTime: start.toISOString() },
      end: { dateTime: new Date(start.getTime() + minutes * 60_000).toISOString() },
    }),
};

/** A session row as stored. */
export const storedSession = (world: SyncWorld<WorldEmulator>, id: string) =>
  world.db.prisma.mentoringSession.findUniqueOrThrow({ where: { id } });

/** The sync state of a person's primary calendar. */
export const syncStateOf = (world: SyncWorld<WorldEmulator>, email: string) =>
  world.db.prisma.calendarSyncState.findFirstOrThrow({ where: { calendarId: email } });

/** events.list calls the emulator answered so far (reset the request log to count one step). */
export const listCalls = async (world: SyncWorld<WorldEmulator>): Promise<number> =>
  (await emulatorControl(world.emulator.url).requests()).perMethod['calendar.events.list'] ?? 0;

/** Gives notifications and jobs time to arrive, for tests that assert nothing happened. */
export const settle = (ms = 1_500): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** events.list calls made as one user (the request log counts per subject). */
export const listCallsOf = async (world: SyncWorld<WorldEmulator>, email: string): Promise<number> =>
  (await emulatorControl(world.emulator.url).requests()).perSubject[email]?.['calendar.events.list'] ?? 0;

/** The emulator's live channel on a user's calendar, with the token it echoes (the test plays Google with it). */
export function emulatorChannelOf(world: SyncWorld, email: string) {
  const channels = world.emulator.state.channels.list().filter((c) => c.calendarId === email);
  if (channels.length !== 1) throw new Error(`expected one channel on ${email}, found ${channels.length}`);
  return channels[0]!;
}

/** A notification as Google would POST it, to our webhook. */
export async function notify(
  world: SyncWorld<WorldEmulator>,
  headers: { channelId?: string; token?: string; state?: string; messageNumber?: number },
): Promise<number> {
  const response = await fetch(world.webhookUrl, {
    method: 'POST',
    headers: {
      ...(headers.channelId ? { 'X-Goog-Channel-ID': headers.channelId } : {}),
      ...(headers.token ? { 'X-Goog-Channel-Token': headers.token } : {}),
      ...(headers.state ? { 'X-Goog-Resource-State': headers.state } : {}),
      'X-Goog-Message-Number': String(headers.messageNumber ?? 2),
      'X-Goog-Resource-ID': 'resource',
    },
  });
  await response.arrayBuffer();
  return response.status;
}
