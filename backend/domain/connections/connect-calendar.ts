import { createHash, randomBytes } from 'node:crypto';
import type { CalendarGrant } from '../../google/calendar-consent.js';
import { GoogleApiError } from '../../google/errors.js';
import { CALENDAR_SCOPE } from '../../google/per-user-auth.js';
import type { AuthorizationRequest } from '../../google/workspace-sign-in.js';
import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { ConnectRequestSource } from '../../store/generated/prisma/client.js';
import type { TokenKeyring } from './token-keyring.js';

/** A link from the add-on is used at once; one mailed by an admin waits in an inbox. */
export const CONNECT_LINK_TTL_MS: Record<ConnectRequestSource, number> = { ADDON: 15 * 60_000, ADMIN_MAIL: 72 * 3_600_000 };
/** Google's consent page, from the redirect to the callback (Google's codes live 10 minutes too). */
export const CONNECT_STATE_TTL_MS = 10 * 60_000;

/** Google's side of connecting, as the domain needs it (google/'s CalendarConsent and PerUserAuth fill it). */
export interface ConnectGateway {
  authorizationRequest(input: { state: string; loginHint: string }): Promise<AuthorizationRequest>;
  complete(input: { code: string; codeVerifier: string }): Promise<CalendarGrant>;
  revoke(refreshToken: string): Promise<void>;
  /** Drops the person's cached client: the next call reads the new connection. */
  forget(subject: string): void;
}

export interface ConnectDeps extends DomainDeps {
  keyring: TokenKeyring | null;
  gateway: ConnectGateway;
  requestHealthEvaluation: (organizationId: string) => Promise<void>;
  /** Opens the person's push channel when they have upcoming sessions (sync's channel pass for them). */
  onConnected: (personId: string) => Promise<void>;
}

const hash = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const newSecret = (): string => randomBytes(32).toString('base64url');

/** The organization must use the per-user method, and refresh tokens must be encryptable. */
async function assertPerUser(deps: DomainDeps & { keyring: TokenKeyring | null }, organizationId: string): Promise<void> {
  const integration = await deps.prisma.calendarIntegration.findUnique({ where: { organizationId }, select: { method: true } });
  if (integration?.method !== 'PER_USER') {
    throw new AppError('not_per_user', 'This organization does not use the per-user method: people do not connect their own calendars.');
  }
  if (!deps.keyring) throw new AppError('token_keys_missing', 'TOKEN_ENCRYPTION_KEYS is not configured, so no connection can be stored.');
}

/**
 * A single-use connect link for one person: only its secret's SHA-256 is stored, bound to the person
 * (never their email in the URL). The secret is returned once, to be put in the link. It supersedes
 * the person's earlier unused links: they expire now (their page says expired), so only the newest works.
 */
export async function createConnectLink(
  deps: DomainDeps & { keyring: TokenKeyring | null },
  input: { organizationId: string; personId: string; source: ConnectRequestSource; actor: Actor },
): Promise<{ secret: string; expiresAt: Date; requestId: string }> {
  await assertPerUser(deps, input.organizationId);
  const secret = newSecret();
  const expiresAt = new Date(deps.clock().getTime() + CONNECT_LINK_TTL_MS[input.source]);
  const requestId = await deps.prisma.$transaction(async (tx) => {
    const now = deps.clock();
    await tx.calendarConnectRequest.updateMany({
      where: { organizationId: input.organizationId, personId: input.personId, linkUsedAt: null, linkExpiresAt: { gt: now } },
      data: { linkExpiresAt: now },
    });
    const request = await tx.calendarConnectRequest.create({
      data: {
        organizationId: input.organizationId,
        personId: input.personId,
        source: input.source,
        linkHash: hash(secret),
        linkExpiresAt: expiresAt,
        requestedBy: input.actor.type === 'ADMIN_TOKEN' ? input.actor.id : null,
      },
    });
    if (input.source === 'ADMIN_MAIL') {
      await writeAuditEntry(tx, {
        organizationId: input.organizationId,
        actor: input.actor,
        action: 'calendar.connect_link.sent',
        target: { type: 'Person', id: input.personId },
        details: { requestId: request.id, expiresAt: expiresAt.toISOString() },
        at: deps.clock(),
      });
    }
    return request.id;
  });
  return { secret, expiresAt, requestId };
}

/** Who a connect link is for, for the page that asks them to continue to Google (nothing is used yet). */
export async function describeConnectLink(deps: DomainDeps, secret: string): Promise<{ displayName: string; email: string }> {
  const request = await deps.prisma.calendarConnectRequest.findUnique({
    where: { linkHash: hash(secret) },
    include: { person: { select: { displayName: true, email: true } } },
  });
  usableLink(deps, request);
  return request!.person;
}

function usableLink(deps: DomainDeps, request: { linkUsedAt: Date | null; linkExpiresAt: Date } | null): void {
  if (!request) throw new AppError('connect_link_invalid', 'This connect link is not one Together made.', { reason: 'unknown' });
  if (request.linkUsedAt) throw new AppError('connect_link_invalid', 'This connect link has already been used.', { reason: 'used' });
  if (request.linkExpiresAt <= deps.clock())
    throw new AppError('connect_link_invalid', 'This connect link has expired.', { reason: 'expired' });
}

/**
 * Uses the link (once) and starts Google's consent: a `state` bound to this request (its SHA-256
 * stored, single use, 10 minutes), PKCE S256, the person's email as `login_hint`. Returns where to send the browser.
 */
export async function startConnection(deps: ConnectDeps, input: { secret: string }): Promise<{ authorizationUrl: string }> {
  const request = await deps.prisma.calendarConnectRequest.findUnique({
    where: { linkHash: hash(input.secret) },
    include: { person: { select: { email: true, status: true } } },
  });
  usableLink(deps, request);
  await assertPerUser(deps, request!.organizationId);
  const state = newSecret();
  const { url, codeVerifier } = await deps.gateway.authorizationRequest({ state, loginHint: request!.person.email });
  const now = deps.clock();
  const claimed = await deps.prisma.calendarConnectRequest.updateMany({
    where: { id: request!.id, linkUsedAt: null, linkExpiresAt: { gt: now } },
    data: { linkUsedAt: now, stateHash: hash(state), codeVerifier, stateExpiresAt: new Date(now.getTime() + CONNECT_STATE_TTL_MS) },
  });
  if (claimed.count !== 1) throw new AppError('connect_link_invalid', 'This connect link has already been used.', { reason: 'used' });
  return { authorizationUrl: url };
}

/** What a finished connection attempt shows the person. */
export type ConnectOutcome =
  | { kind: 'connected'; email: string }
  /** Google could not be reached: the same callback may be tried again (nothing was stored). */
  | { kind: 'retry'; message: string }
  | { kind: 'refused'; code: ConnectRefusal; message: string };

export type ConnectRefusal =
  'link_invalid' | 'consent_declined' | 'wrong_account' | 'calendar_scope_missing' | 'code_refused' | 'not_per_user' | 'token_keys_missing';

/**
 * Google's redirect back: checks `state` (known, unused, in time; then burnt), exchanges the code
 * with the PKCE verifier, checks the consenting account is the bound person and that Calendar was
 * granted, and only then stores the encrypted refresh token, marks the person's access ACTIVE and opens
 * their channel. Nothing is stored on any refusal; when Google cannot be reached the state is given
 * back so the same callback can be retried.
 */
export async function completeConnection(
  deps: ConnectDeps,
  input: { state?: string | undefined; code?: string | undefined; error?: string | undefined },
): Promise<ConnectOutcome> {
  if (!input.state) return refused('link_invalid', 'Google sent you back without the connection request it belongs to.');
  const now = deps.clock();
  const request = await deps.prisma.calendarConnectRequest.findUnique({
    where: { stateHash: hash(input.state) },
    include: { person: { select: { id: true, email: true, displayName: true } } },
  });
  if (!request) return refused('link_invalid', 'This connection request is not one Together started.');
  if (request.stateUsedAt || !request.codeVerifier) return refused('link_invalid', 'This connection request has already been used.');
  if (!request.stateExpiresAt || request.stateExpiresAt <= now) return refused('link_invalid', 'This connection request has expired.');
  const claimed = await deps.prisma.calendarConnectRequest.updateMany({
    where: { id: request.id, stateUsedAt: null },
    data: { stateUsedAt: now },
  });
  if (claimed.count !== 1) return refused('link_invalid', 'This connection request has already been used.');
  const finish = async (code: ConnectRefusal, message: string): Promise<ConnectOutcome> => {
    await deps.prisma.calendarConnectRequest.update({
      where: { id: request.id },
      data: { completedAt: deps.clock(), failureCode: code, codeVerifier: null },
    });
    return refused(code, message);
  };
  if (input.error || !input.code) {
    return finish(
      'consent_declined',
      input.error === 'access_denied'
        ? 'You chose not to give Together access at Google, so nothing was connected.'
        : input.error === 'admin_policy_enforced'
          ? 'Your Google Workspace administrator does not let Together use Google Calendar (admin_policy_enforced), so nothing was connected. Ask them to mark Together as trusted (Admin console › Security › Access and data control › API controls › Manage third-party app access), then connect again.'
          : `Google did not connect your calendar (${input.error ?? 'no code'}).`,
    );
  }

  let grant: CalendarGrant;
  try {
    grant = await deps.gateway.complete({ code: input.code, codeVerifier: request.codeVerifier });
  } catch (error) {
    if (error instanceof GoogleApiError && error.retryable) {
      // Nothing reached our records: the same state (and code, which Google did not burn) may come back.
      await deps.prisma.calendarConnectRequest.update({ where: { id: request.id }, data: { stateUsedAt: null } });
      return { kind: 'retry', message: 'Google did not answer in time. Nothing was saved: try again in a moment.' };
    }
    if (error instanceof GoogleApiError) return finish('code_refused', `Google refused to finish the connection: ${error.message}`);
    throw error;
  }
  if (grant.email !== request.person.email) {
    await deps.gateway.revoke(grant.refreshToken).catch(() => undefined);
    return finish(
      'wrong_account',
      `You signed in to Google as ${grant.email}, but this link is for ${request.person.email}. Nothing was connected: open the link again and choose ${request.person.email}.`,
    );
  }
  if (!grant.grantedScopes.includes(CALENDAR_SCOPE)) {
    await deps.gateway.revoke(grant.refreshToken).catch(() => undefined);
    return finish(
      'calendar_scope_missing',
      'You did not allow Together to use your Google Calendar, so nothing was connected. Open the link again and leave the calendar box ticked: Together needs it to show your free time and put sessions in your calendar.',
    );
  }
  try {
    await assertPerUser(deps, request.organizationId);
  } catch (error) {
    await deps.gateway.revoke(grant.refreshToken).catch(() => undefined);
    if (error instanceof AppError)
      return finish(error.code === 'token_keys_missing' ? 'token_keys_missing' : 'not_per_user', error.message);
    throw error;
  }

  const sealed = deps.keyring!.seal(grant.refreshToken, request.personId);
  const { organizationId, personId } = request;
  const changed = await deps.prisma.$transaction(async (tx) => {
    const fields = {
      status: 'CONNECTED' as const,
      encryptedRefreshToken: Buffer.from(sealed.sealed),
      keyId: sealed.keyId,
      previousEncryptedRefreshToken: null,
      previousKeyId: null,
      grantedScopes: grant.grantedScopes,
      statusReason: null,
      connectedAt: now,
      refreshedAt: now,
    };
    await tx.calendarConnection.upsert({
      where: { organizationId_personId: { organizationId, personId } },
      create: { organizationId, personId, ...fields },
      update: fields,
    });
    const before = await tx.personCalendarAccess.findUnique({ where: { organizationId_personId: { organizationId, personId } } });
    const access = { status: 'ACTIVE' as const, reason: null, fix: null, checkedAt: now };
    await tx.personCalendarAccess.upsert({
      where: { organizationId_personId: { organizationId, personId } },
      create: { organizationId, personId, ...access },
      update: access,
    });
    await tx.calendarConnectRequest.update({ where: { id: request.id }, data: { completedAt: now, codeVerifier: null } });
    await writeAuditEntry(tx, {
      organizationId,
      actor: { type: 'USER', id: personId },
      action: 'calendar.connected',
      target: { type: 'Person', id: personId },
      details: { scopes: grant.grantedScopes, source: request.source },
      at: now,
    });
    return before?.status !== 'ACTIVE';
  });
  deps.gateway.forget(request.person.email);
  if (changed) await deps.requestHealthEvaluation(organizationId);
  await deps.onConnected(personId);
  return { kind: 'connected', email: grant.email };
}

const refused = (code: ConnectRefusal, message: string): ConnectOutcome => ({ kind: 'refused', code, message });

/**
 * Disconnect (from the add-on): the person's channels stopped, the refresh token revoked at Google,
 * then the stored one deleted and the person marked not connected. Google unreachable → nothing is
 * deleted (`calendar_unavailable`), so the person may try again.
 */
export async function disconnectCalendar(
  deps: ConnectDeps & { stopChannels: (personId: string) => Promise<void> },
  input: { organizationId: string; personId: string; email: string },
): Promise<{ disconnected: boolean }> {
  const { organizationId, personId } = input;
  const row = await deps.prisma.calendarConnection.findUnique({ where: { organizationId_personId: { organizationId, personId } } });
  if (!row) return { disconnected: false };
  if (!deps.keyring) throw new AppError('token_keys_missing', 'TOKEN_ENCRYPTION_KEYS is not configured, so the connection cannot be read.');
  const refreshToken = deps.keyring.open({ keyId: row.keyId, sealed: row.encryptedRefreshToken }, personId);
  await deps.stopChannels(personId).catch(() => undefined);
  try {
    await deps.gateway.revoke(refreshToken);
  } catch (error) {
    if (error instanceof GoogleApiError && error.retryable) {
      throw new AppError('calendar_unavailable', 'Google did not answer, so your calendar is still connected. Try again in a moment.');
    }
    throw error;
  }
  const now = deps.clock();
  await deps.prisma.$transaction(async (tx) => {
    await tx.calendarConnection.deleteMany({ where: { organizationId, personId } });
    await tx.watchChannel.updateMany({
      where: { organizationId, personId, status: 'ACTIVE' },
      data: { status: 'STOPPED', stoppedAt: now },
    });
    const access = {
      status: 'NOT_CONNECTED' as const,
      reason: 'Not connected yet: the person disconnected their Google Calendar.',
      fix: 'The person opens Together in the Google Calendar sidebar and chooses Connect your Google Calendar.',
      checkedAt: now,
    };
    await tx.personCalendarAccess.upsert({
      where: { organizationId_personId: { organizationId, personId } },
      create: { organizationId, personId, ...access },
      update: access,
    });
    await writeAuditEntry(tx, {
      organizationId,
      actor: { type: 'USER', id: personId },
      action: 'calendar.disconnected',
      target: { type: 'Person', id: personId },
      at: now,
    });
  });
  deps.gateway.forget(input.email);
  await deps.requestHealthEvaluation(organizationId);
  return { disconnected: true };
}
