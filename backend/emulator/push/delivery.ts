/** Sends push notifications: empty POSTs with Google's headers, retried with backoff on 5xx, never blocking the API. */
import http from 'node:http';
import https from 'node:https';

/** What a notification needs to know about its channel (kept loose so delivery has no state dependencies). */
export interface PushTarget {
  id: string;
  address: string;
  token?: string;
  resourceId: string;
  resourceUri: string;
  expirationMs: number;
  /** Set once the channel is stopped or expired: pending messages are then dropped. */
  stopped: boolean;
  /** `lastAttemptMs`: how long the last POST took, from its start to the end of the answer (as the sender sees it). */
  stats: { delivered: number; failedAttempts: number; lastStatus?: number; lastAttemptMs?: number };
}

export interface DeliverySettings {
  maxAttempts: number;
  retryBaseMs: number;
}

/** 2xx and 102 count as delivered (reference §B6); 5xx is retried. */
const delivered = (status: number): boolean => (status >= 200 && status < 300) || status === 102;
const ATTEMPT_TIMEOUT_MS = 10_000;

export class PushDelivery {
  /** Per channel: the tail of its queue, so messages arrive in order (sync first). */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controller = new AbortController();
  /**
   * Connections kept open between messages, as Google's senders do, and as many at once as messages
   * are in flight (a burst to one receiver opens one per message). node:http rather than fetch: a
   * burst of a thousand is one thread's work here, and fetch's own cost per request made the
   * receiver's answers look several times slower than they were (backend/domain/sync/README.md).
   */
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  constructor(
    private readonly settings: () => DeliverySettings,
    /** The current time, for the channel's expiry. */
    private readonly now: () => number,
  ) {}

  /** Queues one notification; returns at once. */
  send(target: PushTarget, resourceState: 'sync' | 'exists' | 'not_exists', messageNumber: number): void {
    const previous = this.queues.get(target.id) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(target, resourceState, messageNumber));
    this.queues.set(target.id, next);
    void next.finally(() => {
      if (this.queues.get(target.id) === next) this.queues.delete(target.id);
    });
  }

  /** Stops all traffic: in-flight requests are aborted, retries cancelled. */
  close(): void {
    this.controller.abort();
    this.agents.http.destroy();
    this.agents.https.destroy();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async deliver(target: PushTarget, resourceState: string, messageNumber: number): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.settings();
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (target.stopped || this.now() >= target.expirationMs || this.controller.signal.aborted) return;
      const started = performance.now();
      const status = await this.post(target, resourceState, messageNumber);
      target.stats.lastAttemptMs = performance.now() - started;
      target.stats.lastStatus = status;
      if (delivered(status)) {
        target.stats.delivered++;
        return;
      }
      target.stats.failedAttempts++;
      if (status !== 0 && status < 500) return; // Google retries only server errors (and unreachable receivers)
      if (attempt < maxAttempts) await this.sleep(retryBaseMs * 2 ** (attempt - 1));
    }
  }

  private async post(target: PushTarget, resourceState: string, messageNumber: number): Promise<number> {
    const headers: Record<string, string> = {
      'X-Goog-Channel-ID': target.id,
      'X-Goog-Message-Number': String(messageNumber),
      'X-Goog-Resource-ID': target.resourceId,
      'X-Goog-Resource-State': resourceState,
      'X-Goog-Resource-URI': target.resourceUri,
      'X-Goog-Channel-Expiration': new Date(target.expirationMs).toUTCString(),
      'User-Agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
    };
    if (target.token !== undefined) headers['X-Goog-Channel-Token'] = target.token;
    if (this.controller.signal.aborted) return 0;
    const url = new URL(target.address);
    const secure = url.protocol === 'https:';
    // Status 0: unreachable, reset or timed out.
    return new Promise<number>((resolve) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'Content-Length': '0' },
          agent: secure ? this.agents.https : this.agents.http,
          timeout: ATTEMPT_TIMEOUT_MS,
          signal: this.controller.signal,
        },
        (response) => {
          response.resume();
          response.once('end', () => resolve(response.statusCode ?? 0));
          response.once('close', () => resolve(response.complete ? (response.statusCode ?? 0) : 0));
        },
      );
      request.once('timeout', () => request.destroy());
      request.once('error', () => resolve(0));
      request.end();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}
