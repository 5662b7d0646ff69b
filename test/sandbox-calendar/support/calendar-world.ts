/**
 * A real emulator with the demo company and the sandbox Calendar over it (the test sidebar in its
 * iframe), as `npm start` wires them. The Calendar is reached over HTTP, the emulator through its
 * control API; "now" is the emulator's clock, frozen at its own instant so a test's week cannot turn.
 */
import { DateTime } from 'luxon';
import { startEmulator, type RunningEmulator } from '../../../backend/emulator/index.js';
import { createLogger } from '../../../backend/logger.js';
import { startSandboxCalendar, type Mailbox, type SandboxCalendar } from '../../../backend/sandbox-calendar/index.js';
import { testSidebarRouter } from './test-sidebar.js';

export interface CalendarWorld {
  emulator: RunningEmulator;
  calendar: SandboxCalendar;
  /** `http://127.0.0.1:<port>` of the Calendar. */
  baseUrl: string;
  /** The emulator clock's instant, frozen. */
  now: Date;
  /** A control API call; its JSON answer. */
  control<T = Record<string, unknown>>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** Posts a form to the Calendar, as its own page would (same Origin) unless `origin` says otherwise. */
  post(path: string, fields: Record<string, string>, origin?: string | null): Promise<Response>;
  /** A wall-clock time on a day of the week of `now`, in `zone`: weekday 1 (Monday) to 7. */
  local(zone: string, weekday: number, time: string): DateTime;
  close(): Promise<void>;
}

/** `mailbox`: what the Mail page reads (main.ts passes the outbox's captured mail); without one there is no Mail page. */
export async function startCalendarWorld(options: { mailbox?: Mailbox } = {}): Promise<CalendarWorld> {
  const emulator = await startEmulator({ port: 0, seed: 'demo' });
  const control = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${emulator.url}/emulator/v1${path}`, {
      method: init.method ?? 'GET',
      ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
    });
    if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const clock = await control<{ nowMs: number }>('/clock', { method: 'POST', body: { freeze: true } });
  const calendar = await startSandboxCalendar({
    emulatorUrl: emulator.url,
    consoleUrl: 'http://localhost:8080',
    sidebar: { router: testSidebarRouter() },
    mailbox: options.mailbox,
    logger: createLogger({ level: 'silent' }),
    port: 0,
    environment: 'test',
  });
  const baseUrl = `http://127.0.0.1:${calendar.port}`;
  const now = new Date(clock.nowMs);
  return {
    emulator,
    calendar,
    baseUrl,
    now,
    control,
    post: (path, fields, origin = baseUrl) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...(origin === null ? {} : { origin }) },
        body: new URLSearchParams(fields).toString(),
      }),
    local: (zone, weekday, time) => {
      const today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
      const [hour, minute] = time.split(':').map(Number);
      return today.plus({ days: weekday - today.weekday }).set({ hour, minute });
    },
    close: async () => {
      await calendar.close();
      await emulator.close();
    },
  };
}
