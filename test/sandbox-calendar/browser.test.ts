// The Calendar in headless Chromium (the console's harness): no accessibility violation, the keyboard
// reaches and opens a chip (the sidebar follows), moving by the form, the grid refreshed when the
// sidebar says it changed something, and the screenshots of docs/addon/.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  assertFocusVisible,
  focusedElement,
  launchBrowser,
  newPage,
  scanAccessibility,
  screenshot,
  tabUntil,
  VIEWPORTS,
} from '../console/support/browser.js';
import { startCalendarWorld, type CalendarWorld } from './support/calendar-world.js';

jest.setTimeout(120_000);
const DOCS = path.resolve('docs/addon');
const EMILY = 'emily.chen@acme.test';
const LA = 'America/Los_Angeles';

let world: CalendarWorld;
let browser: Browser;
let page: Page;
let reviewId: string;
beforeAll(async () => {
  world = await startCalendarWorld();
  browser = await launchBrowser();
  page = await newPage(browser, { baseURL: world.baseUrl });
  // Monday evening in Los Angeles: the first column, after the demo's working day.
  const start = world.local(LA, 1, '18:30');
  reviewId = (
    await world.control<{ id: string }>(`/users/${encodeURIComponent(EMILY)}/events`, {
      method: 'POST',
      body: {
        summary: 'Design review',
        start: { dateTime: start.toISO(), timeZone: LA },
        end: { dateTime: start.plus({ hours: 1 }).toISO(), timeZone: LA },
      },
    })
  ).id;
  // For the screenshots: an invitation Emily has not answered, and a Together session (the backend's private property).
  const invite = world.local(LA, 2, '17:00');
  await world.control(`/users/${encodeURIComponent('jacob.miller@acme.test')}/events`, {
    method: 'POST',
    body: {
      summary: 'Platform sync',
      start: { dateTime: invite.toISO(), timeZone: LA },
      end: { dateTime: invite.plus({ minutes: 45 }).toISO(), timeZone: LA },
      attendees: [{ email: EMILY }],
    },
  });
  const session = world.local(LA, 5, '17:00');
  await world.control(`/users/${encodeURIComponent(EMILY)}/events`, {
    method: 'POST',
    body: {
      summary: 'Mentoring: Emily Chen & Jacob Miller',
      start: { dateTime: session.toISO(), timeZone: LA },
      end: { dateTime: session.plus({ minutes: 45 }).toISO(), timeZone: LA },
      extendedProperties: { private: { togetherSessionId: '6f1c2b9e-0d7a-4c55-9a43-1f2e3d4c5b6a' } },
    },
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

const sidebar = () => page.frameLocator('iframe[title="Together add-on"]');
const chip = (id: string) => page.locator(`.chip[data-event-id="${id}"]`);

describe('the Calendar in a browser', () => {
  it('picks a demo user with one click, and both pages have no accessibility violation', async () => {
    await page.goto('/calendar');
    expect(await scanAccessibility(page, 'the demo users')).toEqual([]);
    await screenshot(page, 'sandbox-calendar-users', DOCS);
    await page.getByRole('link', { name: /^Emily Chen/ }).click();
    await page.waitForURL(/\/calendar\/week\?user=emily/);
    expect(await sidebar().getByRole('heading', { name: 'Together (test sidebar): home' }).isVisible()).toBe(true);
    expect(await scanAccessibility(page, 'the week')).toEqual([]);
  });

  it('scrolls the day to 08:00 and keeps the toolbar arrows and chips at least 24 by 24 px', async () => {
    expect(await page.locator('[data-grid-body]').evaluate((body) => body.scrollTop)).toBe(8 * 48);
    for (const name of ['Previous week', 'Next week', 'Today']) {
      const box = await page.getByRole('link', { name, exact: true }).boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(24);
      expect(box!.height).toBeGreaterThanOrEqual(24);
    }
    const heights = await page.locator('.day-column .chip').evaluateAll((chips) => chips.map((c) => c.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(24);
  });

  it('reaches a chip with the keyboard by its title, day and times, and Enter opens it in the sidebar', async () => {
    const day = world.local(LA, 1, '00:00').setLocale('en-GB').toFormat('cccc d MMMM');
    const name = `Design review, ${day}, 18:30 to 19:30`;
    await page.goto(`/calendar/week?user=${encodeURIComponent(EMILY)}`);
    await tabUntil(page, (element) => element.role === 'link' && element.name === name, { maxPresses: 80 });
    await assertFocusVisible(page);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`event=${reviewId}`));
    expect(await focusedElement(page)).toMatchObject({ role: 'heading', name: 'Design review' });
    const src = await page.locator('iframe[title="Together add-on"]').getAttribute('src');
    expect(src).toBe(`/sidebar/event?user=${encodeURIComponent(EMILY)}&calendarId=${encodeURIComponent(EMILY)}&eventId=${reviewId}`);
    expect(await sidebar().getByText(`Event: ${reviewId}`).isVisible()).toBe(true);
    expect(await scanAccessibility(page, 'an opened event')).toEqual([]);
  });

  it('moves the opened event with the form (no dragging needed), to another day and time', async () => {
    const target = world.local(LA, 3, '20:00');
    await page.getByLabel('Date').first().fill(target.toISODate()!);
    await page.locator('#move-start').fill('20:00');
    await page.locator('#move-end').fill('20:45');
    await page.getByRole('button', { name: 'Move' }).click();
    await page.waitForURL(/done=moved/);
    expect(await page.getByRole('alert').textContent()).toContain('The event was moved.');
    const day = target.setLocale('en-GB').toFormat('cccc d MMMM');
    expect(await page.getByRole('link', { name: `Design review, ${day}, 20:00 to 20:45`, exact: true }).count()).toBe(1);
    expect(await chip(reviewId).evaluate((element) => element.closest('.day-column')?.getAttribute('data-date'))).toBe(target.toISODate());
    const event = await world.control<{ start: { dateTime: string } }>(`/users/${encodeURIComponent(EMILY)}/events/${reviewId}`);
    expect(new Date(event.start.dateTime).getTime()).toBe(target.toMillis());
  });

  it('moves an event by dragging its chip too, as an enhancement of the same form', async () => {
    // Grabbed 4 px below its top, dropped 4 px below Thursday's 21:00 line: it keeps its 45 minutes and starts at 21:00.
    const thursday = world.local(LA, 4, '21:00');
    const column = page.locator(`.day-column[data-date="${thursday.toISODate()}"]`);
    await chip(reviewId).scrollIntoViewIfNeeded();
    const box = (await column.boundingBox())!;
    const posted = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/calendar/events/move'),
    );
    await chip(reviewId).dragTo(column, { sourcePosition: { x: 4, y: 4 }, targetPosition: { x: box.width / 2, y: 21 * 48 + 4 } });
    const answer = await posted;
    expect(answer.status()).toBe(303);
    expect(answer.request().postData()).toContain(`date=${thursday.toISODate()}&start=21%3A00&end=21%3A45`);
    await page.waitForLoadState('load');
    const event = await world.control<{ start: { dateTime: string }; end: { dateTime: string } }>(
      `/users/${encodeURIComponent(EMILY)}/events/${reviewId}`,
    );
    expect(new Date(event.start.dateTime).getTime()).toBe(thursday.toMillis());
    expect(new Date(event.end.dateTime).getTime()).toBe(thursday.plus({ minutes: 45 }).toMillis());
  });

  it('puts the sidebar under the week on a phone, and nothing scrolls sideways', async () => {
    const phone = await newPage(browser, { baseURL: world.baseUrl, viewport: VIEWPORTS.phone });
    await phone.goto(`/calendar/week?user=${encodeURIComponent(EMILY)}&event=${reviewId}`);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const grid = (await phone.locator('.grid').boundingBox())!;
    const frame = (await phone.locator('iframe[title="Together add-on"]').boundingBox())!;
    expect(frame.y).toBeGreaterThan(grid.y + grid.height);
    await phone.close();
  });

  it('refreshes the grid, and leaves the sidebar as it is, when the sidebar says it changed something', async () => {
    const frameUrl = await page.locator('iframe[title="Together add-on"]').getAttribute('src');
    const start = world.local(LA, 5, '19:00');
    const booked = await world.control<{ id: string }>(`/users/${encodeURIComponent(EMILY)}/events`, {
      method: 'POST',
      body: {
        summary: 'Booked from the sidebar',
        start: { dateTime: start.toISO(), timeZone: LA },
        end: { dateTime: start.plus({ minutes: 30 }).toISO(), timeZone: LA },
      },
    });
    const url = page.url();
    await page.frames()[1]!.evaluate(() => window.parent.postMessage({ type: 'together-sidebar-changed' }, location.origin));
    await chip(booked.id).waitFor();
    expect(page.url()).toBe(url);
    expect(await page.locator('iframe[title="Together add-on"]').getAttribute('src')).toBe(frameUrl);
  });
});
