import { LRUCache } from 'lru-cache';
import { domainOf, type Impersonation } from '../../google/impersonation.js';
import type { ConnectionRefusal, ConnectionVault, IntegrationMethod, StoredConnection } from '../../google/per-user-auth.js';
import { PER_USER_FIXES, PER_USER_REASONS } from '../../google/per-user-auth.js';
import type { DomainDeps } from '../deps.js';
import type { TokenKeyring } from './token-keyring.js';

export interface ConnectionVaultDeps extends DomainDeps {
  /** Null outside the sandbox without TOKEN_ENCRYPTION_KEYS: no connection can be stored or read. */
  keyring: TokenKeyring | null;
  /** After a refusal is recorded: the person's access changed, their channel was stopped (health evaluates). */
  requestHealthEvaluation: (organizationId: string) => Promise<void>;
  /** How long an organization's method is remembered per domain (a method change reaches other replicas after this). */
  methodTtlMs?: number;
}

/** The person the subject is, found through their verified domain (a verified domain belongs to one organization). */
function subjectPerson(who: Impersonation) {
  const email = who.subject.toLowerCase();
  return { email, organization: { domains: { some: { domain: domainOf(email), verifiedAt: { not: null } } } } };
}

async function personOf(deps: DomainDeps, who: Impersonation): Promise<{ id: string; organizationId: string } | null> {
  return deps.prisma.person.findFirst({ where: subjectPerson(who), select: { id: true, organizationId: true } });
}

/**
 * The database behind google/'s ConnectionVault: refresh tokens sealed with the keyring (the person
 * id as additional data), rotations written before they are relied on, and a refusal recorded on the
 * connection, the person's calendar access and their push channel at once.
 */
export class DatabaseConnectionVault implements ConnectionVault {
  readonly #methods: LRUCache<string, { method: IntegrationMethod }>;

  constructor(private readonly deps: ConnectionVaultDeps) {
    this.#methods = new LRUCache({ max: 10_000, ttl: deps.methodTtlMs ?? 5_000 });
  }

  /** Forgets remembered methods (this process changed one). */
  forgetMethods(): void {
    this.#methods.clear();
  }

  async methodOf(who: Impersonation): Promise<IntegrationMethod> {
    const domain = domainOf(who.subject);
    const known = this.#methods.get(domain);
    if (known) return known.method;
    const row = await this.deps.prisma.workspaceDomain.findFirst({
      where: { domain, verifiedAt: { not: null } },
      select: { organization: { select: { integration: { select: { method: true } } } } },
    });
    const method: IntegrationMethod = row?.organization.integration?.method === 'PER_USER' ? 'PER_USER' : 'DOMAIN_WIDE';
    this.#methods.set(domain, { method });
    return method;
  }

  async connectionOf(who: Impersonation): Promise<StoredConnection | null> {
    // One query per call (every check of a per-user integration test makes one): the person through the relation.
    const row = await this.deps.prisma.calendarConnection.findFirst({ where: { person: subjectPerson(who) } });
    if (!row) return null;
    const keyring = this.requireKeyring();
    return {
      status: row.status,
      refreshToken: keyring.open({ keyId: row.keyId, sealed: row.encryptedRefreshToken }, row.personId),
      ...(row.previousEncryptedRefreshToken && row.previousKeyId
        ? { previousRefreshToken: keyring.open({ keyId: row.previousKeyId, sealed: row.previousEncryptedRefreshToken }, row.personId) }
        : {}),
      grantedScopes: row.grantedScopes,
      statusReason: row.statusReason,
    };
  }

  async rotated(who: Impersonation, next: string, replaced: string): Promise<void> {
    const person = await personOf(this.deps, who);
    if (!person) return;
    const keyring = this.requireKeyring();
    const current = keyring.seal(next, person.id);
    const previous = keyring.seal(replaced, person.id);
    await this.deps.prisma.calendarConnection.updateMany({
      where: { organizationId: person.organizationId, personId: person.id },
      data: {
        encryptedRefreshToken: Buffer.from(current.sealed),
        keyId: current.keyId,
        previousEncryptedRefreshToken: Buffer.from(previous.sealed),
        previousKeyId: previous.keyId,
        refreshedAt: this.deps.clock(),
      },
    });
  }

  async rotationConfirmed(who: Impersonation): Promise<void> {
    await this.deps.prisma.calendarConnection.updateMany({
      where: { person: subjectPerson(who), previousEncryptedRefreshToken: { not: null } },
      data: { previousEncryptedRefreshToken: null, previousKeyId: null, refreshedAt: this.deps.clock() },
    });
  }

  async refused(who: Impersonation, refusal: ConnectionRefusal): Promise<void> {
    const person = await personOf(this.deps, who);
    if (!person) return;
    const { organizationId, id: personId } = person;
    const now = this.deps.clock();
    const reason =
      refusal.status === 'BLOCKED_BY_POLICY'
        ? PER_USER_REASONS.adminPolicy
        : refusal.accountGone
          ? PER_USER_REASONS.accountGone
          : PER_USER_REASONS.revoked;
    const access = ACCESS_OF[reason];
    const changed = await this.deps.prisma.$transaction(async (tx) => {
      await tx.calendarConnection.updateMany({
        where: { organizationId, personId },
        data: { status: refusal.status, statusReason: refusal.reason, previousEncryptedRefreshToken: null, previousKeyId: null },
      });
      // The channel cannot be stopped at Google without a working token: Together stops listening to it.
      await tx.watchChannel.updateMany({
        where: { organizationId, personId, status: 'ACTIVE' },
        data: { status: 'STOPPED', stoppedAt: now },
      });
      const before = await tx.personCalendarAccess.findUnique({ where: { organizationId_personId: { organizationId, personId } } });
      const fields = {
        status: access,
        reason: `${ACCESS_REASON[reason]} (${refusal.reason})`,
        fix: PER_USER_FIXES[reason],
        checkedAt: now,
      };
      await tx.personCalendarAccess.upsert({
        where: { organizationId_personId: { organizationId, personId } },
        create: { organizationId, personId, ...fields },
        update: fields,
      });
      return before?.status !== access;
    });
    if (changed) await this.deps.requestHealthEvaluation(organizationId);
  }

  private requireKeyring(): TokenKeyring {
    if (!this.deps.keyring) throw new Error('TOKEN_ENCRYPTION_KEYS is not configured: per-user connections cannot be read or written.');
    return this.deps.keyring;
  }
}

/** The calendar-access status each per-user failure reason is recorded as. */
export const ACCESS_OF = {
  not_connected: 'NOT_CONNECTED',
  connection_revoked: 'CONNECTION_REVOKED',
  calendar_scope_not_granted: 'SCOPE_NOT_GRANTED',
  admin_policy_enforced: 'BLOCKED_BY_POLICY',
  account_deleted_or_suspended: 'SUSPENDED_OR_DELETED',
} as const;

const ACCESS_REASON = {
  not_connected: 'Not connected yet: the person has not connected their Google Calendar.',
  connection_revoked: 'Connection revoked or expired.',
  calendar_scope_not_granted: 'Calendar access not granted when the person connected.',
  admin_policy_enforced: "Blocked by the Google Workspace admin's policy for third-party apps.",
  account_deleted_or_suspended: 'The Google account is suspended or deleted.',
} as const;
