import { randomUUID } from 'node:crypto';
import { GoogleApiError, isNotConnected } from '../../google/errors.js';
import { actAs, verifiedDomainsReader } from '../verified-domains.js';
import { hashChannelToken, newChannelToken } from './channel-secret.js';
import type { SyncDeps } from './deps.js';
import { recordSyncRequests } from './record-sync-requests.js';
import { Prisma } from '../../store/generated/prisma/client.js';
import { DISCONNECTED_STATUSES } from '../integration/access-classification.js';

/** What one pass over the channels did. */
export interface ChannelPassOutcome {
  /** People who got a channel where they had none live (their calendar is then synced once). */
  opened: number;
  /** Channels replaced before expiry. */
  renewed: number;
  /** Channels stopped because nobody needs them any more (or because a newer one replaced them). */
  stopped: number;
  /** People whose channel could not be opened this time (left for the next pass). */
  failed: number;
  /** Calendars that need a sync now (new channels: changes while unwatched must be caught up). */
  syncStateIds: string[];
}

/**
 * Keeps exactly the push channels that are needed: every person with an upcoming Together session
 * (organizer or attendee) has a live channel on their primary calendar that is not about to expire;
 * one expiring within the renewal margin is replaced (the new channel first, then the old one is
 * stopped, so no change falls between them); channels nobody needs are stopped. `personIds` limits
 * the pass to those people (after a booking).
 */
export async function ensureWatchChannels(deps: SyncDeps, options: { personIds?: string[] } = {}): Promise<ChannelPassOutcome> {
  const now = deps.clock();
  const outcome: ChannelPassOutcome = { opened: 0, renewed: 0, stopped: 0, failed: 0, syncStateIds: [] };
  // No public address yet (the sandbox sets it once its server listens): nothing could be delivered.
  if (!deps.channels.webhookUrl) return outcome;
  const only = options.personIds;
  // Lapsed channels: Google stopped delivering, so they no longer count as watching.
  await deps.prisma.watchChannel.updateMany({ where: { status: 'ACTIVE', expiresAt: { lte: now } }, data: { status: 'EXPIRED' } });
  const wanted = await deps.prisma.$queryRaw<Array<{ id: string; organizationId: string; email: string }>>`
    SELECT DISTINCT p.id, p."organizationId", p.email
      FROM "MentoringSession" s
      JOIN "Person" p ON p."organizationId" = s."organizationId" AND p.id IN (s."organizerId", s."attendeeId")
      LEFT JOIN "PersonCalendarAccess" a ON a."organizationId" = p."organizationId" AND a."personId" = p.id
     WHERE s.status::text IN ('PENDING', 'CONFIRMED', 'DECLINED') AND s."endAt" > ${now}
       -- Sessions Together sent by email have no event in anyone's calendar to watch.
       AND s."googleEventId" IS NOT NULL
       AND p.status::text = 'ACTIVE'
       ${only ? Prisma.sql`AND p.id = ANY(${only}::uuid[])` : Prisma.empty}
       -- Calendars Together cannot reach would refuse the watch on every pass.
       AND COALESCE(a.status::text, 'UNKNOWN') NOT IN (${Prisma.join(DISCONNECTED_STATUSES)})
       -- Nor people outside the organization's verified domains: Together does not act as them.
       AND EXISTS (SELECT 1 FROM "WorkspaceDomain" d
                    WHERE d."organizationId" = p."organizationId" AND d."verifiedAt" IS NOT NULL AND d.domain = lower(split_part(p.email, '@', 2)))`;
  const verifiedDomains = verifiedDomainsReader(deps.prisma);
  const live = await deps.prisma.watchChannel.findMany({
    where: { status: 'ACTIVE', ...(only ? { personId: { in: only } } : {}) },
    orderBy: { expiresAt: 'desc' },
  });
  const renewBefore = now.getTime() + deps.channels.renewalMarginMs;
  for (const person of wanted) {
    const theirs = live.filter((c) => c.personId === person.id && c.calendarId === person.email);
    const current = theirs.find((c) => c.resourceId !== null && c.expiresAt.getTime() > renewBefore);
    if (current) {
      // Older duplicates (a renewal whose stop failed) are stopped now.
      for (const extra of theirs.filter((c) => c !== current)) if (await stopChannel(deps, extra, verifiedDomains)) outcome.stopped++;
      continue;
    }
    const opened = await openChannel(deps, person, await verifiedDomains(person.organizationId));
    if (!opened) {
      outcome.failed++;
      continue;
    }
    const replacing = theirs.filter((c) => c.resourceId !== null);
    if (replacing.length > 0) outcome.renewed++;
    else {
      outcome.opened++;
      outcome.syncStateIds.push(opened.syncStateId);
    }
    for (const old of theirs) if (await stopChannel(deps, old, verifiedDomains)) outcome.stopped++;
  }
  const wantedIds = new Set(wanted.map((p) => p.id));
  for (const channel of live) {
    if (!wantedIds.has(channel.personId) && (await stopChannel(deps, channel, verifiedDomains))) outcome.stopped++;
  }
  await recordSyncRequests(deps, outcome.syncStateIds);
  return outcome;
}

/**
 * Opens a channel: the row first (so a notification racing the answer finds it), then events.watch,
 * then Google's resource id and effective expiry. A refusal removes the row again.
 */
async function openChannel(
  deps: SyncDeps,
  person: { id: string; organizationId: string; email: string },
  verifiedDomains: readonly string[],
): Promise<{ syncStateId: string } | null> {
  const token = newChannelToken();
  const channelId = randomUUID();
  const requestedExpiry = new Date(deps.clock().getTime() + deps.channels.ttlMs);
  const syncState = await deps.prisma.calendarSyncState.upsert({
    where: { personId_calendarId: { personId: person.id, calendarId: person.email } },
    create: { organizationId: person.organizationId, personId: person.id, calendarId: person.email },
    update: {},
    select: { id: true },
  });
  const row = await deps.prisma.watchChannel.create({
    data: {
      organizationId: person.organizationId,
      personId: person.id,
      calendarId: person.email,
      channelId,
      tokenHash: hashChannelToken(token),
      expiresAt: requestedExpiry,
    },
  });
  try {
    const answer = await deps.calendar.watchEvents(actAs(person.email, verifiedDomains), {
      id: channelId,
      address: deps.channels.webhookUrl,
      token,
      expiration: requestedExpiry,
    });
    await deps.prisma.watchChannel.update({ where: { id: row.id }, data: { resourceId: answer.resourceId, expiresAt: answer.expiration } });
    return { syncStateId: syncState.id };
  } catch (error) {
    await deps.prisma.watchChannel.update({ where: { id: row.id }, data: { status: 'STOPPED', stoppedAt: deps.clock() } });
    if (error instanceof GoogleApiError) return null;
    throw error;
  }
}

/** Stops a channel at Google (already gone counts as stopped) and marks it; false if Google failed. */
async function stopChannel(
  deps: SyncDeps,
  channel: { id: string; organizationId: string; channelId: string; resourceId: string | null; calendarId: string },
  verifiedDomains: (organizationId: string) => Promise<string[]>,
): Promise<boolean> {
  if (channel.resourceId) {
    try {
      await deps.calendar.stopChannel(actAs(channel.calendarId, await verifiedDomains(channel.organizationId)), {
        id: channel.channelId,
        resourceId: channel.resourceId,
      });
    } catch (error) {
      if (!(error instanceof GoogleApiError)) throw error;
      // Google will never take the stop (or Together may no longer act as the owner): the channel expires on its own.
      if (!isNotConnected(error) && error.kind !== 'not_found' && error.kind !== 'gone') return false;
    }
  }
  await deps.prisma.watchChannel.update({ where: { id: channel.id }, data: { status: 'STOPPED', stoppedAt: deps.clock() } });
  deps.onChannelStopped?.(channel.channelId);
  return true;
}

/** Stops these people's live channels at Google, while Together can still act as them (before a disconnect revokes the token). */
export async function stopPeopleChannels(deps: SyncDeps, personIds: string[]): Promise<void> {
  const channels = await deps.prisma.watchChannel.findMany({ where: { personId: { in: personIds }, status: 'ACTIVE' } });
  const verifiedDomains = verifiedDomainsReader(deps.prisma);
  for (const channel of channels) await stopChannel(deps, channel, verifiedDomains);
}
