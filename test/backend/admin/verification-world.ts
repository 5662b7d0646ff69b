/**
 * A world for domain verification: a test database, the emulator (Google) over HTTP, the backend
 * listening on a real port (Google redirects the browser to it), the world's clock, and a browser
 * stand-in that opens the authorization URL, posts the emulator's account chooser and follows the
 * redirect to the backend's callback — the real google-auth-library and googleapis clients all the way.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GoogleEndpoints } from '../../../backend/google/endpoints.js';
import { WorkspaceSignIn } from '../../../backend/google/workspace-sign-in.js';
import type { AppDeps } from '../../../backend/http/app.js';
import { startTestEmulator, testSeed, type TestEmulator } from '../../emulator/support/emulator.js';
import { openPage, parseSignInForm, submitForm } from '../../emulator/support/sign-in.js';
import { createTestApp } from '../../support/app.js';
import { WorldClock } from '../../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createAdminToken } from '../../support/factories.js';
import { answerConfirmation } from './confirmation-form.js';
import { adminApi, type AdminApi } from './support.js';

export const OAUTH_CLIENT = { clientId: 'together-admin-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-together-test-secret' };

/** A Workspace customer of its own: a primary domain (a super admin and a member), a secondary one, one Google has not verified. */
export interface Customer {
  customerId: string;
  primary: string;
  secondary: string;
  unverified: string;
  admin: string;
  member: string;
}

/** What the backend answered the browser at the end of the sign-in. */
export interface CallbackAnswer {
  status: number;
  html: string;
  headers: Headers;
  /** The callback URL Google redirected to (with code or error, and state). */
  callbackUrl: string;
}

export interface VerificationWorld {
  db: TestDatabase;
  emu: TestEmulator;
  clock: WorldClock;
  /** The backend's base URL. */
  url: string;
  redirectUri: string;
  newCustomer(): Promise<Customer>;
  /** An organization claiming `domains` (unverified unless given a verifier), with a token and an admin API client. */
  organization(
    domains: Array<string | { domain: string; verifiedBy: string }>,
    name?: string,
  ): Promise<{ id: string; name: string; api: AdminApi }>;
  /**
   * The browser: chooser → `account` (default: the preselected one) → Continue or Cancel → the
   * backend's callback → its confirmation page, answered with `confirm` (default `verify`; `false`
   * stops at that page).
   */
  signIn(
    authorizationUrl: string,
    choice?: { account?: string; action?: 'allow' | 'cancel'; confirm?: 'verify' | 'decline' | false },
  ): Promise<CallbackAnswer>;
  /** The same without following Google's redirect: the callback URL it points to. */
  authorize(authorizationUrl: string, choice?: { account?: string; action?: 'allow' | 'cancel' }): Promise<URL>;
  /** Every row a verification may touch (domains, verifications, the audit log's size), to show that nothing changed. */
  snapshot(): Promise<{ domains: unknown[]; verifications: unknown[]; audit: number }>;
  /** GET a callback URL again (a replay, or one made up). */
  callback(query: string): Promise<CallbackAnswer>;
  close(): Promise<void>;
}

export async function startVerificationWorld(overrides: Partial<AppDeps> = {}): Promise<VerificationWorld> {
  const db = await createTestDatabase();
  const emu = await startTestEmulator({ seed: testSeed() });
  const clock = new WorldClock();
  let redirectUri = '';
  const signIn = new WorkspaceSignIn(new GoogleEndpoints(emu.url), {
    client: OAUTH_CLIENT,
    redirectUri: () => redirectUri,
    marketplaceListingUrl: 'https://workspace.google.com/marketplace/app/together/1',
    backoff: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
  });
  const { app } = createTestApp(db, { clock: clock.now, workspaceSignIn: signIn, ...overrides });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  redirectUri = `${url}/admin/oauth/callback`;
  const registered = await emu.control('POST', '/oauthClients', { ...OAUTH_CLIENT, name: 'Together (test)', redirectUris: [redirectUri] });
  if (registered.status !== 200 && registered.status !== 201)
    throw new Error(`could not register the OAuth client: ${JSON.stringify(registered.body)}`);

  const authorize = async (authorizationUrl: string, choice: { account?: string; action?: 'allow' | 'cancel' } = {}): Promise<URL> => {
    const page = await openPage(authorizationUrl);
    if (page.status !== 200) throw new Error(`the authorization URL answered ${page.status}:\n${page.html}`);
    const form = parseSignInForm(page.html, authorizationUrl);
    const submitted = await submitForm(form, { ...(choice.account ? { account: choice.account } : {}), action: choice.action ?? 'allow' });
    if (!submitted.location?.startsWith(`${redirectUri}?`))
      throw new Error(`expected a redirect to the backend, got ${submitted.status} ${submitted.location ?? ''}:\n${submitted.html}`);
    return new URL(submitted.location);
  };
  const answer = async (location: string): Promise<CallbackAnswer> => {
    const landed = await fetch(location, { redirect: 'manual' });
    return { status: landed.status, html: await landed.text(), headers: landed.headers, callbackUrl: location };
  };
  return {
    db,
    emu,
    clock,
    url,
    redirectUri,
    newCustomer: async () => {
      const id = randomBytes(4).toString('hex');
      const customer: Customer = {
        customerId: `C0${id}`,
        primary: `c${id}.test`,
        secondary: `labs-${id}.test`,
        unverified: `pending-${id}.test`,
        admin: `boss@c${id}.test`,
        member: `ana@c${id}.test`,
      };
      const seeded = await emu.control('POST', '/seed', {
        domains: [
          { name: customer.primary, customerId: customer.customerId, primary: true },
          { name: customer.secondary, customerId: customer.customerId },
          { name: customer.unverified, customerId: customer.customerId, verified: false },
        ],
        users: [
          { email: customer.admin, givenName: 'Bo', familyName: 'Boss', isAdmin: true },
          { email: customer.member, givenName: 'Ana', familyName: 'Member' },
        ],
      });
      if (seeded.status !== 200) throw new Error(`could not seed a customer: ${JSON.stringify(seeded.body)}`);
      return customer;
    },
    organization: async (domains, name = `Org ${randomBytes(3).toString('hex')}`) => {
      const organization = await db.prisma.organization.create({
        data: {
          name,
          domains: {
            create: domains.map((d) =>
              typeof d === 'string' ? { domain: d } : { domain: d.domain, verifiedAt: clock.now(), verifiedBy: d.verifiedBy },
            ),
          },
        },
      });
      const { record, token } = await createAdminToken(db.prisma, organization.id);
      return { id: organization.id, name, api: adminApi(app, organization.id, { token, tokenId: record.id }) };
    },
    authorize: (authorizationUrl, choice) => authorize(authorizationUrl, choice),
    signIn: async (authorizationUrl, choice = {}) => {
      const landed = await answer((await authorize(authorizationUrl, choice)).toString());
      return choice.confirm === false ? landed : answerConfirmation(landed, landed.callbackUrl, choice.confirm ?? 'verify');
    },
    callback: (query) => answer(`${redirectUri}${query}`),
    snapshot: async () => ({
      domains: await db.prisma.workspaceDomain.findMany({ orderBy: { domain: 'asc' } }),
      verifications: await db.prisma.domainVerification.findMany({ orderBy: { id: 'asc' } }),
      audit: await db.prisma.auditLogEntry.count(),
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emu.close();
      await db.close();
    },
  };
}

/** The text of a page, tags dropped and whitespace collapsed, for assertions in plain words. */
export const textOf = (html: string): string =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
