// The sandbox Calendar: a small Google-Calendar-like week view of the emulator's calendars with the
// Together add-on beside it (backend/sandbox-calendar/README.md). Sandbox only, loopback only.
import express, { type Router } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { Mailbox } from './mailbox.js';
import { calendarRouter } from './router.js';

export type { CapturedMail, Mailbox } from './mailbox.js';

/** The loopback interface: the only address the Calendar ever listens on (it acts as anyone, with no sign-in). */
export const CALENDAR_HOST = '127.0.0.1';

export interface SandboxCalendarOptions {
  /** The emulator's base URL (`http://127.0.0.1:8085`): everything is read and written through its control API. */
  emulatorUrl: string;
  /** The backend's base URL: the admin console is at `consoleUrl/admin/`. */
  consoleUrl: string;
  /**
   * The add-on sidebar (backend/addon-preview/'s `startAddonPreview`), mounted at /sidebar and closed with
   * the Calendar. Required: without it the Calendar does not start.
   */
  sidebar: { router: Router; close?(): Promise<void> | void } | undefined;
  /**
   * The mail Together sent the demo users, which the sandbox captures instead of sending: the Mail page
   * (`/calendar/mail`) reads it. main.ts fills it from the outbox; without it there is no Mail page.
   */
  mailbox?: Mailbox | undefined;
  logger: Logger;
  /** 0 picks a free port. */
  port: number;
  /** NODE_ENV: the Calendar, like the sandbox, is refused in production. */
  environment: 'development' | 'test' | 'production';
}

export interface SandboxCalendar {
  /** `http://localhost:<port>/calendar`, the page to open. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export async function startSandboxCalendar(options: SandboxCalendarOptions): Promise<SandboxCalendar> {
  if (options.environment === 'production') throw new Error('the sandbox Calendar is refused when NODE_ENV=production');
  if (!options.sidebar) throw new Error('the sandbox Calendar needs the add-on sidebar (backend/addon-preview/) to start');
  const app = express();
  app.disable('x-powered-by');
  // A page of another name is a DNS-rebinding attempt at this loopback server: it answers only its own names.
  app.use((req, res, next) => (LOOPBACK_HOSTS.has(req.hostname) ? next() : res.status(421).type('text').send('Misdirected request')));
  app.get('/', (_req, res) => res.redirect(302, '/calendar'));
  app.use('/sidebar', options.sidebar.router);
  app.use(
    '/calendar',
    calendarRouter({
      emulatorUrl: options.emulatorUrl,
      consoleUrl: options.consoleUrl,
      mailbox: options.mailbox,
      logger: options.logger,
    }),
  );
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, CALENDAR_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const sidebar = options.sidebar;
  return {
    url: `http://localhost:${port}/calendar`,
    port,
    close: async () => {
      await closeServer(server);
      await sidebar.close?.();
    },
  };
}

/** Stops accepting, ends idle keep-alive connections, and resolves once every request is done. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
