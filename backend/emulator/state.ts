/** All of the emulator's state in one object: what the HTTP handlers and the controls read and change. */
import { AdminPolicies } from './auth/admin-policies.js';
import { UserAuthorizations } from './auth/authorizations.js';
import { OAuthClients, type NewOAuthClient, type OAuthClient } from './auth/oauth-clients.js';
import { TokenStore } from './auth/tokens.js';
import { insertEvent, type EventWorld } from './calendar/event-writes.js';
import { CalendarStore, type Calendar } from './calendar/model.js';
import { Clock } from './clock.js';
import { Accounts, type NewUser, type ServiceAccountKeyJson, type User } from './directory/accounts.js';
import { invalid, notFound } from './errors.js';
import { Faults } from './faults.js';
import { IdTokenSigner } from './id-tokens.js';
import { Channels } from './push/channels.js';
import { PushDelivery } from './push/delivery.js';
import { RequestLog } from './request-log.js';
import { readOAuthClient, readReach, type Seed, type SeedGrant } from './seed.js';

export interface EmulatorSettings {
  /** Delay before a Meet conference turns from `pending` to `success`; 0 = at once. */
  conferenceDelayMs: number;
  /** Cap (and default) of a push channel's lifetime. */
  channelMaxTtlMs: number;
  /** Push delivery attempts per message (first try included). */
  pushMaxAttempts: number;
  /** First retry delay; doubles on each further attempt. */
  pushRetryBaseMs: number;
  /** `Cache-Control: max-age` of `/oauth2/v1/certs`. */
  certsMaxAgeSeconds: number;
  /**
   * The `hd` claim (ID tokens, userinfo, the sign-in callback) of a user on a secondary domain: that domain
   * (`userDomain`) or the customer's primary domain (`primaryDomain`). Google's choice is unverified [U].
   */
  hostedDomainClaim: 'userDomain' | 'primaryDomain';
  /** A refresh token unused for this long stops working (`invalid_grant`), on the emulator clock; Google: six months. */
  refreshTokenIdleMs: number;
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  conferenceDelayMs: 300,
  channelMaxTtlMs: 7 * 24 * 3600 * 1000,
  pushMaxAttempts: 5,
  pushRetryBaseMs: 100,
  certsMaxAgeSeconds: 21_600,
  hostedDomainClaim: 'userDomain',
  refreshTokenIdleMs: 183 * 24 * 3600 * 1000,
};

export class EmulatorState implements EventWorld {
  readonly clock = new Clock();
  readonly tokens = new TokenStore();
  readonly faults = new Faults();
  readonly requestLog = new RequestLog();
  readonly idTokens = new IdTokenSigner();
  /** Sign-in requests, authorization codes and consents of the user-facing OAuth flow. */
  readonly authorizations = new UserAuthorizations();
  /** Workspace API access controls: apps a customer does not trust for a restricted service. */
  readonly adminPolicies = new AdminPolicies();
  readonly delivery: PushDelivery;
  readonly channels: Channels;
  readonly store: CalendarStore;
  accounts = new Accounts();
  oauthClients = new OAuthClients();
  settings: EmulatorSettings;

  constructor(settings: Partial<EmulatorSettings> = {}) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    const now = (): number => this.clock.now();
    this.delivery = new PushDelivery(
      () => ({ maxAttempts: this.settings.pushMaxAttempts, retryBaseMs: this.settings.pushRetryBaseMs }),
      now,
    );
    this.channels = new Channels(this.delivery, now, () => this.settings.channelMaxTtlMs);
    this.store = new CalendarStore(this.clock, (calendarId) => this.channels.notify(calendarId));
  }

  readonly conferenceDelayMs = (): number => this.settings.conferenceDelayMs;

  /** Empties everything (users, clients, events, tokens, codes, channels, faults, log) and returns the clock to real time. */
  reset(): void {
    this.accounts = new Accounts();
    this.oauthClients = new OAuthClients();
    this.authorizations.clear();
    this.adminPolicies.clear();
    this.tokens.clear();
    this.store.clear();
    this.channels.clear();
    this.faults.clear();
    this.requestLog.reset();
    this.clock.reset();
  }

  /** Adds a seed on top of the current state; returns the key files of the seeded service accounts. */
  applySeed(seed: Seed): { serviceAccounts: ServiceAccountKeyJson[] } {
    for (const domain of seed.domains ?? []) this.accounts.addDomain(domain.name, domain, this.clock.now());
    for (const user of seed.users ?? []) this.addUser(user);
    const keys = (seed.serviceAccounts ?? []).map((account) => this.accounts.keyJson(this.accounts.addServiceAccount(account)));
    for (const client of seed.oauthClients ?? []) this.addOAuthClient(client);
    for (const grant of seed.grants ?? []) this.addGrant(grant);
    for (const app of seed.marketplaceApps ?? []) this.accounts.marketplaceApps.set(app.clientId, { ...app, scopes: [...app.scopes] });
    for (const { calendarId, event, conferenceDataVersion } of seed.events ?? []) {
      insertEvent(this, this.calendarOf(this.requireUser(calendarId)), event, { conferenceDataVersion: conferenceDataVersion ?? 0 });
    }
    return { serviceAccounts: keys };
  }

  addUser(input: NewUser): User {
    return this.accounts.addUser(input, this.clock.now());
  }

  addOAuthClient(input: NewOAuthClient): OAuthClient {
    return this.oauthClients.add(readOAuthClient(input));
  }

  /** The `hd` claim of a user: every emulated user belongs to a Workspace customer (setting `hostedDomainClaim`). */
  hostedDomainOf(user: User): string {
    return this.settings.hostedDomainClaim === 'primaryDomain' ? this.accounts.primaryDomainOf(user) : user.domain;
  }

  addGrant(input: SeedGrant): string {
    const clientId =
      input.clientId ??
      (input.serviceAccount ? this.accounts.serviceAccounts.get(input.serviceAccount.toLowerCase())?.clientId : undefined);
    if (!clientId) throw invalid(`unknown service account ${input.serviceAccount ?? ''}`);
    return this.accounts.addGrant({
      clientId,
      domain: input.domain,
      scopes: input.scopes,
      reach: readReach(input.reach),
      source: input.source ?? 'marketplace',
    }).id;
  }

  /** The user's grant to a web client ends (revoked, or removed in their Google Account): its refresh and access tokens too. */
  revokeUserGrant(clientId: string, subject: string): boolean {
    this.tokens.revokeGrant(clientId, subject);
    return this.authorizations.revokeGrant(clientId, subject);
  }

  /** Suspending (or deleting) a user also ends their access tokens, as Google does. */
  setSuspended(email: string, suspended: boolean): User {
    const user = this.requireUser(email);
    user.suspended = suspended;
    if (suspended) this.tokens.revokeSubject(user.email);
    return user;
  }

  deleteUser(email: string): void {
    const user = this.requireUser(email);
    this.accounts.removeUser(user.email);
    this.tokens.revokeSubject(user.email);
    this.authorizations.forgetSubject(user.email);
    this.store.deleteCalendar(user.email);
  }

  requireUser(email: string): User {
    const user = this.accounts.user(email);
    if (!user) throw notFound();
    return user;
  }

  /** The user's primary calendar, created on first use. */
  calendarOf(user: User): Calendar {
    return this.store.ensureCalendar(user.email, user.timeZone, `${user.givenName} ${user.familyName}`.trim());
  }

  close(): void {
    this.clock.dispose();
    this.channels.clear();
    this.delivery.close();
  }
}
