import type DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { directSql } from '../../store/database.js';
import type { SqlExecutor } from '../../store/migrations.js';
import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { channelTokenMatches } from './channel-secret.js';
import { coalesced } from './sync-statements.js';

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

/**
 * The webhook's view of channels: looked up by id once and kept briefly, so a burst of notifications
 * costs no database read each. A channel stopped by another replica may be honoured for up to `ttlMs`
 * more; that only causes a harmless extra sync.
 */
export class ChannelDirectory {
  private readonly cache: LRUCache<string, KnownChannel>;
  /** Misses arriving in the same turn of the event loop (a burst's) are read in one query. */
  private readonly loader: DataLoader<string, KnownChannel | undefined>;

  constructor(deps: DomainDeps, options: { ttlMs?: number; max?: number } = {}) {
    this.cache = new LRUCache({ max: options.max ?? 50_000, ttl: options.ttlMs ?? 15_000 });
    const sql = directSql(deps.prisma);
    this.loader = coalesced((ids) => this.load(sql, ids));
  }

  /** The channel, from the cache or the database. */
  find(channelId: string): Promise<KnownChannel | undefined> {
    const cached = this.cache.get(channelId);
    return cached ? Promise.resolve(cached) : this.loader.load(channelId);
  }

  private async load(sql: SqlExecutor, ids: readonly string[]): Promise<Array<KnownChannel | undefined>> {
    const rows = await sql.query<{ channelId: string; tokenHash: string; status: string; expiresAt: Date; syncStateId: string | null }>(
      `SELECT c."channelId", c."tokenHash", c.status::text AS status, c."expiresAt", s.id AS "syncStateId"
         FROM "WatchChannel" c
         LEFT JOIN "CalendarSyncState" s ON s."personId" = c."personId" AND s."calendarId" = c."calendarId"
        WHERE c."channelId" = ANY($1::text[])`,
      [[...new Set(ids)]],
    );
    const found = new Map<string, KnownChannel>();
    for (const row of rows) {
      const known = {
        tokenHash: row.tokenHash,
        live: row.status === 'ACTIVE',
        expiresAt: row.expiresAt.getTime(),
        syncStateId: row.syncStateId,
      };
      found.set(row.channelId, known);
      this.cache.set(row.channelId, known);
    }
    return ids.map((id) => found.get(id));
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
