/**
 * The add-on preview's sidebar in headless Chromium (the console's harness), over the real parts:
 * the real built bundle, the backend and the emulator. Every card kind is drawn, scanned with axe
 * (zero serious or critical violations) and saved to docs/addon/ for addon/README.md. Pressing a
 * button runs the bundle's action; after a push or a pop focus is on the new card's heading, and
 * the notification is in the role=status region.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { SidebarClient } from '../addon/preview/support/sidebar-client.js';
import { startSidebarWorld, type SidebarWorld } from '../addon/preview/support/sidebar-world.js';
import { launchBrowser, newPage, offsiteRequests, scanAccessibility, screenshot } from './support/browser.js';

const DOCS = 'docs/addon';
let sidebar: SidebarWorld;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [sidebar, browser] = await Promise.all([startSidebarWorld(), launchBrowser()]);
  // The sidebar is 300 px wide; Ana reads her calendar in Madrid.
  page = await newPage(browser, { baseURL: sidebar.baseUrl, viewport: { width: 300, height: 720 } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await sidebar?.close();
});

const open = (path: string, user = sidebar.world.mentor.email, query: Record<string, string> = {}) =>
  page.goto(`/sidebar/${path}?${new URLSearchParams({ user, ...query })}`);
/** Presses a button and waits for the new page (a form post, then the redirect) to have loaded and run its script. */
const press = async (name: string) => {
  await page.evaluate(() => ((window as unknown as Record<string, unknown>).previous = true));
  await page.getByRole('button', { name, exact: true }).first().click();
  await page.waitForFunction(() => !(window as unknown as Record<string, unknown>).previous && document.readyState === 'complete');
};
const heading = () => page.locator('h1').first().innerText();

/** Each card kind: checked with axe and against sideways scrolling, then photographed. */
async function card(name: string): Promise<void> {
  await scanAccessibility(page, name);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  expect(await page.locator('.unsupported').allInnerTexts()).toEqual([]);
  await screenshot(page, name, DOCS);
}

describe('the sidebar in a browser', () => {
  let eventId: string;

  it('books from home: each step is a card, focus lands on its heading, the toast is a status', async () => {
    await open('home');
    expect(await heading()).toBe('Your mentoring sessions');
    expect(await page.locator('.preview-tag').innerText()).toBe('Approximate preview');
    await card('home-empty');

    await press('Book');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('card-title');
    expect(await page.getByRole('button', { name: 'Back' }).count()).toBe(1);
    const back = await page.getByRole('button', { name: 'Back' }).boundingBox();
    expect(back!.width).toBeGreaterThanOrEqual(24);
    expect(back!.height).toBeGreaterThanOrEqual(24);
    await card('book-duration');
    await press('30 min');
    await card('book-slots');
    await press('Choose');
    await card('book-review');
    await press('Book session');
    expect(await heading()).toBe('Your mentoring sessions');
    expect(await page.getByRole('status').innerText()).toMatch(/^Session 1 booked for .+; Ben Mentee is invited\.$/);
    await card('home-booked');
    expect(offsiteRequests(page)).toEqual([]);
  });

  it('the session’s event: its card, reschedule slots and review, cancel with a reason; other events are neutral', async () => {
    const { sessions } = (await sidebar.world.ask('upcoming', sidebar.world.mentor.email)) as {
      sessions: Array<{ calendar: { eventId: string } }>;
    };
    eventId = sessions[0]!.calendar.eventId;
    await open('event', sidebar.world.mentor.email, { calendarId: sidebar.world.mentor.email, eventId });
    expect(await heading()).toBe('Session 1 with Ben Mentee');
    await card('session');
    await press('Reschedule');
    await card('reschedule-slots');
    await press('Choose');
    await card('reschedule-review');
    await press('Back');
    await press('Back');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('card-title');
    await press('Cancel session');
    await page.getByLabel('Reason (optional)').fill('Travelling');
    await card('cancel-confirm');
    await press('Cancel session');
    expect(await page.getByRole('status').innerText()).toBe('Session cancelled; Ben Mentee is notified.');
    await card('session-cancelled');

    await open('event', sidebar.world.mentor.email, { calendarId: sidebar.world.mentor.email, eventId: 'someoneelsesevent' });
    expect(await heading()).toBe('Not a mentoring session');
    await card('neutral-event');
  });

  it('Help from the menu; the error cards: not in a program, that time was just taken, Google Calendar not answering', async () => {
    await open('home');
    await page.locator('details.menu > summary').click();
    await press('Help');
    await card('help');

    await open('home', 'zed@acme.test');
    await card('error-not-in-program');

    // Ana reviews the soonest time; Ben books that very time from his own sidebar first.
    await open('home');
    await press('Book');
    await press('30 min');
    await press('Choose');
    const ben = new SidebarClient(sidebar.baseUrl, sidebar.world.mentee.email);
    await ben.open('home');
    for (const label of ['Book', '30 min', 'Choose', 'Book session']) await ben.press(label);
    expect(ben.notification).toMatch(/^Session \d booked/);
    await press('Book session');
    expect(await heading()).toBe('That time was just taken');
    await card('error-slot-taken');

    await press('Choose another time');
    await press('Choose');
    await sidebar.world.ask('faults', { errors: [{ method: 'calendar.*', status: 503, rate: 1 }] });
    try {
      await press('Book session');
    } finally {
      await sidebar.world.ask('faults', null);
    }
    await card('error-calendar-unavailable');
  });
});
