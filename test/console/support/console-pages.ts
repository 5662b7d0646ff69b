// What the console's page tests share: signing in as the demo admin, and the checks every page state gets.
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { formatViolations, scanAccessibility, screenshot } from './browser.js';
import type { ConsoleWorld } from './console-world.js';

/** The last one-click sign-in link the sandbox printed (each start prints a new one; each works once). */
export function signInLink(world: ConsoleWorld): string {
  const links = [...world.stdout().matchAll(/Sign in to the console: (http\S+?)"/g)];
  const link = links.at(-1)?.[1];
  if (!link) throw new Error(`the sandbox printed no console sign-in link:\n${world.stdout().slice(-2000)}`);
  return link;
}

/** Signs the page in with the admin token through the sign-in form, as a Together admin does outside the sandbox. */
export async function signInWithToken(page: Page, world: ConsoleWorld): Promise<void> {
  await page.goto(`${world.baseUrl}/admin/sign-in`);
  await page.getByLabel('Admin API token').fill(world.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${world.baseUrl}/admin/`);
}

/**
 * The checks of a page state (PAGES.md › Accessibility): axe finds no violation at all, the title
 * names the page, no request left the machine; then the screenshot, when the state is one the README shows.
 */
export async function checkPage(page: Page, label: string, options: { title: RegExp; screenshot?: string }): Promise<void> {
  await page.waitForLoadState('load');
  expect(await page.title()).toMatch(options.title);
  const minor = await scanAccessibility(page, label);
  if (minor.length > 0) throw new Error(`axe on ${label}:\n${formatViolations(minor)}`);
  if (options.screenshot) await screenshot(page, options.screenshot);
}

/** The emulator's faults (latency on every Google call, say), through its control API. */
export async function setEmulatorLatency(world: ConsoleWorld, ms: number): Promise<void> {
  const response = await fetch(`${world.emulatorUrl}/emulator/v1/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ms > 0 ? { latency: { kind: 'fixed', ms } } : {}),
  });
  expect(response.status).toBeLessThan(300);
}

/** The organization's test runs, newest first, as the admin API lists them. */
export async function testRuns(
  world: ConsoleWorld,
): Promise<Array<{ id: string; status: string; active: number; progress: { total: number } }>> {
  const answer = await world.api<{ testRuns: Array<{ id: string; status: string; active: number; progress: { total: number } }> }>(
    '/integration/test-runs',
  );
  return answer.body.testRuns;
}
