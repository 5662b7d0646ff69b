/**
 * A world for the per-user method: a test database, the emulator (Google) over HTTP, the backend's
 * connect pages on a real port (Google redirects the browser to them), and a browser stand-in that
 * opens a connect link, continues to Google's consent page, posts it and follows Google's redirect
 * back — the real google-auth-library OAuth2Client all the way, as main.ts wires it.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { DatabaseConnectionVault } from '../../../backend/domain/connections/connection-vault.js';
import { createConnectLink, type ConnectDeps } from '../../../backend/domain/connections/connect-calendar.js';
import type { ConnectionsDeps } from '../../../backend/domain/connections/deps.js';
import { TokenKeyring } from '../../../backend/domain/connections/token-keyring.js';
import { deliverMail } from '../../../backend/domain/outbox/deliver-mail.js';
import type { MailOutbox } from '../../../backend/domain/outbox/outbox.js';
import { CalendarConsent } from '../../../backend/google/calendar-consent.js';
import { createMailer } from '../../../backend/mail/mailer.js';
import { CONNECT_CALLBACK_PATH } from '../../../backend/http/connect/router.js';
import { startTestEmulator, testSeed, type TestEmulator } from '../../emulator/support/emulator.js';
import { openPage, parseSignInForm, submitForm } from '../../emulator/support/sign-in.js';
import { captureLogs, createTestApp, type CapturedLogs } from '../../support/app.js';
import { WorldClock } from '../../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { emulatedGoogle } from '../../support/google.js';
import { createSmtpServer, type TestSmtpServer } from '../../support/smtp-server.js';

export const CONNECT_CLIENT = { clientId: 'together-connect-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-connect-test-secret' };

export interface PageAnswer {
  status: number;
  html: string;
  headers: Headers;
  location?: string;
}

export interface ConnectWorld {
  db: TestDatabase;
  emu: TestEmulator;
  clock: WorldClock;
  url: string;
  keyring: TokenKeyring;
  google: ReturnType<typeof emulatedGoogle>;
  vault: DatabaseConnectionVault;
  logs: CapturedLogs;
  /** The app itself (for supertest), and the SMTP server the outbox delivers to at once. */
  app: Express;
  smtp: TestSmtpServer;
  /** Health evaluations the vault and the flow asked for, by organization. */
  evaluations: string[];
  /** A PER_USER organization with acme.test verified (the previous one is removed), and its people (the emulator's users). */
  organization(method?: 'PER_USER' | 'DOMAIN_WIDE'): Promise<{ id: string; people: Record<string, string> }>;
  /** A connect link's secret for a person, as the add-on's route makes it. */
  link(organizationId: string, personId: string): Promise<string>;
  /** The connect page of a link. */
  open(secret: string): Promise<PageAnswer>;
  /** Continue to Google from the connect page: the redirect to Google's consent page. */
  start(secret: string): Promise<PageAnswer>;
  /** Google's consent page answered (account, unticked scopes, allow/cancel): the callback URL it redirects to. */
  consent(authorizationUrl: string, choice?: { account?: string; action?: 'allow' | 'cancel'; untick?: string[] }): Promise<string>;
  /** GET a callback URL (Google's redirect, or a replay). */
  callback(url: string): Promise<PageAnswer>;
  /** The whole way: link → page → Google → callback page. */
  connect(
    organizationId: string,
    personId: string,
    choice?: { account?: string; action?: 'allow' | 'cancel'; untick?: string[] },
  ): Promise<PageAnswer & { callbackUrl: string }>;
  close(): Promise<void>;
}

const answerOf = async (response: Response): Promise<PageAnswer> => {
  const location = response.headers.get('location');
  return { status: response.status, html: await response.text(), headers: response.headers, ...(location ? { location } : {}) };
};

export async function startConnectWorld(): Promise<ConnectWorld> {
  const db = await createTestDatabase();
  const emu = await startTestEmulator({ seed: testSeed() });
  const clock = new WorldClock();
  const keyring = new TokenKeyring([{ id: 'test-1', secret: randomBytes(32) }]);
  const evaluations: string[] = [];
  const requestHealthEvaluation = async (organizationId: string) => void evaluations.push(organizationId);
  const vault = new DatabaseConnectionVault({ prisma: db.prisma, clock: clock.now, keyring, requestHealthEvaluation, methodTtlMs: 1 });
  const key = emu.key;
  const google = emulatedGoogle(emu.url, key, { vault, oauthClient: CONNECT_CLIENT });
  let base = '';
  const consent = new CalendarConsent(google.endpoints, {
    client: CONNECT_CLIENT,
    redirectUri: () => base + CONNECT_CALLBACK_PATH,
    marketplaceListingUrl: 'https://workspace.google.com/marketplace/app/together/1',
  });
  const smtp = await createSmtpServer();
  const mailLog = captureLogs().logger;
  const mailer = createMailer({ transport: 'smtp', url: smtp.url, from: 'Together Calendar <calendar@together.test>' });
  // The outbox as main.ts wires it, its queue delivering at once over the real SMTP server.
  const outbox: MailOutbox = {
    sender: mailer.sender,
    queue: async (ref) => {
      await deliverMail({ prisma: db.prisma, clock: clock.now, logger: mailLog, mailer, maxAttempts: 3 }, ref);
    },
  };
  const connections: ConnectionsDeps = {
    keyring,
    gateway: {
      authorizationRequest: (input) => consent.authorizationRequest(input),
      complete: (input) => consent.complete(input),
      revoke: (token) => google.perUser.revoke(token),
      forget: (subject) => google.credentials.forget(subject),
    },
    requestHealthEvaluation,
    onConnected: async () => undefined,
    stopChannels: async () => undefined,
    publicUrl: () => base,
    outbox,
  };
  const { app, logs } = createTestApp(db, { clock: clock.now, connections });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const registered = await emu.control('POST', '/oauthClients', {
    ...CONNECT_CLIENT,
    name: 'Together',
    redirectUris: [base + CONNECT_CALLBACK_PATH],
  });
  if (registered.status !== 200 && registered.status !== 201)
    throw new Error(`could not register the client: ${JSON.stringify(registered.body)}`);

  const connectDeps: Pick<ConnectDeps, 'prisma' | 'clock' | 'keyring'> = { prisma: db.prisma, clock: clock.now, keyring };
  const world: ConnectWorld = {
    db,
    emu,
    clock,
    url: base,
    keyring,
    google,
    vault,
    logs,
    app,
    smtp,
    evaluations,
    organization: async (method = 'PER_USER') => {
      // acme.test is one organization's at a time (a verified domain names one tenant): each test takes it over.
      await db.prisma.organization.deleteMany({ where: { domains: { some: { domain: 'acme.test' } } } });
      const organization = await db.prisma.organization.create({
        data: {
          name: `Org ${randomBytes(3).toString('hex')}`,
          domains: { create: [{ domain: 'acme.test', verifiedAt: clock.now(), verifiedBy: 'boss@acme.test' }] },
          integration: {
            create: { vendor: 'GOOGLE_CALENDAR', method, ownerEmail: 'boss@acme.test', wizardStep: 'INSTALL', status: 'CONFIGURING' },
          },
        },
      });
      const people: Record<string, string> = {};
      for (const email of ['ana@acme.test', 'ben@acme.test', 'cara@acme.test', 'dan@acme.test']) {
        const person = await db.prisma.person.create({
          data: { organizationId: organization.id, email, displayName: email.split('@')[0]!, workingHours: {} },
        });
        people[email] = person.id;
      }
      return { id: organization.id, people };
    },
    link: async (organizationId, personId) =>
      (await createConnectLink(connectDeps, { organizationId, personId, source: 'ADDON', actor: { type: 'USER', id: personId } })).secret,
    open: async (secret) => answerOf(await fetch(`${base}/connect?link=${encodeURIComponent(secret)}`, { redirect: 'manual' })),
    start: async (secret) =>
      answerOf(
        await fetch(`${base}/connect/start`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
          body: new URLSearchParams({ link: secret, go: '1' }),
          redirect: 'manual',
        }),
      ),
    consent: async (authorizationUrl, choice = {}) => {
      const page = await openPage(authorizationUrl);
      if (page.status !== 200) throw new Error(`Google's consent page answered ${page.status}:\n${page.html}`);
      const form = parseSignInForm(page.html, authorizationUrl);
      const submitted = await submitForm(form, {
        ...(choice.account ? { account: choice.account } : {}),
        action: choice.action ?? 'allow',
        ...(choice.untick ? { untick: choice.untick } : {}),
      });
      if (!submitted.location?.startsWith(`${base}${CONNECT_CALLBACK_PATH}?`)) {
        throw new Error(`expected a redirect to the backend, got ${submitted.status} ${submitted.location ?? ''}:\n${submitted.html}`);
      }
      return submitted.location;
    },
    callback: async (url) => answerOf(await fetch(url, { redirect: 'manual' })),
    connect: async (organizationId, personId, choice = {}) => {
      const secret = await world.link(organizationId, personId);
      const started = await world.start(secret);
      if (started.status !== 303 || !started.location) throw new Error(`the connect page answered ${started.status}:\n${started.html}`);
      const callbackUrl = await world.consent(started.location, choice);
      return { ...(await world.callback(callbackUrl)), callbackUrl };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emu.close();
      mailer.close();
      await smtp.stop();
      await db.close();
    },
  };
  return world;
}

/** The text of a page in plain words: the one the domain-verification pages are read with. */
export { textOf } from '../admin/verification-world.js';
