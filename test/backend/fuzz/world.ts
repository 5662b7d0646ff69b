/**
 * The fuzz suite's world: the scheduling world's emulator, database and people (test/backend/scheduling/support.ts),
 * and the backend with every route mounted — admin API, user API, webhook, OAuth callback, health —
 * listening on a real port. Plus what the checks need: credentials, ids of this organization and of
 * another one, and a snapshot of everything a request could change (every table, Google's request log).
 */
import { request as httpRequest, Agent } from 'node:http';
import type { Express } from 'express';
import { hashChannelToken, newChannelToken } from '../../../backend/domain/sync/channel-secret.js';
import { ChannelDirectory } from '../../../backend/domain/sync/accept-notification.js';
import { SyncRequestBatcher } from '../../../backend/domain/sync/sync-request-batcher.js';
import { GoogleEndpoints } from '../../../backend/google/endpoints.js';
import { IdTokenVerifier } from '../../../backend/google/id-tokens.js';
import { WorkspaceSignIn } from '../../../backend/google/workspace-sign-in.js';
import { listen, type RunningServer } from '../../../backend/http/server.js';
import { createTestApp } from '../../support/app.js';
import { createAdminToken, createMatching, createPerson, createProgram, createSession } from '../../support/factories.js';
import { INSTALL_INFO } from '../admin/support.js';
import { AUDIENCE, idToken, startWorld, type SchedulingWorld } from '../scheduling/support.js';

/** Ids a path can name: this organization's (the route reaches its checks) and another's (it must not tell them apart from unknown ones). */
export interface WorldIds {
  organizationId: string;
  mentorId: string;
  programId: string;
  matchingId: string;
  sessionId: string;
  tokenId: string;
  runId: string;
  verificationId: string;
  incidentId: string;
  other: Omit<WorldIds, 'other'>;
}

/** Everything a request could change, in a form two snapshots can be compared in. */
export interface WorldSnapshot {
  /** Row count and an md5 of the rows of every table of the schema. */
  tables: Record<string, string>;
  /** The emulator's request log (counts per method, subject and token requests): any call to Google shows here. */
  google: unknown;
}

export interface FuzzRequest {
  method: string;
  /** Path and query as sent, not normalised (bad percent-encodings, repeated keys). */
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface FuzzAnswer {
  status: number;
  contentType: string;
  /** The Location header of a redirect, '' when none. */
  location: string;
  text: string;
}

export interface FuzzWorld {
  scheduling: SchedulingWorld;
  app: Express;
  ids: WorldIds;
  adminToken: string;
  /** A Google ID token of Ana, an active person of the organization, minted by the emulator (good for an hour). */
  userToken: string;
  /** A live watch channel of Ana's calendar; its secret is never sent by the fuzz. */
  channelId: string;
  /** Calendars the webhook would have queued syncs for: the fuzz never gets one accepted. */
  queuedSyncs: string[];
  /** The backend's METRICS_TOKEN: GET /metrics is fuzzed with it, with others and with none. */
  metricsToken: string;
  send(request: FuzzRequest): Promise<FuzzAnswer>;
  snapshot(): Promise<WorldSnapshot>;
  close(): Promise<void>;
}

const METRICS_TOKEN = 'fuzz-metrics-token-3f9a1c7e5b2d';

export async function startFuzzWorld(): Promise<FuzzWorld> {
  const scheduling = await startWorld();
  const { db, emulator } = scheduling;
  const prisma = db.prisma;
  // The backend's clock stands still at the world's start, so the admin token's lastUsedAt (written at
  // most once a minute) is written by the warm-up only: a run lasting minutes changes nothing by time passing.
  const frozenAt = scheduling.clock.start;
  const clock = () => new Date(frozenAt);
  const endpoints = new GoogleEndpoints(emulator.url);
  let redirectUri = '';
  const workspaceSignIn = new WorkspaceSignIn(endpoints, {
    client: { clientId: 'together-fuzz.apps.googleusercontent.com', clientSecret: 'GOCSPX-fuzz' },
    redirectUri: () => redirectUri,
    marketplaceListingUrl: 'https://workspace.google.com/marketplace/app/together/1',
    backoff: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
  });
  const queuedSyncs: string[] = [];
  // The real group commit writes a sync request; the job queue it would feed is the list the suite checks stays empty.
  const batcher = new SyncRequestBatcher({ prisma, clock }, (ids) => queuedSyncs.push(...ids));
  const webhook = { channels: new ChannelDirectory({ prisma, clock }), requestSync: (id: string) => batcher.request(id) };
  const { app } = createTestApp(db, {
    clock,
    installInfo: INSTALL_INFO,
    // An hour's RSVP freshness: reading one of the world's sessions asks Google nothing and writes nothing.
    userApi: { ...scheduling.deps, rsvpTtlMs: 3_600_000, verifier: new IdTokenVerifier(endpoints, [AUDIENCE]) },
    webhook,
    workspaceSignIn,
    metricsToken: METRICS_TOKEN,
    // A tripwire, not a queue: a fuzz request that got a test run queued has changed something (and answers 500).
    enqueueIntegrationTest: async (runId) => {
      throw new Error(`the fuzz started integration test run ${runId}`);
    },
  });
  const server: RunningServer = await listen(app, { host: '127.0.0.1', port: 0 });
  redirectUri = `http://127.0.0.1:${server.port}/admin/oauth/callback`;

  const ids = await seedRecords(scheduling, frozenAt);
  const { token: adminToken } = await createAdminToken(prisma, scheduling.organizationId);
  const userToken = await idToken(scheduling, scheduling.mentor.email);
  const channelId = `fuzz-${ids.sessionId}`;
  await prisma.watchChannel.create({
    data: {
      organizationId: ids.organizationId,
      personId: scheduling.mentor.id,
      calendarId: scheduling.mentor.email,
      channelId,
      tokenHash: hashChannelToken(newChannelToken()),
      expiresAt: new Date(frozenAt.getTime() + 86_400_000),
    },
  });
  await prisma.calendarSyncState.create({
    data: { organizationId: ids.organizationId, personId: scheduling.mentor.id, calendarId: scheduling.mentor.email },
  });

  const tables = await prisma.$queryRaw<Array<{ name: string }>>`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`;
  // One statement for all tables: count and md5 of the rows in a stable order, cheap enough to run around every request.
  const snapshotSql = `SELECT ${tables.map(({ name }, i) => `(SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${name}" t) AS t${i}`).join(', ')}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  let hashed: { snapshot: string; tables: Record<string, string> } | undefined;
  // Warm-up: the token's lastUsedAt is written and Google's certificates fetched before the first snapshot.
  for (const [url, token] of [
    ['/admin/v1/token', adminToken],
    ['/addon/v1/me', userToken],
  ] as const) {
    const answer = await send(agent, server.port, { method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (answer.status !== 200) throw new Error(`warm-up ${url}: ${answer.status} ${answer.text}`);
  }

  return {
    scheduling,
    app,
    ids,
    adminToken,
    userToken,
    channelId,
    queuedSyncs,
    metricsToken: METRICS_TOKEN,
    send: (request) => send(agent, server.port, request),
    snapshot: async () => {
      // Hashing every table is most of a request's cost, so it is skipped when no transaction can have written since the
      // last hash: the database's transaction snapshot is the same and had none in progress (every write takes a
      // transaction id, which moves it; on a shared PostgreSQL server other databases' writes move it too, and then we hash).
      const googleLog = fetch(`${emulator.url}/emulator/v1/requests`).then(
        (response) => response.json() as Promise<Record<string, unknown>>,
      );
      const [{ snapshot } = { snapshot: '' }] = await prisma.$queryRaw<
        Array<{ snapshot: string }>
      >`SELECT pg_current_snapshot()::text AS snapshot`;
      const [xmin, xmax, inProgress] = snapshot.split(':');
      if (hashed?.snapshot !== snapshot || xmin !== xmax || inProgress !== '') {
        const [row] = await prisma.$queryRawUnsafe<Array<Record<string, string>>>(snapshotSql);
        hashed = { snapshot, tables: Object.fromEntries(tables.map(({ name }, i) => [name, String(row?.[`t${i}`])])) };
      }
      const google = await googleLog;
      return {
        tables: hashed.tables,
        google: { total: google.total, perMethod: google.perMethod, perSubject: google.perSubject, tokenRequests: google.tokenRequests },
      };
    },
    close: async () => {
      agent.destroy();
      await server.close(1_000);
      await scheduling.close();
    },
  };
}

/** A session, a token, a test run, a domain verification and a closed incident in this organization, and the same in the other one. */
async function seedRecords(world: SchedulingWorld, now: Date): Promise<WorldIds> {
  const prisma = world.db.prisma;
  const other = await prisma.organization.findFirstOrThrow({ where: { domains: { some: { domain: 'other.test' } } } });
  const olga = await prisma.person.findFirstOrThrow({ where: { organizationId: other.id } });
  const olgasMentee = await createPerson(prisma, other.id, { email: 'oscar@other.test' });
  const otherProgram = await createProgram(prisma, other.id);
  const otherMatching = await createMatching(prisma, other.id, { programId: otherProgram.id, mentorId: olga.id, menteeId: olgasMentee.id });
  const matching = await prisma.matching.findUniqueOrThrow({ where: { id: world.matchingId } });
  const tomorrow = (hour: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, hour));
  const session = await createSession(prisma, matching, { startAt: tomorrow(16), endAt: tomorrow(17), rsvpCheckedAt: now });
  const otherSession = await createSession(prisma, otherMatching, { startAt: tomorrow(16), endAt: tomorrow(17), rsvpCheckedAt: now });
  const records = async (organizationId: string, domain: string) => {
    const { record: token } = await createAdminToken(prisma, organizationId);
    const run = await prisma.integrationTestRun.create({
      data: { organizationId, trigger: 'MANUAL', status: 'COMPLETED', requestedBy: token.id, finishedAt: now },
    });
    const verification = await prisma.domainVerification.create({
      data: { organizationId, domain, stateHash: `fuzz-${token.id}`, codeVerifier: 'fuzz', expiresAt: now, startedByTokenId: token.id },
    });
    const incident = await prisma.incident.create({ data: { organizationId, summary: 'fuzz', openedAt: now, closedAt: now } });
    return { tokenId: token.id, runId: run.id, verificationId: verification.id, incidentId: incident.id };
  };
  return {
    organizationId: world.organizationId,
    mentorId: world.mentor.id,
    programId: world.programId,
    matchingId: world.matchingId,
    sessionId: session.id,
    ...(await records(world.organizationId, 'acme.test')),
    other: {
      organizationId: other.id,
      mentorId: olga.id,
      programId: otherProgram.id,
      matchingId: otherMatching.id,
      sessionId: otherSession.id,
      ...(await records(other.id, 'other.test')),
    },
  };
}

/** One request over a kept-alive connection, exactly as given (Node's fetch would refuse GET bodies and fix up URLs). */
function send(agent: Agent, port: number, request: FuzzRequest): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers = { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
    const outgoing = httpRequest({ agent, host: '127.0.0.1', port, method: request.method, path: request.url, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          contentType: String(incoming.headers['content-type'] ?? ''),
          location: String(incoming.headers.location ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
