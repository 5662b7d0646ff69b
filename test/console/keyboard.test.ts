// The whole setup with the keyboard alone: Tab, Space and Enter, never the mouse. Every stop it lands
// on shows a focus indicator of at least 3:1 that nothing covers (PAGES.md › Accessibility 3–5).
import { beforeAll, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  assertFocusVisible,
  assertNotObscured,
  focusedElement,
  newPage,
  tabUntil,
  VIEWPORTS,
  type FocusedElement,
} from './support/browser.js';
import { signInLink, testRuns } from './support/console-pages.js';
import { useConsole } from './support/use-console.js';

jest.setTimeout(180_000);
const suite = useConsole();
let page: Page;

beforeAll(async () => {
  page = await newPage(suite().browser, { baseURL: suite().world.baseUrl, viewport: VIEWPORTS.phone });
});

/** Tabs to the element, checks its focus can be seen, then presses the key. */
async function press(predicate: (element: FocusedElement) => boolean, key: 'Enter' | 'Space' | null = 'Enter'): Promise<void> {
  await tabUntil(page, predicate, { maxPresses: 60 });
  await assertFocusVisible(page);
  await assertNotObscured(page);
  if (key) await page.keyboard.press(key);
}

const named = (role: string, name: RegExp | string) => (element: FocusedElement) =>
  element.role === role && (typeof name === 'string' ? element.name === name : name.test(element.name));

it('Tab first lands on "Skip to main content", and Enter moves focus into <main>', async () => {
  await page.goto(signInLink(suite().world));
  await page.waitForURL('**/admin/');
  await page.keyboard.press('Tab');
  expect(await focusedElement(page)).toMatchObject({ role: 'link', name: 'Skip to main content' });
  await assertFocusVisible(page);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
});

it('completes the four steps and Done with the keyboard alone, at 360 px wide without sideways scrolling', async () => {
  const { world } = suite();
  await press(named('link', /^Set Up/));
  await page.waitForURL('**/setup/calendar');
  await press(named('radio', 'Google Calendar'), 'Space');
  await press(named('button', 'Continue'));
  await page.waitForURL('**/setup/owner**');

  await press(named('textbox', /Email address of the integration owner/), null);
  await page.keyboard.type('oliver.smith@acme.test');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/setup/method');

  await press(named('radio', /Domain-wide/), 'Space');
  await press(named('button', 'Continue'));
  await page.waitForURL('**/setup/install');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await press(named('button', 'Continue'));
  await page.waitForURL('**/admin/test');
  // The run of 29 people is quick; when the page shows its progress, it offers the results once done.
  if (await page.locator('#test-progress').count()) {
    await page.getByRole('link', { name: 'See the results' }).waitFor({ timeout: 60_000 });
    await press(named('link', 'See the results'));
    await page.waitForURL('**/admin/test?run=*');
  }
  expect(await page.locator('#test-headline').innerText()).toMatch(/^Together is active for \d+ of 29 people/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await press(named('button', 'Done'));
  await page.waitForURL('**/admin/setup/done');
  expect((await world.api<{ integration: { wizardStep: string } }>('/integration')).body.integration.wizardStep).toBe('DONE');
  expect((await testRuns(world)).length).toBe(1);
});
