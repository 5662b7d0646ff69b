/**
 * The console sign-in world: a database, the world's clock, the real app — plus, in front of it, one
 * console page (`GET|POST /admin/probe`) behind `consoleSession` and `requireConsoleSignIn`, mounted
 * as the console's pages mount them — and a browser's side: its headers, its cookie.
 */
import express, { type Express } from 'express';
import request from 'supertest';
import { hashToken } from '../../../backend/domain/admin/token-secret.js';
import { consoleSession, requireConsoleSignIn, sameOriginOnly } from '../../../backend/http/console/session.js';
import { createApp } from '../../../backend/http/app.js';
import { errorHandler } from '../../../backend/http/errors.js';
import { captureLogs } from '../../support/app.js';
import { WorldClock } from '../../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createAdminToken, createOrganization } from '../../support/factories.js';

/** The console as a browser on this machine reaches it. */
export const ORIGIN = 'http://localhost:8080';
/** What a browser sends with a form post or a script's write from one of the console's pages. */
export const SAME_ORIGIN = { host: 'localhost:8080', origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
/** The same request, as another site's page makes it. */
export const CROSS_SITE = { host: 'localhost:8080', origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' };

export interface ConsoleWorld {
  db: TestDatabase;
  clock: WorldClock;
  app: Express;
  close(): Promise<void>;
}

export async function startConsoleWorld(): Promise<ConsoleWorld> {
  const db = await createTestDatabase();
  const clock = new WorldClock();
  const deps = { prisma: db.prisma, clock: clock.now };
  const { logger } = captureLogs();
  const app = express();
  app.set('trust proxy', 'loopback');
  app.all('/admin/probe', consoleSession(deps), requireConsoleSignIn, sameOriginOnly, (_req, res) => {
    res.json({ admin: res.locals.admin, consoleSessionId: res.locals.consoleSessionId });
  });
  app.use(createApp({ db, logger, bodyLimit: '100kb', clock: clock.now }));
  app.use(errorHandler);
  return { db, clock, app, close: () => db.close() };
}

/** A fresh organization and an admin token of it. */
export async function adminToken(world: ConsoleWorld) {
  const organization = await createOrganization(world.db.prisma);
  const { record, token } = await createAdminToken(world.db.prisma, organization.id);
  return { organizationId: organization.id, tokenId: record.id, token };
}

/** Posts the sign-in form as a browser on the console's page would (or with other headers). */
export function postSignIn(app: Express, fields: Record<string, string | string[]>, headers: Record<string, string> = SAME_ORIGIN) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
  return request(app).post('/admin/sign-in').set(headers).type('form').send(body.toString());
}

/** The console cookie an answer sets: its value and its attributes as written (lower-cased names). */
export function consoleCookie(response: {
  headers: Record<string, unknown>;
}): { value: string; attributes: Record<string, string> } | undefined {
  const cookies = (response.headers['set-cookie'] as string[] | undefined) ?? [];
  const line = cookies.find((cookie) => cookie.startsWith('together_console='));
  if (!line) return undefined;
  const [pair, ...rest] = line.split(';').map((part) => part.trim());
  const attributes = Object.fromEntries(
    rest.map((part) => {
      const [name, ...value] = part.split('=');
      return [name!.toLowerCase(), value.join('=')];
    }),
  );
  return { value: pair!.slice('together_console='.length), attributes };
}

/** Signs in with `token` and returns the cookie's value. */
export async function signedIn(app: Express, token: string): Promise<string> {
  const response = await postSignIn(app, { token });
  const cookie = consoleCookie(response);
  if (response.status !== 303 || !cookie?.value) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.headers)}`);
  return cookie.value;
}

/** The stored session of a cookie value (found by its hash, as the backend finds it). */
export const sessionOf = (world: ConsoleWorld, secret: string) =>
  world.db.prisma.consoleSession.findUnique({ where: { secretHash: hashToken(secret) } });

/** A request with the console cookie, from the console's own origin. */
export const withCookie = (test: request.Test, secret: string, headers: Record<string, string> = SAME_ORIGIN) =>
  test.set(headers).set('cookie', `together_console=${secret}`);
