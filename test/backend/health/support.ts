import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { AccessStatus } from '../../../backend/store/generated/prisma/client.js';
import { WorldClock } from '../../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createOrganization, createPerson } from '../../support/factories.js';

/**
 * A health test file's world: its database and its one clock, which the backend's `clock`
 * dependency reads and from which the rows the tests write take their times. Tests move it by
 * durations (`clock.advance`), never to a date.
 */
export interface HealthWorld {
  db: TestDatabase;
  clock: WorldClock;
}

/** A fresh database, and a clock starting at the process's instant. */
export async function startHealthWorld(): Promise<HealthWorld> {
  return { db: await createTestDatabase(), clock: new WorldClock() };
}

/** A mail the test SMTP server received, decoded. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The body of a single-part message (multipart ones: parse `raw`, e.g. with mailparser). */
  text: string;
  /** The Message-ID header, with its angle brackets. */
  messageId: string;
  /** The whole message as the server received it. */
  raw: string;
}

/** A real SMTP server on loopback, recording what it receives; it can be started late and stopped. */
export interface TestSmtpServer {
  readonly port: number;
  readonly url: string;
  readonly mails: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A free loopback port, for a server that starts later. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function createSmtpServer(options: { started?: boolean } = {}): Promise<TestSmtpServer> {
  const port = await freePort();
  const mails: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  const smtp: TestSmtpServer = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    start: async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(raw), raw });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    stop: async () => {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    },
  };
  if (options.started ?? true) await smtp.start();
  return smtp;
}

/** Subject and plain-text body of a single-part message (quoted-printable, base64 or 7bit). */
function parseMessage(raw: string): { subject: string; text: string; messageId: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headerText)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  let text = body;
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    text = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  } else if (encoding === 'base64') {
    text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { subject: header('Subject'), text: text.replace(/\r\n/g, '\n').trimEnd(), messageId: header('Message-ID').trim() };
}

/** Resolves once `predicate` holds, polling; fails after `ms`. */
export async function eventually(predicate: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An organization whose integration completed its setup, with people in the given access states;
 * last tested now on the world's clock unless `lastTestedAt` says otherwise.
 */
export async function createMonitoredOrganization(
  world: HealthWorld,
  statuses: AccessStatus[],
  options: { ownerEmail?: string | null; wizardStep?: 'TEST' | 'DONE'; lastTestedAt?: Date | null; name?: string } = {},
) {
  const { prisma } = world.db;
  const organization = await createOrganization(prisma, options.name ? { name: options.name } : {});
  await prisma.calendarIntegration.create({
    data: {
      organizationId: organization.id,
      vendor: 'GOOGLE_CALENDAR',
      method: 'DOMAIN_WIDE',
      ownerEmail: options.ownerEmail === undefined ? 'owner@acme.example' : options.ownerEmail,
      wizardStep: options.wizardStep ?? 'DONE',
      status: options.wizardStep === 'TEST' ? 'CONFIGURING' : 'ACTIVE',
      lastTestedAt: options.lastTestedAt === undefined ? world.clock.now() : options.lastTestedAt,
    },
  });
  const people = [];
  for (const status of statuses) {
    const person = await createPerson(prisma, organization.id);
    await setAccess(world, organization.id, [person.id], status);
    people.push(person);
  }
  return { organization, people };
}

/** Sets people's current access, checked now on the world's clock, as an integration test would. */
export async function setAccess(world: HealthWorld, organizationId: string, personIds: string[], status: AccessStatus) {
  const failing = status !== 'ACTIVE' && status !== 'UNKNOWN';
  const fields = {
    status,
    reason: failing ? `Reason ${status}` : null,
    fix: failing ? `Fix for ${status}: do the thing in the Admin console` : null,
    checkedAt: world.clock.now(),
  };
  for (const personId of personIds) {
    await world.db.prisma.personCalendarAccess.upsert({
      where: { organizationId_personId: { organizationId, personId } },
      create: { organizationId, personId, ...fields },
      update: fields,
    });
  }
}
