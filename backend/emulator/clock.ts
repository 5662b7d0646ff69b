/** The emulator's controllable clock: token expiry, Meet completion and channel expiry all read it. */

interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

/** Real time plus an offset, or frozen at one instant; timers fire when the clock reaches them. */
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  private timers: Timer[] = [];
  private timerSeq = 0;
  private realTimer: NodeJS.Timeout | null = null;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  freeze(at?: number): void {
    this.frozenAt = at ?? this.now();
    this.fireDue();
  }

  unfreeze(): void {
    if (this.frozenAt === null) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = null;
    this.fireDue();
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
    this.fireDue();
  }

  set(at: number): void {
    if (this.frozenAt !== null) this.frozenAt = at;
    else this.offsetMs = at - Date.now();
    this.fireDue();
  }

  /** Back to real time, no pending timers. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
    this.timers = [];
    this.rearm();
  }

  /** Runs `run` once the clock reaches `at` (at once if it already has); returns a cancel function. */
  schedule(at: number, run: () => void): () => void {
    const timer: Timer = { at, seq: this.timerSeq++, run };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.fireDue();
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
      this.rearm();
    };
  }

  dispose(): void {
    this.timers = [];
    this.rearm();
  }

  private fireDue(): void {
    const now = this.now();
    while (this.timers.length > 0 && this.timers[0]!.at <= now) {
      const timer = this.timers.shift()!;
      timer.run();
    }
    this.rearm();
  }

  private rearm(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = null;
    const next = this.timers[0];
    if (!next || this.frozenAt !== null) return;
    this.realTimer = setTimeout(() => this.fireDue(), Math.max(0, next.at - this.now()));
    this.realTimer.unref();
  }
}
