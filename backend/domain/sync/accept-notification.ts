import { LRUCache } from 'lru-cache';
import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { channelTokenMatches } from './channel-secret.js';

/** A push notification's headers, as Google sends them. */
export interface PushNotification {
  channelId: string;
  token: string | undefined;
  /** `sync` (channel created), `exists` (something changed), `not_exists` (resource deleted). */
  resourceState: string;
}

/** A channel as the webhook checks it. */
interface KnownChannel {
  tokenHash: string;
  live: boolean;
  expiresAt: number;
  /** The calendar's CalendarSyncState id. */
  syncStateId: string | null;
}

interface Waiter {
  resolve: (channel: KnownChannel | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * The webhook's view of channels: looked up by id once and kept briefly, so a burst of notifications
 * costs no database read each. A channel stopped by another replica may be honoured for up to `ttlMs`
 * more; that only causes a harmless extra sync.
 */
export class ChannelDirectory {
  private readonly cache: LRUCache<string, KnownChannel>;

  constructor(
    private readonly deps: DomainDeps,
    options: { ttlMs?: number; max?: number } = {},
  ) {
    this.cache = new LRUCache({ max: options.max ?? 50_000, ttl: options.ttlMs ?? 15_000 });
  }

  private misses: Map<string, Waiter[]> | null = null;

  /** The channel, from the cache or the database; misses arriving together are read in one query. */
  find(channelId: string): Promise<KnownChannel | undefined> {
    const cached = this.cache.get(channelId);
    if (cached) return Promise.resolve(cached);
    return new Promise((resolve, reject) => {
      if (!this.misses) {
        const batch = new Map<string, Waiter[]>();
        this.misses = batch;
        // The next macrotask: every notification already received joins this one query.
        setImmediate(() => {
          if (this.misses === batch) this.misses = null;
          this.load(batch).catch((error: unknown) => {
            for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
          });
        });
      }
      const waiters = this.misses.get(channelId) ?? [];
      waiters.push({ resolve, reject });
      this.misses.set(channelId, waiters);
    });
  }

  private async load(batch: Map<string, Waiter[]>): Promise<void> {
    const rows = await this.deps.prisma.$queryRaw<
      Array<{ channelId: string; tokenHash: string; status: string; expiresAt: Date; syncStateId: string | null }>
    >`
      SELECT c."channelId", c."tokenHash", c.status::text AS status, c."expiresAt", s.id AS "syncStateId"
        FROM "WatchChannel" c
        LEFT JOIN "CalendarSyncState" s ON s."personId" = c."personId" AND s."calendarId" = c."calendarId"
       WHERE c."channelId" = ANY(${[...batch.keys()]}::text[])`;
    const found = new Map(
      rows.map((row) => [
        row.channelId,
        { tokenHash: row.tokenHash, live: row.status === 'ACTIVE', expiresAt: row.expiresAt.getTime(), syncStateId: row.syncStateId },
      ]),
    );
    for (const [channelId, waiters] of batch) {
      const known = found.get(channelId);
      if (known) this.cache.set(channelId, known);
      for (const waiter of waiters) waiter.resolve(known);
    }
  }

  /** Forgets a channel this process just stopped, so its late notifications are refused at once. */
  forget(channelId: string): void {
    this.cache.delete(channelId);
  }
}

/**
 * Checks a notification against its channel: unknown, stopped or expired channels are refused with
 * `unknown_channel`, a token that does not match (constant-time, against the stored hash) with
 * `forbidden`. Returns the calendar to sync, or null for a `sync` message (the channel's handshake:
 * nothing changed).
 */
export async function acceptNotification(
  deps: DomainDeps & { channels: ChannelDirectory },
  notification: PushNotification,
): Promise<string | null> {
  const channel = await deps.channels.find(notification.channelId);
  if (!channel || !channel.live || channel.expiresAt <= deps.clock().getTime()) {
    throw new AppError('unknown_channel', 'No live notification channel has this id.');
  }
  if (notification.token === undefined || !channelTokenMatches(notification.token, channel.tokenHash)) {
    throw new AppError('forbidden', 'The channel token does not match.');
  }
  if (notification.resourceState === 'sync' || !channel.syncStateId) return null;
  return channel.syncStateId;
}
