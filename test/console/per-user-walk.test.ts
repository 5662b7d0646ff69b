// The per-user method walked in the sandbox `npm start` serves, as the people who use it meet it: a
// Together admin picks "Each person connects their own calendar" in the console; the test finds nobody
// connected; Ana connects from the add-on in the sandbox Calendar through the emulator's consent page;
// a re-test counts her; she removes Together's access in her Google Account (the emulator) and the next
// test and her add-on say so, with the fix; Lucía, who is not connected, books Pablo, who is not either,
// and both get an iCalendar invitation in the sandbox's captured mail. Each page state is axe-clean and
// the README's screenshots are kept under docs/console/ and docs/addon/.
import { beforeAll, expect, it, jest } from '@jest/globals';
import ICAL from 'ical.js';
import type { FrameLocator, Page } from 'playwright-core';
import { newPage, offsiteRequests, screenshot } from './support/browser.js';
import { checkPage, signInLink, testRuns } from './support/console-pages.js';
import type { ConsoleWorld } from './support/console-world.js';
import { press } from './support/sidebar.js';
import { useConsole } from './support/use-console.js';

jest.setTimeout(240_000);
const suite = useConsole();
const ANA = 'ana.garcia@acme.test';
const LUCIA = 'lucia.martin@acme.test';
const PABLO = 'pablo.ruiz@acme.test';
let admin: Page;

beforeAll(async () => {
  admin = await newPage(suite().browser, { baseURL: suite().world.baseUrl });
  await admin.goto(signInLink(suite().world));
  await admin.waitForURL(`${suite().world.baseUrl}/admin/`);
});

/** The sandbox Calendar's week of `email`, with the add-on's home in the sidebar. */
async function openCalendar(page: Page, world: ConsoleWorld, email: string): Promise<FrameLocator> {
  await page.goto(`${world.calendarUrl}/calendar/week?${new URLSearchParams({ user: email })}`);
  const sidebar = page.frameLocator('iframe[title="Together add-on"]');
  await sidebar.locator('h1').filter({ hasText: 'Your mentoring sessions' }).waitFor();
  return sidebar;
}

/** On the test page: once the run is over (it may be before the page loads), its results. */
async function showResults(): Promise<void> {
  const results = admin.getByRole('link', { name: 'See the results' });
  await results.or(admin.locator('#test-headline')).first().waitFor({ timeout: 60_000 });
  if (await results.isVisible()) await results.click();
  await admin.locator('#test-headline').waitFor();
}

/** Runs the test again: from the test page during setup, from the integrations page once it is done; its results are shown. */
async function retest(world: ConsoleWorld, from: 'setup' | 'done'): Promise<{ active: number }> {
  const before = (await testRuns(world)).length;
  if (from === 'setup') {
    await admin.goto('/admin/test');
    await admin.getByRole('button', { name: 'Run the test again' }).first().click();
  } else {
    await admin.goto('/admin/');
    await admin.getByRole('button', { name: 'Re-test Google Workspace' }).click();
  }
  await admin.waitForURL('**/admin/test');
  await showResults();
  const runs = await testRuns(world);
  expect(runs.length).toBe(before + 1);
  expect(runs[0]!.status).toBe('COMPLETED');
  return runs[0]!;
}

/** The row of the per-person table for `email` (the table is searched for them first). */
async function personRow(email: string) {
  await admin.getByLabel('Name or email').fill(email);
  await admin.getByRole('button', { name: 'Apply filters' }).click();
  await admin
    .locator('#people-status')
    .filter({ hasText: /^Showing 1 to 1 of 1 (person|people)$/ })
    .waitFor();
  return admin.locator('.table-people tbody tr').first();
}

it('a Together admin picks the per-user method; step 3 explains it; the first test finds nobody connected', async () => {
  const { world } = suite();
  await admin.getByRole('link', { name: /^Set Up/ }).click();
  await admin.getByLabel('Google Calendar').check();
  await admin.getByRole('button', { name: 'Continue' }).click();
  await admin.getByLabel('Email address of the integration owner').fill('oliver.smith@acme.test');
  await admin.getByRole('button', { name: 'Continue' }).click();
  await admin.waitForURL('**/admin/setup/method');
  await admin.getByLabel('Each person connects their own calendar').check();
  await admin.getByRole('button', { name: 'Continue' }).click();
  await admin.waitForURL('**/admin/setup/install');
  await checkPage(admin, 'step 3 for the per-user method', {
    title: /^Install the app and verify your domain/,
    screenshot: 'per-user-install',
  });
  const install = await admin.locator('main').innerText();
  expect(install).toContain('Each person opens Together in the Google Calendar sidebar');
  expect(install).not.toContain('directory.readonly');

  await admin.getByRole('button', { name: 'Continue' }).click();
  await admin.waitForURL('**/admin/test');
  await showResults();
  expect(await admin.locator('#test-headline').innerText()).toBe('Together is not active for anyone yet: all 29 people need a fix.');
  await admin.getByRole('link', { name: /^Show them \(Not connected yet\)$/ }).click();
  await checkPage(admin, 'per-user results, nobody connected', { title: /^Test results/, screenshot: 'per-user-not-connected' });
  const header = await admin.locator('.table-people thead').innerText();
  expect(header).toContain('Connection now');
  expect(await admin.getByRole('button', { name: /^Send a connect link to / }).count()).toBeGreaterThan(0);
  const integration = await world.api<{ integration: { method: string } }>('/integration');
  expect(integration.body.integration.method).toBe('PER_USER');
});

it('Ana connects from the add-on: the connect page, the emulator’s consent page, "Connected", and the add-on reloads', async () => {
  const { world, browser } = suite();
  const page = await newPage(browser);
  const sidebar = await openCalendar(page, world, ANA);
  expect(await sidebar.locator('main').innerText()).toContain('Connect your Google Calendar so Together can show your free time');
  await checkPage(page, 'the add-on of a person not connected', { title: /./ });
  await screenshot(page, 'sandbox-calendar-connect', 'docs/addon');

  // Connect opens the backend's connect page in a window of its own (setOpenLink, OnClose.RELOAD).
  const [connect] = await Promise.all([
    page.context().waitForEvent('page'),
    press(sidebar, 'Connect your Google Calendar', /^Your mentoring sessions$/),
  ]);
  await connect.waitForURL(`${world.baseUrl}/connect?**`);
  await checkPage(connect, 'the connect page', { title: /^Connect your Google Calendar/, screenshot: 'connect-page' });
  await connect.getByRole('button', { name: 'Continue to Google' }).click();
  await connect
    .getByRole('button', { name: 'Allow' })
    .waitFor()
    .catch(async (error: unknown) => {
      throw new Error(`no consent page at ${connect.url()}:\n${await connect.locator('body').innerText()}`, { cause: error });
    });
  expect(connect.url().startsWith(`${world.emulatorUrl}/o/oauth2/v2/auth?`)).toBe(true);
  // login_hint: the emulator's account chooser has Ana chosen; every scope ticked.
  expect(await connect.getByRole('radio', { name: new RegExp(ANA.replace('.', '\\.')) }).isChecked()).toBe(true);
  await connect.getByRole('button', { name: 'Allow' }).click();
  await connect.waitForURL(`${world.baseUrl}/connect/callback?**`);
  await checkPage(connect, 'the connected page', { title: /^Connected/, screenshot: 'connect-connected' });
  expect(await connect.getByRole('heading', { level: 1 }).innerText()).toBe('Connected: you can close this tab');
  expect(offsiteRequests(connect)).toEqual([]);

  // Closing the window reloads the add-on, which now says she is connected.
  await connect.close();
  await sidebar.getByText(`Connected: Together uses the calendar of ${ANA}.`).waitFor({ timeout: 15_000 });
  await sidebar.getByRole('button', { name: 'Disconnect', exact: true }).waitFor();
  expect(offsiteRequests(page)).toEqual([]);
  await page.close();
});

it('a re-test counts her: active for 1 of 29, her row says connected and working, and the setup can be finished', async () => {
  const { world } = suite();
  expect((await retest(world, 'setup')).active).toBe(1);
  expect(await admin.locator('#test-headline').innerText()).toMatch(/^Together is active for 1 of 29 people\./);
  const row = await personRow(ANA);
  expect(await row.innerText()).toMatch(/^Ana García\s*ana\.garcia@acme\.test\s+Working\s+Nothing to do\./);
  expect(await row.getByRole('button', { name: /^Send a connect link/ }).count()).toBe(0);
  await checkPage(admin, 'per-user results, Ana connected', { title: /^Test results/, screenshot: 'per-user-connected' });
  await admin.getByRole('button', { name: 'Done' }).click();
  await admin.waitForURL('**/admin/setup/done');
  expect(await admin.locator('.panel-body').innerText()).toBe('Active for 1 of 29 people.');
});

it('she removes Together’s access in her Google Account: the next test and her add-on say reconnect, with the fix', async () => {
  const { world, browser } = suite();
  const grants = await fetch(`${world.emulatorUrl}/emulator/v1/users/${encodeURIComponent(ANA)}/oauthGrants`);
  const { grants: granted } = (await grants.json()) as { grants: Array<{ clientId: string }> };
  expect(granted.length).toBe(1);
  const removed = await fetch(
    `${world.emulatorUrl}/emulator/v1/users/${encodeURIComponent(ANA)}/oauthGrants/${encodeURIComponent(granted[0]!.clientId)}`,
    { method: 'DELETE' },
  );
  expect(removed.status).toBeLessThan(300);

  expect((await retest(world, 'done')).active).toBe(0);
  const row = await personRow(ANA);
  const text = await row.innerText();
  expect(text).toContain('Connection revoked or expired');
  expect(text).toContain('Together asks Ana García to reconnect in the Calendar sidebar; you can also send them a connect link.');
  await checkPage(admin, 'per-user results, Ana’s access removed', { title: /^Test results/, screenshot: 'per-user-revoked' });

  // A fresh connect link, mailed to her from the console (captured in the sandbox).
  await row.getByRole('button', { name: /^Send a connect link to / }).click();
  await admin.getByRole('alert').or(admin.getByRole('status')).filter({ hasText: `Connect link sent to` }).first().waitFor();
  await checkPage(admin, 'a connect link sent', { title: /^Test results/ });

  const page = await newPage(browser);
  const sidebar = await openCalendar(page, world, ANA);
  expect(await sidebar.locator('main').innerText()).toContain('To do: reconnect your Google Calendar');
  await sidebar.getByRole('button', { name: 'Reconnect your Google Calendar', exact: true }).waitFor();
  await checkPage(page, 'the add-on with the reconnect To-Do', { title: /./ });
  await screenshot(page, 'sandbox-calendar-reconnect', 'docs/addon');

  // The mailed link, in her captured mail, works: it opens the connect page for her.
  await page.goto(`${world.calendarUrl}/calendar/mail?${new URLSearchParams({ user: ANA })}`);
  const mail = await page.locator('main').innerText();
  const link = /(http:\/\/localhost:\d+\/connect\?link=[\w-]+)/.exec(mail)?.[1];
  expect(link).toBeDefined();
  await page.goto(link!);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Connect your Google Calendar to Together');
  expect(await page.locator('main').innerText()).toContain(`This link is for Ana García (${ANA}).`);
  await page.close();
});

it('Lucía and Pablo, neither connected, book: both get an iCalendar invitation in the captured mail', async () => {
  const { world, browser } = suite();
  const page = await newPage(browser);
  const sidebar = await openCalendar(page, world, LUCIA);
  await press(sidebar, 'Book', /./);
  await press(sidebar, '30 min', /./);
  await press(sidebar, 'Choose', /./);
  await press(sidebar, 'Book session', /^Your mentoring sessions$/);
  expect(await sidebar.locator('main').innerText()).toMatch(/Invitation sent by email/);

  for (const person of [LUCIA, PABLO]) {
    await page.goto(`${world.calendarUrl}/calendar/mail?${new URLSearchParams({ user: person })}`);
    await checkPage(page, `the captured mail of ${person}`, { title: /mail – Sandbox Calendar/ });
    if (person === PABLO) await screenshot(page, 'sandbox-calendar-mail', 'docs/addon');
    const download = page.getByRole('link', { name: /invite\.ics|invitation/i }).first();
    const href = await download.getAttribute('href');
    const ics = await (await page.request.get(new URL(href!, page.url()).toString())).text();
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = calendar.getFirstSubcomponent('vevent')!;
    const attendees = event.getAllProperties('attendee').map((attendee) => String(attendee.getFirstValue()).toLowerCase());
    expect(attendees).toEqual(expect.arrayContaining([`mailto:${LUCIA}`, `mailto:${PABLO}`]));
  }
  expect(offsiteRequests(page)).toEqual([]);
  await page.close();
});
