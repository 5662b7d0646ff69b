// The seed's installation walk-through in a browser, against the sandbox backend: set up in four
// steps, the live test, N of M, the per-person table filtered to "not installed", Done; then the
// install widened to /Contractors in the emulator's Marketplace page, Re-test, Active again with the
// recovery mail under Health; then Edit the owner's email. Each state is scanned by axe and its
// screenshot kept under docs/console/ for the README.
import { beforeAll, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { newPage, offsiteRequests } from './support/browser.js';
import { checkPage, setEmulatorLatency, signInLink, testRuns } from './support/console-pages.js';
import { useConsole } from './support/use-console.js';

jest.setTimeout(180_000);
const suite = useConsole();
let page: Page;

beforeAll(async () => {
  page = await newPage(suite().browser, { baseURL: suite().world.baseUrl });
});

it('signs in with the one-click link npm start prints, into a session cookie no script can read', async () => {
  const { world } = suite();
  await page.goto(signInLink(world));
  await page.waitForURL(`${world.baseUrl}/admin/`);
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'together_console');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
  expect(await page.evaluate(() => [document.cookie.includes('together_console'), localStorage.length])).toEqual([false, 0]);
  await checkPage(page, 'the integrations page, not configured', {
    title: /^Integrations – Together$/,
    screenshot: 'integrations-not-configured',
  });
  expect(await page.getByRole('heading', { name: 'Microsoft 365' }).isVisible()).toBe(true);
  expect(await page.getByText('Not available in this edition.').isVisible()).toBe(true);
});

it('step 1: the calendar, then the integration owner, with the error summary when the email is missing', async () => {
  await page.getByRole('link', { name: /^Set Up/ }).click();
  await checkPage(page, 'step 1, the calendar', {
    title: /^Which calendar does your organization use\? – Set up Together Calendar – Together$/,
    screenshot: 'step-1-calendar',
  });
  await page.getByLabel('Google Calendar').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('button', { name: 'Continue' }).click();
  await checkPage(page, 'step 1, the owner with an error', { title: /^Error: Who should we email/, screenshot: 'step-1-owner-error' });
  expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
  const field = page.getByLabel('Email address of the integration owner');
  expect(await field.getAttribute('aria-describedby')).toContain('ownerEmail-error');
  expect(await page.locator('#ownerEmail-error').innerText()).toContain("Enter the integration owner's email address");
  await page.getByRole('link', { name: "Enter the integration owner's email address" }).click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('ownerEmail');

  await field.fill('not an email');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await page.locator('#ownerEmail-error').innerText()).toContain(
    'Enter an email address in the correct format, like name@example.org',
  );
  expect(await page.getByLabel('Email address of the integration owner').inputValue()).toBe('not an email');
  await page.getByLabel('Email address of the integration owner').fill('oliver.smith@acme.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/admin/setup/method');
});

it('step 2: the method, domain-wide recommended, and Back keeps the answers', async () => {
  await checkPage(page, 'step 2, the method', { title: /^How should Together connect to calendars\?/, screenshot: 'step-2-method' });
  await page.getByLabel('Domain-wide (recommended)').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/admin/setup/install');
  await page.goBack();
  await page.getByRole('link', { name: 'Back', exact: true }).click();
  expect(await page.getByLabel('Email address of the integration owner').inputValue()).toBe('oliver.smith@acme.test');
  await page.goto('/admin/setup/method');
  expect(await page.getByLabel('Domain-wide (recommended)').isChecked()).toBe(true);
});

it('step 3: the listing link, the verified domain, the client id and exact scopes; a double-clicked Continue starts one test', async () => {
  const { world } = suite();
  await page.goto('/admin/setup/install');
  await checkPage(page, 'step 3, install', { title: /^Install the app and verify your domain/, screenshot: 'step-3-install' });
  const listing = page.getByRole('link', { name: /Google Workspace app listing/ });
  expect(await listing.getAttribute('href')).toMatch(new RegExp(`^${world.emulatorUrl}/marketplace/app/`));
  expect(await page.getByRole('row', { name: /acme\.test/ }).innerText()).toMatch(/Verified\s+oliver\.smith@acme\.test/);
  expect(await page.locator('#client-id').innerText()).toBe('100000000000000000001');
  expect(await page.locator('#scope-1').innerText()).toBe('https://www.googleapis.com/auth/calendar');
  expect(await page.getByRole('button', { name: 'Copy client ID' }).isVisible()).toBe(true);

  // Slow Google down so the test is seen running: 1.5 s a call, two rounds of 20 people.
  await setEmulatorLatency(world, 1500);
  await page.getByRole('button', { name: 'Continue' }).dblclick();
  await page.waitForURL('**/admin/test');
  expect((await testRuns(world)).length).toBe(1);
});

it('step 4: live progress, then "active for 22 of 29", the reasons, the table filtered to not installed, and Done', async () => {
  const { world } = suite();
  const status = page.locator('#test-status');
  expect(await status.getAttribute('role')).toBe('status');
  // The first people checked move the bar, and the status line says how many (it is written in 10 % steps).
  await page.waitForFunction(() => (document.querySelector('#test-progress') as HTMLProgressElement).value > 0, undefined, {
    timeout: 30_000,
  });
  await status.filter({ hasText: /^Checked [1-9]\d* of 29 people$/ }).waitFor({ timeout: 30_000 });
  await checkPage(page, 'step 4, test running', { title: /^Testing Together Calendar/, screenshot: 'step-4-test-running' });
  await page.getByRole('link', { name: 'See the results' }).waitFor({ timeout: 60_000 });
  expect(await status.innerText()).toBe('Test finished.');
  await setEmulatorLatency(world, 0);
  await page.getByRole('link', { name: 'See the results' }).click();

  expect(await page.locator('#test-headline').innerText()).toBe('Together is active for 22 of 29 people. 7 need a fix.');
  await checkPage(page, 'step 4, results', { title: /^Test results/, screenshot: 'step-4-results' });
  await page.getByRole('link', { name: 'Show them (App not installed)' }).click();
  expect(await page.locator('#people-status').innerText()).toBe('Showing 1 to 3 of 3 people');
  const reasons = await page.locator('.table-people tbody td:nth-child(2)').allInnerTexts();
  expect(reasons).toEqual(['App not installed', 'App not installed', 'App not installed']);
  await checkPage(page, 'step 4, people filtered to not installed', { title: /^Test results/, screenshot: 'step-4-not-installed' });

  await page.getByRole('button', { name: 'Done' }).click();
  await page.waitForURL('**/admin/setup/done');
  await checkPage(page, 'done', { title: /^Together Calendar is set up/, screenshot: 'done' });
  expect(await page.locator('.panel-body').innerText()).toBe('Active for 22 of 29 people.');
  const integration = await world.api<{ integration: { wizardStep: string } }>('/integration');
  expect(integration.body.integration.wizardStep).toBe('DONE');
});

it('Failing: an incident opened at Done (7 of 29 fail), every page says so and links to it', async () => {
  await page.goto('/admin/');
  await page.getByRole('region', { name: 'Integration problem' }).waitFor();
  expect(await page.locator('.card').first().innerText()).toContain('Failing');
  await checkPage(page, 'the integrations page, failing', { title: /^Integrations/, screenshot: 'integrations-failing' });

  // Times as the server writes them, in the zone the browser told it (Europe/Madrid), not UTC.
  const html = await (await page.request.get('/admin/', { headers: { accept: 'text/html' } })).text();
  const [, iso, text] = /<time datetime="([^"]+)"[^>]*>([^<]+)<\/time>/.exec(html) ?? [];
  const inMadrid = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Madrid',
  });
  expect(text).toBe(inMadrid.format(new Date(iso!)));
  expect(html).toMatch(/Times are shown in <span data-zone[^>]*>Europe\/Madrid<\/span>/);
});

it('the install widened to /Contractors on the emulator’s Marketplace page, Re-test: Active again, and the recovery mail under Health', async () => {
  const { world } = suite();
  await page.goto('/admin/setup/install');
  const listingUrl = await page.getByRole('link', { name: /Google Workspace app listing/ }).getAttribute('href');
  const marketplace = await newPage(suite().browser);
  try {
    await marketplace.goto(listingUrl!);
    await checkPage(marketplace, 'the emulator’s Marketplace listing', { title: /Together/, screenshot: 'sandbox-marketplace-listing' });
    await marketplace.getByLabel('Certain groups or organizational units').check();
    await marketplace.getByLabel('/Contractors').check();
    await marketplace.getByRole('button', { name: /Install/ }).click();
    expect(await marketplace.locator('body').innerText()).toContain('/Contractors');
  } finally {
    await marketplace.close();
  }

  await page.goto('/admin/');
  await page.getByRole('button', { name: 'Re-test Google Workspace' }).dblclick();
  await page.waitForURL('**/admin/test');
  // Fast without latency: the run may be over before the page loads; either way it ends with its results.
  const results = page.getByRole('link', { name: 'See the results' }).or(page.locator('#test-headline'));
  await results.first().waitFor({ timeout: 60_000 });
  const runs = await testRuns(world);
  expect(runs.length).toBe(2);
  expect(runs[0]).toMatchObject({ status: 'COMPLETED', active: 25 });
  await page.goto('/admin/');
  expect(await page.locator('.card').first().innerText()).toMatch(/Active\s+Active for 25 of 29 people. 4 need a fix./);
  expect(await page.getByRole('region', { name: 'Integration problem' }).count()).toBe(0);
  await checkPage(page, 'the integrations page, active', { title: /^Integrations/, screenshot: 'integrations-active' });

  await page.getByRole('link', { name: 'Health' }).click();
  await checkPage(page, 'health, incidents', { title: /^Incidents – Health/, screenshot: 'health-incidents' });
  await page.locator('table a').first().click();
  expect(await page.locator('main').innerText()).toMatch(/Resolved/);
  const subjects = await page.locator('.mail').evaluateAll((mails) => mails.map((mail) => mail.getAttribute('aria-label')));
  expect(subjects.length).toBe(2);
  expect(subjects[1]).toMatch(/recovered|working again/i);
  await checkPage(page, 'health, the incident and its mails', { title: /^Incident – Health/, screenshot: 'health-incident' });
  await page.getByRole('link', { name: 'Calendar sync' }).click();
  await checkPage(page, 'health, calendar sync', { title: /^Calendar sync – Health/ });
  await page.getByRole('link', { name: 'Audit log' }).click();
  expect(await page.locator('main').innerText()).toContain('Finished the setup');
  await checkPage(page, 'health, audit log', { title: /^Audit log – Health/, screenshot: 'health-audit-log' });
});

it('Edit: the owner’s email changes, with a success message, and the API says so', async () => {
  const { world } = suite();
  await page.goto('/admin/');
  await page.getByRole('link', { name: 'Edit Google Workspace' }).click();
  await checkPage(page, 'settings', { title: /^Settings/, screenshot: 'settings' });
  await page.getByRole('link', { name: 'Change integration owner' }).click();
  await page.getByLabel('Email address of the integration owner').fill('ana.garcia@acme.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/admin/setup?done=owner');
  expect(await page.getByRole('alert').innerText()).toContain('The integration owner is saved.');
  expect(await page.locator('main').innerText()).toContain('ana.garcia@acme.test');
  const integration = await world.api<{ integration: { ownerEmail: string; wizardStep: string } }>('/integration');
  expect(integration.body.integration).toMatchObject({ ownerEmail: 'ana.garcia@acme.test', wizardStep: 'DONE' });
  // Nothing the console loaded came from anywhere but this machine: no CDN, no fonts, no analytics.
  expect(offsiteRequests(page)).toEqual([]);
});
