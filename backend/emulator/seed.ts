/** The seed document: domains, users, service accounts, grants and pre-existing events. */
import { z } from 'zod';
import { invalid } from './errors.js';
import { redirectUriProblem, type NewOAuthClient } from './auth/oauth-clients.js';
import type { Grant, MarketplaceApp, NewServiceAccount, NewUser, Reach } from './directory/accounts.js';
import { isRecord, type JsonRecord } from './json.js';

/**
 * A domain of a Workspace customer. Domains with the same `customerId` are one customer: the one marked
 * `primary` (else the first seeded) is its primary domain, the others secondary domains. Without a
 * `customerId` a domain is a customer of its own.
 */
export interface SeedDomain {
  name: string;
  customerId?: string;
  primary?: boolean;
  /** Ownership verified (default true). */
  verified?: boolean;
  freeBusyVisibleInDomain?: boolean;
}

/** A grant names its client by `clientId` or by the seeded `serviceAccount` email. */
export interface SeedGrant {
  clientId?: string;
  serviceAccount?: string;
  domain: string;
  scopes: string[];
  /** `"domain"`, `{orgUnits:[…]}` or `{groups:[…]}`. */
  reach?: 'domain' | { orgUnits: string[] } | { groups: string[] };
  source?: Grant['source'];
}

export interface SeedEvent {
  /** The organizer's calendar (their email). */
  calendarId: string;
  /** A Calendar v3 event body, as `events.insert` takes it. */
  event: JsonRecord;
  conferenceDataVersion?: number;
}

export interface Seed {
  domains?: SeedDomain[];
  users?: NewUser[];
  serviceAccounts?: NewServiceAccount[];
  grants?: SeedGrant[];
  events?: SeedEvent[];
  /** OAuth web clients (client id, secret, exact redirect URIs) for the sign-in flow. */
  oauthClients?: NewOAuthClient[];
  /** Marketplace listings (client id, name, the scopes an install grants): the admin's install page. */
  marketplaceApps?: MarketplaceApp[];
}

/** Reads untrusted JSON with `schema`; the first problem is a 400 naming the field (`users.0.email: …`). */
function read<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw invalid(`${[what, ...issue.path.map(String)].join('.')}: ${issue.message}`);
}

const nonEmpty = z.string().min(1, 'is required');
const strings = z.array(z.string(), 'must be a list of strings');
const jsonObject = z.custom<JsonRecord>(isRecord, 'must be an object');

/** A grant's reach as the control API and seeds write it. */
const reachInput = z.union([z.literal('domain'), z.object({ orgUnits: strings }), z.object({ groups: strings })], {
  error: 'reach must be "domain", {orgUnits:[…]} or {groups:[…]}',
});

const grantInput = z
  .object({
    clientId: z.string().optional(),
    serviceAccount: z.string().optional(),
    domain: nonEmpty,
    scopes: strings,
    reach: reachInput.optional(),
    source: z.enum(['marketplace', 'adminConsole'], 'must be marketplace or adminConsole').optional(),
  })
  .refine((grant) => grant.clientId !== undefined || grant.serviceAccount !== undefined, 'a grant needs clientId or serviceAccount');

const userInput = z.object({
  email: nonEmpty.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'is not an email'),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  timeZone: z.string().optional(),
  suspended: z.boolean().optional(),
  orgUnitPath: z.string().optional(),
  groups: strings.optional(),
  isAdmin: z.boolean().optional(),
});

const oauthClientInput = z.object({
  redirectUris: strings.min(1, 'needs at least one URI').superRefine((uris, ctx) => {
    for (const uri of uris) {
      const problem = redirectUriProblem(uri);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
  }),
  clientId: nonEmpty.optional(),
  clientSecret: nonEmpty.optional(),
  name: nonEmpty.optional(),
  rotateRefreshTokens: z.boolean().optional(),
});

const domainInput = z.object({
  name: nonEmpty,
  customerId: nonEmpty.optional(),
  primary: z.boolean().optional(),
  verified: z.boolean().optional(),
  freeBusyVisibleInDomain: z.boolean().optional(),
});

const serviceAccountInput = z.object({
  clientEmail: nonEmpty,
  clientId: z.string().optional(),
  projectId: z.string().optional(),
  privateKey: z.string().optional(),
  privateKeyId: z.string().optional(),
});

const marketplaceAppInput = z.object({ clientId: nonEmpty, name: nonEmpty, scopes: strings.min(1, 'needs at least one scope') });

const eventInput = z.object({ calendarId: nonEmpty, event: jsonObject, conferenceDataVersion: z.number().optional() });

/** Events are validated when inserted; the seed checks only their shape. Absent lists are empty. */
const seedInput = z.object({
  domains: z.array(domainInput).default([]),
  users: z.array(userInput).default([]),
  serviceAccounts: z.array(serviceAccountInput).default([]),
  grants: z.array(grantInput).default([]),
  events: z.array(eventInput).default([]),
  oauthClients: z.array(oauthClientInput).default([]),
  marketplaceApps: z.array(marketplaceAppInput).default([]),
});

/** Reads a grant's reach as the control API and seeds write it. */
export function readReach(value: unknown): Reach {
  const reach = read(reachInput.optional(), value, 'reach');
  if (reach === undefined || reach === 'domain') return { kind: 'domain' };
  return 'orgUnits' in reach ? { kind: 'orgUnits', orgUnits: reach.orgUnits } : { kind: 'groups', groups: reach.groups };
}

export function readGrant(value: unknown): SeedGrant {
  return read(grantInput, value, 'grant');
}

export function readUser(value: unknown): NewUser {
  return read(userInput, value, 'user');
}

/** Validates an OAuth web client as seeds and `POST /emulator/v1/oauthClients` give it. */
export function readOAuthClient(value: unknown): NewOAuthClient {
  return read(oauthClientInput, value, 'oauthClient');
}

/** Validates a seed document (shape only; events are validated when inserted). */
export function readSeed(value: unknown): Seed {
  return read(seedInput, value, 'seed');
}
