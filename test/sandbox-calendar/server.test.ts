/** The sandbox Calendar's server: loopback only, its own names only, sandbox only, whole or not at all, and it stops. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { createLogger } from '../../backend/logger.js';
import { CALENDAR_HOST, startSandboxCalendar, type SandboxCalendarOptions } from '../../backend/sandbox-calendar/index.js';
import { startCalendarWorld, type CalendarWorld } from './support/calendar-world.js';
import { testSidebarRouter } from './support/test-sidebar.js';

let world: CalendarWorld;
beforeAll(async () => {
  world = await startCalendarWorld();
}, 30_000);
afterAll(() => world.close());

const options = (overrides: Partial<SandboxCalendarOptions>): SandboxCalendarOptions => ({
  emulatorUrl: world.emulator.url,
  consoleUrl: 'http://localhost:8080',
  sidebar: { router: testSidebarRouter() },
  logger: createLogger({ level: 'silent' }),
  port: 0,
  environment: 'test',
  ...overrides,
});

/** A GET to `host`:`port` with a Host header of our choosing; the status, or the connection's error code. */
function get(host: string, port: number, hostHeader?: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/calendar', agent: false, headers: hostHeader ? { host: hostHeader } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.end();
  });
}

describe('the server', () => {
  it('listens on the loopback interface only: every other address of the machine refuses the connection', async () => {
    expect(CALENDAR_HOST).toBe('127.0.0.1');
    expect(await get('127.0.0.1', world.calendar.port)).toBe(200);
    expect(world.calendar.url).toBe(`http://localhost:${world.calendar.port}/calendar`);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === 'IPv4')
      .map((address) => address!.address);
    for (const address of others) expect(await get(address, world.calendar.port)).toBe('ECONNREFUSED');
  });

  it('answers only to its own loopback names (a DNS-rebinding page gets 421)', async () => {
    expect(await get('127.0.0.1', world.calendar.port, `localhost:${world.calendar.port}`)).toBe(200);
    expect(await get('127.0.0.1', world.calendar.port, `evil.test:${world.calendar.port}`)).toBe(421);
  });

  it('is refused in production, like the sandbox', async () => {
    await expect(startSandboxCalendar(options({ environment: 'production' }))).rejects.toThrow(/refused when NODE_ENV=production/);
  });

  it('does not start without the add-on sidebar, rather than serve half a page', async () => {
    await expect(startSandboxCalendar(options({ sidebar: undefined }))).rejects.toThrow(/needs the add-on sidebar/);
  });

  it('stops: after close() nothing listens on its port, and its sidebar is closed too', async () => {
    let sidebarClosed = false;
    const calendar = await startSandboxCalendar(
      options({ sidebar: { router: testSidebarRouter(), close: () => void (sidebarClosed = true) } }),
    );
    expect(await get('127.0.0.1', calendar.port)).toBe(200);
    await calendar.close();
    expect(await get('127.0.0.1', calendar.port)).toBe('ECONNREFUSED');
    expect(sidebarClosed).toBe(true);
  });

  it('serves its pages with a CSP of its own assets, its frames from itself, and never from a cache', async () => {
    const response = await fetch(`${world.baseUrl}/calendar`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    const css = await fetch(`${world.baseUrl}/calendar/assets/console.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain("Together's admin console");
    expect((await fetch(`${world.baseUrl}/calendar/assets/calendar.js`)).status).toBe(200);
    expect((await fetch(`${world.baseUrl}/calendar/assets/chip-places.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });
});
