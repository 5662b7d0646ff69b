/** Notification channels of `events.watch`: registration, expiry, stop, and fan-out of calendar changes. */
import { GoogleApiError, invalid, required } from '../errors.js';
import { isRecord, type JsonRecord } from '../json.js';
import type { Calendar } from '../calendar/model.js';
import type { PushDelivery, PushTarget } from './delivery.js';

export interface Channel extends PushTarget {
  calendarId: string;
  /** Project (client id) that created it: only it may stop it. */
  clientId: string;
  messageNumber: number;
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

function readAddress(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw required('Required', 'address');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`Invalid value for: address`);
  }
  // Google demands HTTPS; loopback http is let through so tests can receive locally.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    const message = `WebHook callback must be HTTPS: ${value}`;
    throw new GoogleApiError(400, message, [{ domain: 'global', reason: 'push.webhookUrlNotHttps', message }]);
  }
  return value;
}

export class Channels {
  private readonly byId = new Map<string, Channel>();
  private readonly byCalendar = new Map<string, Set<Channel>>();

  constructor(
    private readonly delivery: PushDelivery,
    private readonly now: () => number,
    /** Longest lifetime a channel gets (Google's 7 days by default). */
    private readonly maxTtlMs: () => number,
  ) {}

  /** `calendar.events.watch`: registers the channel and sends the `sync` message. */
  watch(calendar: Calendar, body: JsonRecord, clientId: string): Channel {
    const id = body.id;
    if (typeof id !== 'string' || id === '') throw required('Required', 'id');
    if (id.length > 64 || !/^[A-Za-z0-9\-_+/=]+$/.test(id)) throw invalid('Invalid value for: id');
    if (body.type !== 'web_hook' && body.type !== 'webhook') throw invalid(`Invalid value for: type`);
    const address = readAddress(body.address);
    if (this.byId.has(id)) {
      const message = `Channel id ${id} not unique`;
      throw new GoogleApiError(400, message, [{ domain: 'global', reason: 'channelIdNotUnique', message }]);
    }
    if (body.token !== undefined && typeof body.token !== 'string') throw invalid('Invalid value for: token');
    const now = this.now();
    const cap = now + this.maxTtlMs();
    let requested = cap;
    if (body.expiration !== undefined && body.expiration !== null) {
      requested = Number(body.expiration);
      if (!Number.isFinite(requested) || requested <= now) throw invalid('Invalid value for: expiration');
    } else if (isRecord(body.params) && body.params.ttl !== undefined) {
      const ttl = Number(body.params.ttl);
      if (!Number.isFinite(ttl) || ttl <= 0) throw invalid('Invalid value for: params.ttl');
      requested = now + ttl * 1000;
    }
    const channel: Channel = {
      id,
      address,
      ...(typeof body.token === 'string' ? { token: body.token } : {}),
      resourceId: calendar.resourceId,
      resourceUri: `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events?alt=json`,
      expirationMs: Math.min(requested, cap),
      stopped: false,
      stats: { delivered: 0, failedAttempts: 0 },
      calendarId: calendar.id,
      clientId,
      messageNumber: 1,
    };
    this.byId.set(id, channel);
    let set = this.byCalendar.get(calendar.id);
    if (!set) this.byCalendar.set(calendar.id, (set = new Set()));
    set.add(channel);
    this.delivery.send(channel, 'sync', channel.messageNumber);
    return channel;
  }

  /** `calendar.channels.stop`: false when no such channel (for this project). */
  stop(id: unknown, resourceId: unknown, clientId: string): boolean {
    const channel = typeof id === 'string' ? this.byId.get(id) : undefined;
    if (!channel || channel.clientId !== clientId || (resourceId !== undefined && resourceId !== channel.resourceId)) return false;
    this.remove(channel);
    return true;
  }

  /** A change on the calendar: every live channel gets an `exists` message. */
  notify(calendarId: string): void {
    const set = this.byCalendar.get(calendarId);
    if (!set) return;
    const now = this.now();
    for (const channel of set) {
      if (now >= channel.expirationMs) {
        this.remove(channel);
        continue;
      }
      channel.messageNumber++;
      this.delivery.send(channel, 'exists', channel.messageNumber);
    }
  }

  list(): Channel[] {
    return [...this.byId.values()];
  }

  clear(): void {
    for (const channel of this.byId.values()) channel.stopped = true;
    this.byId.clear();
    this.byCalendar.clear();
  }

  private remove(channel: Channel): void {
    channel.stopped = true;
    this.byId.delete(channel.id);
    this.byCalendar.get(channel.calendarId)?.delete(channel);
  }
}
