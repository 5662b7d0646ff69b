/**
 * The preview's Apps Script runtime (backend/addon-preview/runtime.ts) over the real parts: a call of
 * a function the bundle does not have fails as an execution, with Google's words; a backend slower
 * than UrlFetchApp's deadline is Apps Script's "Timeout" exception, which the add-on turns into its
 * "Together cannot be reached" card; each execution gets a fresh global scope.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AddonRuntime } from '../../../backend/addon-preview/runtime.js';
import { createLogger } from '../../../backend/logger.js';
import { startE2eWorld, type E2eWorld } from '../support/e2e-world.js';
import { SidebarClient } from './support/sidebar-client.js';
import { startSidebarWorld, type SidebarWorld } from './support/sidebar-world.js';

describe('the runtime', () => {
  let world: E2eWorld;
  let runtime: AddonRuntime;
  beforeAll(async () => {
    world = await startE2eWorld();
    runtime = await AddonRuntime.start({
      backendUrl: world.backendUrl,
      emulatorUrl: world.emulatorUrl,
      audience: world.audience,
      logger: createLogger({ level: 'silent' }),
    });
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
    await world?.close();
  });

  it('runs a trigger as the user, with their ID token and Calendar zone', async () => {
    expect(await runtime.timeZoneOf(world.mentor.email)).toBe('Europe/Madrid');
    const home = await runtime.execute(world.mentor.email, 'onHomepage', { commonEventObject: { timeZone: { id: 'Europe/Madrid' } } });
    expect(home).toMatchObject({ ok: true, result: { kind: 'Card', name: 'home', header: { title: 'Your mentoring sessions' } } });
  });

  it('a function the bundle lacks is a failed execution, and the next one runs', async () => {
    expect(await runtime.execute(world.mentor.email, 'runAction', {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('runAction is not a global function of the bundle'),
    });
    expect(await runtime.execute(world.mentor.email, 'onHelp', {})).toMatchObject({
      ok: true,
      result: { kind: 'UniversalActionResponse' },
    });
  });
});

describe('a backend slower than UrlFetchApp waits', () => {
  let sidebar: SidebarWorld;
  beforeAll(async () => {
    sidebar = await startSidebarWorld({ timeoutMs: 1_000 });
  }, 120_000);
  afterAll(() => sidebar?.close());

  it('shows the add-on’s "Together cannot be reached" card, with Try again', async () => {
    const ana = new SidebarClient(sidebar.baseUrl, sidebar.world.mentor.email);
    await ana.open('home');
    await ana.press('Book');
    // Google's answers (the free/busy the slots need) take longer than the fetch may.
    await sidebar.world.ask('faults', { latency: { kind: 'fixed', ms: 3_000 } });
    try {
      await ana.press('30 min');
    } finally {
      await sidebar.world.ask('faults', null);
    }
    expect(ana.title).toBe('Together cannot be reached');
    expect(ana.text).toContain('Try again');
    expect(ana.problems).toEqual([]);
  });
});
