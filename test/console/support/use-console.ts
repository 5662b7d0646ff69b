// Jest hooks for a console test file: the sandbox backend and Chromium, started once before its tests, stopped after them.
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { useWorld } from '../../support/use-world.js';
import { launchBrowser } from './browser.js';
import { startConsoleWorld, type ConsoleWorld } from './console-world.js';

export interface ConsoleSuite {
  world: ConsoleWorld;
  browser: Browser;
  /** How long the backend and the browser took to start (side by side), for the test to print. */
  startedInMs: number;
  close(): Promise<void>;
}

/** Starts both side by side; when either fails, stops the other before failing, so nothing outlives the file. */
export function useConsole(): () => ConsoleSuite {
  return useWorld(async () => {
    const began = performance.now();
    const [world, browser] = await Promise.allSettled([startConsoleWorld(), launchBrowser()]);
    if (world.status === 'rejected' || browser.status === 'rejected') {
      await Promise.allSettled([
        world.status === 'fulfilled' ? world.value.stop() : undefined,
        browser.status === 'fulfilled' ? browser.value.close() : undefined,
      ]);
      throw world.status === 'rejected' ? world.reason : (browser as PromiseRejectedResult).reason;
    }
    return {
      world: world.value,
      browser: browser.value,
      startedInMs: Math.round(performance.now() - began),
      close: async () => {
        const failed = (await Promise.allSettled([browser.value.close(), world.value.stop()])).find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
      },
    };
  });
}
