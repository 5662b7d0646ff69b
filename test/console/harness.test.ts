// The browser-test harness itself: the sandbox world, Chromium, screenshots, axe, the keyboard checks and a backend restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, jest } from '@jest/globals';
import {
  assertFocusVisible,
  assertNotObscured,
  focusedElement,
  formatViolations,
  newPage,
  offsiteRequests,
  scanAccessibility,
  screenshot,
  tabUntil,
  VIEWPORTS,
} from './support/browser.js';
import { useConsole } from './support/use-console.js';

jest.setTimeout(120_000);
const suite = useConsole();
const shots = mkdtempSync(path.join(tmpdir(), 'together-console-shots-'));
afterAll(() => rmSync(shots, { recursive: true, force: true }));

it('starts the sandbox backend on its own ports and opens it in Chromium at the admin’s width, zone and locale', async () => {
  const { world, browser, startedInMs } = suite();
  console.log(`console world (sandbox backend + Chromium ${browser.version()}) started in ${startedInMs} ms`);
  expect(world.baseUrl).toMatch(/^http:\/\/localhost:\d+$/);
  const page = await newPage(browser, { baseURL: world.baseUrl, viewport: VIEWPORTS.phone });
  try {
    const response = await page.goto('/readyz');
    expect(response?.status()).toBe(200);
    expect(JSON.parse(await page.locator('body').innerText())).toMatchObject({ status: 'ready' });
    expect(await page.evaluate(() => [innerWidth, Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.language])).toEqual([
      360,
      'Europe/Madrid',
      'en-GB',
    ]);
    const file = await screenshot(page, 'readyz-phone', shots);
    expect(file).toBe(path.join(shots, 'readyz-phone.png'));
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(offsiteRequests(page)).toEqual([]);
  } finally {
    await page.close();
  }
});

it('runs axe on the emulator’s account chooser, reached through a domain verification the admin API starts', async () => {
  const { world, browser } = suite();
  const started = await world.api<{ verification: { authorizationUrl: string } }>('/domains/verifications', {
    method: 'POST',
    body: JSON.stringify({ domain: 'acme.test' }),
  });
  expect(started.status).toBe(201);
  const page = await newPage(browser);
  try {
    expect((await page.goto(started.body.verification.authorizationUrl))?.status()).toBe(200);
    const minor = await scanAccessibility(page, 'the emulator’s account chooser');
    console.log(`axe on the account chooser: ${minor.length ? `minor or moderate:\n${formatViolations(minor)}` : 'no violations'}`);
  } finally {
    await page.close();
  }
});

it('refuses and records what a page asks from off the machine, finds focus with Tab and tells a visible, unobscured focus indicator from a faint or covered one', async () => {
  const page = await newPage(suite().browser);
  try {
    await page.setContent(`<!doctype html><html lang="en"><head><link rel="stylesheet" href="https://fonts.example.com/css2?family=Inter"></head>
      <body style="background:#fff;margin:0">
      <header style="position:fixed;z-index:1;top:0;left:0;right:0;height:60px;background:#0b0c0c;color:#fff">Together</header>
      <main style="padding-top:80px">
        <button id="strong">Strong</button>
        <button id="faint">Faint</button>
        <a id="covered" href="#x" style="position:absolute;top:10px;left:10px">Covered</a>
      </main>
      <style>:focus-visible{outline:none}#strong:focus-visible{outline:3px solid #fd0;box-shadow:0 0 0 6px #0b0c0c}#faint:focus-visible{outline:2px solid #eee}#covered:focus-visible{outline:3px solid #000}</style>
    </body></html>`);
    expect(offsiteRequests(page)).toEqual(['https://fonts.example.com/css2?family=Inter']);
    expect(await tabUntil(page, (el) => el.name === 'Strong')).toEqual({ tag: 'button', role: 'button', name: 'Strong', text: 'Strong' });
    await assertFocusVisible(page);
    await assertNotObscured(page);
    await tabUntil(page, (el) => el.name === 'Faint');
    await expect(assertFocusVisible(page)).rejects.toThrow(/button "Faint" .* outline solid 2px at 1\.\d\d:1/);
    await tabUntil(page, (el) => el.role === 'link');
    await expect(assertNotObscured(page)).rejects.toThrow(/link "Covered" .* obscured: its centre \(\d+, \d+\) shows <header>/);
    await page.click('#strong'); // a click, not the keyboard: a button then does not match :focus-visible
    expect(await focusedElement(page)).toMatchObject({ role: 'button', name: 'Strong' });
    await expect(assertFocusVisible(page)).rejects.toThrow(/button "Strong" has focus but does not match :focus-visible/);
    await expect(tabUntil(page, (el) => el.name === 'Nowhere', { maxPresses: 3 })).rejects.toThrow(
      /3 presses of Tab .*\n1\. button "Faint"/,
    );
    await page.setContent('<!doctype html><html lang="en"><title>Bad</title><main><button id="nameless"></button></main></html>');
    await expect(scanAccessibility(page, 'a nameless button')).rejects.toThrow(
      /^axe on a nameless button .*\n- button-name \(critical\) #nameless: Fix any of the following/m,
    );
  } finally {
    await page.close();
  }
});

it('narrows and widens the install in the emulator, and a restarted backend answers the open page at the same origin', async () => {
  const { world, browser } = suite();
  const reach = async () =>
    (
      (await (await fetch(`${world.emulatorUrl}/emulator/v1/grants`)).json()) as { grants: Array<{ clientId?: string; reach: unknown }> }
    ).grants
      .filter((grant) => grant.clientId === '100000000000000000001')
      .map((grant) => grant.reach);
  await world.setGrant({ orgUnits: ['/Engineering'] });
  expect(await reach()).toEqual([{ kind: 'orgUnits', orgUnits: ['/Engineering'] }]);
  await world.setGrant({ orgUnits: ['/Engineering', '/Sales', '/Operations', '/People', '/Contractors'] });
  expect(await reach()).toEqual([{ kind: 'orgUnits', orgUnits: ['/Engineering', '/Sales', '/Operations', '/People', '/Contractors'] }]);

  const page = await newPage(browser, { baseURL: world.baseUrl });
  try {
    await page.goto('/readyz');
    const before = { token: world.adminToken, origin: new URL(page.url()).origin };
    await world.restartBackend();
    expect((await page.reload())?.status()).toBe(200);
    expect(new URL(page.url()).origin).toBe(before.origin);
    expect(world.adminToken).toBe(before.token); // the sandbox keeps its token across starts, so console sessions survive
    expect((await world.api('')).status).toBe(200);
    expect(world.stdout().match(/"msg":"listening/g)).toHaveLength(2);
  } finally {
    await page.close();
  }
});
