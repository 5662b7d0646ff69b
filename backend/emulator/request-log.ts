/** Counts of API calls per method and per subject, token requests per subject, and a capped ring of recent calls. */

export interface LoggedRequest {
  at: number;
  method: string;
  subject: string | null;
  status: number;
}

const RECENT_CAPACITY = 1000;
const ANONYMOUS = '(none)';

const increment = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

/** Bounded by design: counters plus the last 1000 calls, never a list of everything. */
export class RequestLog {
  private perMethod = new Map<string, number>();
  private perSubject = new Map<string, Map<string, number>>();
  private tokenRequests = new Map<string, number>();
  private recent: LoggedRequest[] = [];
  private next = 0;
  private total = 0;

  record(method: string, subject: string | null, status: number, at: number): void {
    this.total++;
    increment(this.perMethod, method);
    const key = subject ?? ANONYMOUS;
    let methods = this.perSubject.get(key);
    if (!methods) this.perSubject.set(key, (methods = new Map()));
    increment(methods, method);
    const item: LoggedRequest = { at, method, subject, status };
    if (this.recent.length < RECENT_CAPACITY) this.recent.push(item);
    else this.recent[this.next] = item;
    this.next = (this.next + 1) % RECENT_CAPACITY;
  }

  recordTokenRequest(subject: string | null): void {
    increment(this.tokenRequests, subject ?? ANONYMOUS);
  }

  snapshot(): {
    total: number;
    perMethod: Record<string, number>;
    perSubject: Record<string, Record<string, number>>;
    tokenRequests: Record<string, number>;
    recent: Array<Omit<LoggedRequest, 'at'> & { at: string }>;
  } {
    const ordered =
      this.recent.length < RECENT_CAPACITY ? this.recent : [...this.recent.slice(this.next), ...this.recent.slice(0, this.next)];
    return {
      total: this.total,
      perMethod: Object.fromEntries(this.perMethod),
      perSubject: Object.fromEntries([...this.perSubject].map(([subject, methods]) => [subject, Object.fromEntries(methods)])),
      tokenRequests: Object.fromEntries(this.tokenRequests),
      recent: ordered.map((item) => ({ ...item, at: new Date(item.at).toISOString() })),
    };
  }

  reset(): void {
    this.perMethod = new Map();
    this.perSubject = new Map();
    this.tokenRequests = new Map();
    this.recent = [];
    this.next = 0;
    this.total = 0;
  }
}
