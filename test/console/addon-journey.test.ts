// The mentoring user's journey in the sandbox Calendar that `npm start` serves, with the real add-on
// bundle in its sidebar: Ana books from the add-on's home; the event is in her week and in Javier's,
// with a Meet link; Javier declines in his week; Ana's card says so in red; she reschedules to a
// suggested slot (the event moves) and cancels with a reason (the event is gone, the session cancelled).
import { expect, it, jest } from '@jest/globals';
import { newPage, offsiteRequests, screenshot } from './support/browser.js';
import { checkPage } from './support/console-pages.js';
import { eventsOf, openWeek, press, type EmulatorEvent } from './support/sidebar.js';
import { useConsole } from './support/use-console.js';

jest.setTimeout(240_000);
const suite = useConsole();
const ANA = 'ana.garcia@acme.test';
const JAVIER = 'javier.lopez@acme.test';

it('books, sees the decline, reschedules and cancels with the real add-on in the sandbox Calendar', async () => {
  const { world, browser } = suite();
  expect(world.stdout()).toContain(`Sandbox Calendar: ${world.calendarUrl}/calendar`);
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  await page.goto(`${world.calendarUrl}/calendar`);
  await page.getByRole('link', { name: /Ana García/ }).click();
  const sidebar = page.frameLocator('iframe[title="Together add-on"]');
  await sidebar.locator('h1').filter({ hasText: 'Your mentoring sessions' }).waitFor();

  await press(sidebar, 'Book', /./);
  await press(sidebar, '30 min', /./);
  await press(sidebar, 'Choose', /./);
  await press(sidebar, 'Book session', /^Your mentoring sessions$/);

  // Google adds the Meet link a moment after the event (the conference is created asynchronously).
  let booked: EmulatorEvent | undefined;
  for (let attempt = 0; attempt < 40 && !booked?.hangoutLink; attempt++) {
    if (attempt) await page.waitForTimeout(250);
    [booked] = (await eventsOf(world, ANA)).filter((event) => event.extendedProperties?.private?.togetherSessionId);
  }
  expect(booked?.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
  await openWeek(page, world, ANA, booked!);
  expect(await page.locator(`[data-event-id="${booked!.id}"]`).count()).toBe(1);
  expect(await page.locator('[data-event-panel]').innerText()).toContain('Google Meet');
  await sidebar.getByRole('button', { name: 'Reschedule', exact: true }).waitFor();
  await checkPage(page, 'the sandbox Calendar with a session open', { title: /./ });
  await screenshot(page, 'sandbox-calendar-session', 'docs/addon');

  // Javier's copy of the event, in his week: he declines it as himself in Google Calendar.
  const [invited] = (await eventsOf(world, JAVIER)).filter((event) => event.id === booked!.id);
  expect(invited).toBeDefined();
  await openWeek(page, world, JAVIER, invited!);
  await page.getByRole('button', { name: 'No', exact: true }).click();
  await page.waitForURL(/\/calendar\/week/);

  // Sync brings the decline to Together; Ana's home card shows it in red.
  await page.goto(`${world.calendarUrl}/calendar/week?user=${encodeURIComponent(ANA)}`);
  let attention = '';
  for (let attempt = 0; attempt < 20 && !attention; attempt++) {
    await page.reload();
    await sidebar.locator('h1').filter({ hasText: 'Your mentoring sessions' }).waitFor();
    attention = (await sidebar.locator('font[color="#b3261e"]').allInnerTexts()).join(' ');
    if (!attention) await page.waitForTimeout(500);
  }
  expect(attention).toMatch(/declined/);

  // A card drawn before the session changed: Ana moves the event in Google Calendar meanwhile (sync
  // follows), then confirms a move from the old card — the add-on says the session changed.
  await openWeek(page, world, ANA, booked!);
  await press(sidebar, 'Reschedule', /Reschedule/);
  await press(sidebar, 'Choose', /./);
  const later = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
  const shifted = await fetch(`${world.emulatorUrl}/emulator/v1/users/${ANA}/events/${booked!.id}/move`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ start: { dateTime: later(booked!.start.dateTime!) }, end: { dateTime: later(booked!.end!.dateTime!) } }),
  });
  expect(shifted.status).toBeLessThan(300);
  let version = 1;
  for (let attempt = 0; attempt < 40 && version === 1; attempt++) {
    await page.waitForTimeout(250);
    const answer = await world.api<{ session: { version: number } }>(`/sessions/${booked!.extendedProperties!.private!.togetherSessionId}`);
    version = answer.body.session.version;
  }
  await press(sidebar, 'Move session', /^This session changed meanwhile$/);
  await checkPage(page, 'the version-conflict card in the sandbox Calendar', { title: /./ });
  await screenshot(page, 'sandbox-calendar-changed-meanwhile', 'docs/addon');
  [booked] = (await eventsOf(world, ANA)).filter((event) => event.id === booked!.id);

  // Reschedule to the first suggested slot: the event moves in Google Calendar.
  await openWeek(page, world, ANA, booked!);
  await press(sidebar, 'Reschedule', /Reschedule/);
  await press(sidebar, 'Choose', /./);
  await press(sidebar, 'Move session', /^Session \d+ with Javier/);
  let moved: EmulatorEvent | undefined;
  for (let attempt = 0; attempt < 40 && (!moved || moved.start.dateTime === booked!.start.dateTime); attempt++) {
    if (attempt) await page.waitForTimeout(250);
    [moved] = (await eventsOf(world, ANA)).filter((event) => event.id === booked!.id);
  }
  expect(moved!.start.dateTime).not.toBe(booked!.start.dateTime);

  // Cancel with a reason: the event is gone and the session cancelled.
  await openWeek(page, world, ANA, moved!);
  await press(sidebar, 'Cancel session', /Cancel/);
  await sidebar.getByRole('textbox').first().fill('Travelling that week');
  await press(sidebar, 'Cancel session', /^Session \d+ with Javier/);
  expect(await sidebar.locator('main, body').first().innerText()).toMatch(/cancelled/i);
  let gone = false;
  for (let attempt = 0; attempt < 40 && !gone; attempt++) {
    if (attempt) await page.waitForTimeout(250);
    gone = !(await eventsOf(world, ANA)).some((event) => event.id === booked!.id);
  }
  expect(gone).toBe(true);
  expect(offsiteRequests(page)).toEqual([]);
  await page.close();
});
