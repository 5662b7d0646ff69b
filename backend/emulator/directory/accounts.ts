/** Domains, users, service accounts and the grants (Marketplace installs, Admin-console delegations). */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { newNumericId } from '../ids.js';

/** A domain of a Workspace customer: its primary domain or one of its secondary domains. */
export interface Domain {
  name: string;
  /** The Workspace customer (`C0…`) the domain belongs to; domains sharing it are one organization. */
  customerId: string;
  /** The customer's primary domain (exactly one per customer); the others are secondary domains. */
  isPrimary: boolean;
  /** Domain ownership verified in the Admin console (Directory `domains.verified`). */
  verified: boolean;
  /** Whether users of this domain may see each other's free/busy (Google's default: yes). */
  freeBusyVisibleInDomain: boolean;
  creationTime: number;
}

export interface NewDomain {
  customerId?: string;
  /** Make this the customer's primary domain; by default the first domain seeded for a customer is. */
  primary?: boolean;
  verified?: boolean;
  freeBusyVisibleInDomain?: boolean;
}

export interface User {
  id: string;
  email: string;
  domain: string;
  givenName: string;
  familyName: string;
  timeZone: string;
  suspended: boolean;
  orgUnitPath: string;
  /** Group emails the user belongs to. */
  groups: string[];
  isAdmin: boolean;
  creationTime: string;
}

/** Which users of the domain a grant covers. */
export type Reach = { kind: 'domain' } | { kind: 'orgUnits'; orgUnits: string[] } | { kind: 'groups'; groups: string[] };

export interface Grant {
  id: string;
  clientId: string;
  domain: string;
  scopes: string[];
  reach: Reach;
  source: 'marketplace' | 'adminConsole';
}

/** An app's Google Workspace Marketplace listing: what an admin installs (its scopes come from the Marketplace SDK's configuration). */
export interface MarketplaceApp {
  /** The client id installs grant to (the app's service account). */
  clientId: string;
  name: string;
  scopes: string[];
}

export interface ServiceAccount {
  clientEmail: string;
  clientId: string;
  projectId: string;
  privateKeyId: string;
  privateKeyPem: string;
  publicKey: KeyObject;
}

/** The key file Google hands out for a service account. */
export interface ServiceAccountKeyJson {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

export interface NewUser {
  email: string;
  givenName?: string;
  familyName?: string;
  timeZone?: string;
  suspended?: boolean;
  orgUnitPath?: string;
  groups?: string[];
  isAdmin?: boolean;
}

export interface NewServiceAccount {
  clientEmail: string;
  clientId?: string;
  projectId?: string;
  /** A PEM private key to reuse (keeps a key file stable across restarts); generated when absent. */
  privateKey?: string;
  /** Kept with a reused private key so the key file stays the same. */
  privateKeyId?: string;
}

export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** True when `orgUnitPath` is `unit` or lies below it. */
const withinOrgUnit = (orgUnitPath: string, unit: string): boolean =>
  unit === '/' || orgUnitPath === unit || orgUnitPath.startsWith(`${unit.replace(/\/$/, '')}/`);

export class Accounts {
  readonly domains = new Map<string, Domain>();
  readonly users = new Map<string, User>();
  readonly usersById = new Map<string, User>();
  /** Emails of deleted users: Google answers "The account has been deleted" for them. */
  readonly deletedEmails = new Set<string>();
  readonly serviceAccounts = new Map<string, ServiceAccount>();
  readonly grants = new Map<string, Grant>();
  /** Marketplace listings by client id. */
  readonly marketplaceApps = new Map<string, MarketplaceApp>();

  /** Adds (or re-seeds) a domain; a domain without a customer id is a customer of its own. */
  addDomain(name: string, options: NewDomain = {}, createdAt = Date.now()): Domain {
    const key = name.toLowerCase();
    const existing = this.domains.get(key);
    const customerId = options.customerId ?? existing?.customerId ?? `C0${randomBytes(4).toString('hex')}`;
    const siblings = this.domainsOfCustomer(customerId).filter((d) => d.name !== key);
    const isPrimary = options.primary ?? (existing?.customerId === customerId ? existing.isPrimary : !siblings.some((d) => d.isPrimary));
    if (isPrimary) for (const sibling of siblings) sibling.isPrimary = false;
    const domain: Domain = {
      name: key,
      customerId,
      isPrimary,
      verified: options.verified ?? existing?.verified ?? true,
      freeBusyVisibleInDomain: options.freeBusyVisibleInDomain ?? existing?.freeBusyVisibleInDomain ?? true,
      creationTime: existing?.creationTime ?? createdAt,
    };
    this.domains.set(key, domain);
    return domain;
  }

  /** The customer's domains, primary first, then by name. */
  domainsOfCustomer(customerId: string): Domain[] {
    return [...this.domains.values()]
      .filter((d) => d.customerId === customerId)
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.name.localeCompare(b.name));
  }

  /** The customer id of a user's domain. */
  customerOf(user: User): string | undefined {
    return this.domains.get(user.domain)?.customerId;
  }

  /** The primary domain of the customer a user belongs to (their own domain when it is the primary). */
  primaryDomainOf(user: User): string {
    const customerId = this.customerOf(user);
    return (customerId ? this.domainsOfCustomer(customerId)[0]?.name : undefined) ?? user.domain;
  }

  addUser(input: NewUser, createdAt: number): User {
    const email = input.email.toLowerCase();
    const domain = domainOf(email);
    if (!this.domains.has(domain)) this.addDomain(domain, {}, createdAt);
    const local = email.slice(0, email.indexOf('@'));
    const [first = local, last = ''] = local.split(/[._-]/);
    const user: User = {
      id: this.users.get(email)?.id ?? newNumericId(),
      email,
      domain,
      givenName: input.givenName ?? capitalised(first),
      familyName: input.familyName ?? capitalised(last),
      timeZone: input.timeZone ?? 'UTC',
      suspended: input.suspended ?? false,
      orgUnitPath: input.orgUnitPath ?? '/',
      groups: (input.groups ?? []).map((g) => g.toLowerCase()),
      isAdmin: input.isAdmin ?? false,
      creationTime: new Date(createdAt).toISOString(),
    };
    this.users.set(email, user);
    this.usersById.set(user.id, user);
    this.deletedEmails.delete(email);
    return user;
  }

  removeUser(email: string): User | undefined {
    const user = this.users.get(email.toLowerCase());
    if (!user) return undefined;
    this.users.delete(user.email);
    this.usersById.delete(user.id);
    this.deletedEmails.add(user.email);
    return user;
  }

  user(emailOrId: string): User | undefined {
    return this.users.get(emailOrId.toLowerCase()) ?? this.usersById.get(emailOrId);
  }

  addServiceAccount(input: NewServiceAccount): ServiceAccount {
    const privateKeyPem =
      input.privateKey ??
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const account: ServiceAccount = {
      clientEmail: input.clientEmail.toLowerCase(),
      clientId: input.clientId ?? newNumericId(),
      projectId: input.projectId ?? input.clientEmail.split('@')[1]?.split('.')[0] ?? 'emulator-project',
      privateKeyId: input.privateKeyId ?? randomBytes(20).toString('hex'),
      privateKeyPem,
      publicKey: createPublicKey(createPrivateKey(privateKeyPem)),
    };
    this.serviceAccounts.set(account.clientEmail, account);
    return account;
  }

  addGrant(input: Omit<Grant, 'id'>): Grant {
    const grant: Grant = {
      ...input,
      id: `grant-${this.grants.size + 1}-${randomBytes(3).toString('hex')}`,
      domain: input.domain.toLowerCase(),
    };
    this.grants.set(grant.id, grant);
    return grant;
  }

  /** Revokes by id, or every grant of a client id in a domain (of one `source`, when given); returns how many went. */
  revokeGrants(match: { id?: string; clientId?: string; domain?: string; source?: Grant['source'] }): number {
    let removed = 0;
    for (const grant of [...this.grants.values()]) {
      const hit = match.id ? grant.id === match.id : grant.clientId === match.clientId && grant.domain === match.domain?.toLowerCase();
      if (hit && (!match.source || grant.source === match.source) && this.grants.delete(grant.id)) removed++;
    }
    return removed;
  }

  /**
   * Scopes the client id holds for this user: the union over grants whose reach includes the user, made in the
   * user's domain or in another domain of the same customer (an install or delegation covers the whole account).
   */
  delegatedScopes(clientId: string, user: User): Set<string> {
    const scopes = new Set<string>();
    const customerId = this.customerOf(user);
    for (const grant of this.grants.values()) {
      const sameAccount =
        grant.domain === user.domain || (customerId !== undefined && this.domains.get(grant.domain)?.customerId === customerId);
      if (grant.clientId === clientId && sameAccount && this.reaches(grant.reach, user)) {
        for (const scope of grant.scopes) scopes.add(scope);
      }
    }
    return scopes;
  }

  private reaches(reach: Reach, user: User): boolean {
    if (reach.kind === 'domain') return true;
    if (reach.kind === 'orgUnits') return reach.orgUnits.some((unit) => withinOrgUnit(user.orgUnitPath, unit));
    return reach.groups.some((group) => user.groups.includes(group.toLowerCase()));
  }

  /** Members of a group email, for free/busy group expansion. */
  groupMembers(groupEmail: string): User[] {
    const group = groupEmail.toLowerCase();
    return [...this.users.values()].filter((u) => u.groups.includes(group));
  }

  keyJson(account: ServiceAccount): ServiceAccountKeyJson {
    return {
      type: 'service_account',
      project_id: account.projectId,
      private_key_id: account.privateKeyId,
      private_key: account.privateKeyPem,
      client_email: account.clientEmail,
      client_id: account.clientId,
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(account.clientEmail)}`,
      universe_domain: 'googleapis.com',
    };
  }
}
