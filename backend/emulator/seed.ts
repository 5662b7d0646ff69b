/** The seed document: domains, users, service accounts, grants and pre-existing events. */
import { invalid } from './errors.js';
import { redirectUriProblem, type NewOAuthClient } from './auth/oauth-clients.js';
import type { Grant, NewServiceAccount, NewUser, Reach } from './directory/accounts.js';
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
}

const stringList = (value: unknown, what: string): string[] => {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid(`${what} must be a list of strings`);
  return value as string[];
};

const list = (value: unknown, what: string): unknown[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(`${what} must be a list`);
  return value;
};

const needString = (record: JsonRecord, key: string, what: string): string => {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw invalid(`${what}.${key} is required`);
  return value;
};

/** Reads a grant's reach as the control API and seeds write it. */
export function readReach(value: unknown): Reach {
  if (value === undefined || value === 'domain') return { kind: 'domain' };
  if (isRecord(value) && value.orgUnits !== undefined) return { kind: 'orgUnits', orgUnits: stringList(value.orgUnits, 'reach.orgUnits') };
  if (isRecord(value) && value.groups !== undefined) return { kind: 'groups', groups: stringList(value.groups, 'reach.groups') };
  throw invalid('reach must be "domain", {orgUnits:[…]} or {groups:[…]}');
}

export function readGrant(value: unknown): SeedGrant {
  if (!isRecord(value)) throw invalid('a grant must be an object');
  if (typeof value.clientId !== 'string' && typeof value.serviceAccount !== 'string') throw invalid('a grant needs clientId or serviceAccount');
  readReach(value.reach);
  if (value.source !== undefined && value.source !== 'marketplace' && value.source !== 'adminConsole') throw invalid('grant.source must be marketplace or adminConsole');
  return { ...(value as unknown as SeedGrant), domain: needString(value, 'domain', 'grant'), scopes: stringList(value.scopes, 'grant.scopes') };
}

export function readUser(value: unknown): NewUser {
  if (!isRecord(value)) throw invalid('a user must be an object');
  const email = needString(value, 'email', 'user');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid(`user.email ${email} is not an email`);
  if (value.groups !== undefined) stringList(value.groups, 'user.groups');
  for (const key of ['givenName', 'familyName', 'timeZone', 'orgUnitPath'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') throw invalid(`user.${key} must be a string`);
  }
  return value as unknown as NewUser;
}

/** Validates an OAuth web client as seeds and `POST /emulator/v1/oauthClients` give it. */
export function readOAuthClient(value: unknown): NewOAuthClient {
  if (!isRecord(value)) throw invalid('an OAuth client must be an object');
  const redirectUris = stringList(value.redirectUris, 'oauthClient.redirectUris');
  if (redirectUris.length === 0) throw invalid('oauthClient.redirectUris needs at least one URI');
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw invalid(`oauthClient.redirectUris: ${problem}`);
  }
  for (const key of ['clientId', 'clientSecret', 'name'] as const) {
    if (value[key] !== undefined && (typeof value[key] !== 'string' || value[key] === '')) throw invalid(`oauthClient.${key} must be a non-empty string`);
  }
  return {
    redirectUris,
    ...(value.clientId !== undefined ? { clientId: value.clientId as string } : {}),
    ...(value.clientSecret !== undefined ? { clientSecret: value.clientSecret as string } : {}),
    ...(value.name !== undefined ? { name: value.name as string } : {}),
  };
}

const optionalBoolean = (record: JsonRecord, key: string, what: string): void => {
  if (record[key] !== undefined && typeof record[key] !== 'boolean') throw invalid(`${what}.${key} must be a boolean`);
};

/** Validates a seed document (shape only; events are validated when inserted). */
export function readSeed(value: unknown): Seed {
  if (!isRecord(value)) throw invalid('the seed must be a JSON object');
  return {
    domains: list(value.domains, 'domains').map((d) => {
      if (!isRecord(d)) throw invalid('a domain must be an object');
      needString(d, 'name', 'domain');
      if (d.customerId !== undefined) needString(d, 'customerId', 'domain');
      for (const key of ['primary', 'verified', 'freeBusyVisibleInDomain']) optionalBoolean(d, key, 'domain');
      return d as unknown as SeedDomain;
    }),
    users: list(value.users, 'users').map(readUser),
    serviceAccounts: list(value.serviceAccounts, 'serviceAccounts').map((s) => {
      if (!isRecord(s)) throw invalid('a service account must be an object');
      needString(s, 'clientEmail', 'serviceAccount');
      return s as unknown as NewServiceAccount;
    }),
    grants: list(value.grants, 'grants').map(readGrant),
    events: list(value.events, 'events').map((e) => {
      if (!isRecord(e) || !isRecord(e.event)) throw invalid('an event needs calendarId and event');
      needString(e, 'calendarId', 'event');
      return e as unknown as SeedEvent;
    }),
    oauthClients: list(value.oauthClients, 'oauthClients').map(readOAuthClient),
  };
}
