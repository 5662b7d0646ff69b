// The emulator's consent page in headless Chromium, as a person connecting their calendar meets it: choose an
// account, untick Calendar, Allow → the app's callback gets the code and a grant without Calendar; Cancel →
// access_denied. With the keyboard alone (every stop visibly focused), axe-clean at phone and desktop widths.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { OAuth2Client } from 'google-auth-library';
import type { Browser, Page } from 'playwright-core';
import type { OAuthClient } from '../../backend/emulator/index.js';
import { startTestEmulator, type TestEmulator } from '../emulator/support/emulator.js';
import { startCallbackServer, type CallbackServer } from '../emulator/support/sign-in.js';
import {
  assertFocusVisible,
  assertNotObscured,
  focusedElement,
  formatViolations,
  launchBrowser,
  newPage,
  offsiteRequests,
  scanAccessibility,
  tabUntil,
  VIEWPORTS,
  type FocusedElement,
} from './support/browser.js';

jest.setTimeout(120_000);

const G = 'https://www.googleapis.com/auth/';
const CALENDAR = `${G}calendar`;
const DIRECTORY = `${G}directory.readonly`;
const SCOPES = ['openid', 'email', 'profile', CALENDAR, DIRECTORY];

let emu: TestEmulator;
let app: CallbackServer;
let browser: Browser;
let client: OAuthClient;
let oauth: OAuth2Client;
let redirectUri: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  app = await startCallbackServer();
  browser = await launchBrowser();
  redirectUri = `${app.url}/connect/callback`;
  client = (await emu.control<OAuthClient>('POST', '/oauthClients', { name: 'Together', redirectUris: [redirectUri] })).body;
  oauth = new OAuth2Client({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: `${emu.url}/o/oauth2/v2/auth`, oauth2TokenUrl: `${emu.url}/token` },
  });
});

afterAll(async () => {
  await browser?.close();
  await emu?.close();
  await app?.close();
});

const named = (role: string, name: RegExp | string) => (element: FocusedElement) =>
  element.role === role && (typeof name === 'string' ? element.name === name : name.test(element.name));

/** Tabs to the element and checks that its focus can be seen and is not covered. */
async function tabTo(page: Page, predicate: (element: FocusedElement) => boolean): Promise<void> {
  await tabUntil(page, predicate);
  await assertFocusVisible(page);
  await assertNotObscured(page);
}

async function authorizationUrl(state: string, loginHint?: string) {
  const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
  const url = oauth.generateAuthUrl({
    scope: SCOPES,
    state,
    access_type: 'offline',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256' as never,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url, codeVerifier };
}

describe('the consent page', () => {
  it('with the keyboard alone at 360 px: choose an account, untick Calendar, Allow → a code whose grant has no Calendar', async () => {
    const page = await newPage(browser, { viewport: VIEWPORTS.phone });
    const { url, codeVerifier } = await authorizationUrl('keyboard-state');
    await page.goto(url);
    expect(await page.title()).toBe('Sign in – Google Accounts (emulator) – Together');
    expect(formatViolations(await scanAccessibility(page, 'the consent page at 360 px'))).toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Into the account group (nothing preselected: the first account), then the arrow keys pick another.
    await tabTo(page, (element) => element.role === 'radio');
    expect(await focusedElement(page)).toMatchObject({ role: 'radio', name: 'Ana García ana@acme.test' });
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await focusedElement(page)).toMatchObject({ role: 'radio', name: 'Ben Okafor ben@acme.test' });
    expect(await page.getByRole('radio', { name: 'Ben Okafor ben@acme.test' }).isChecked()).toBe(true);

    await tabTo(page, named('checkbox', /permanently delete all the calendars/));
    expect(await page.getByRole('checkbox', { name: /permanently delete all the calendars/ }).isChecked()).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: /permanently delete all the calendars/ }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: /Google Workspace directory/ }).isChecked()).toBe(true);

    await tabTo(page, named('button', 'Allow'));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/connect/callback?**`);
    const callback = new URL(page.url());
    expect(callback.searchParams.get('state')).toBe('keyboard-state');
    expect(callback.searchParams.get('code')).toMatch(/^4\/0A/);
    const granted = callback.searchParams.get('scope')!.split(' ');
    expect(granted).not.toContain(CALENDAR);
    expect(granted).toEqual(expect.arrayContaining(['openid', `${G}userinfo.email`, DIRECTORY]));

    const { tokens } = await oauth.getToken({ code: callback.searchParams.get('code')!, codeVerifier });
    expect(tokens.scope!.split(' ')).not.toContain(CALENDAR);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(offsiteRequests(page)).toEqual([]);
    await page.close();
  });

  it('with the mouse at desktop width: the login_hint account preselected, Cancel → access_denied with the state', async () => {
    const page = await newPage(browser, { viewport: VIEWPORTS.desktop });
    const { url } = await authorizationUrl('cancel-state', 'cara@acme.test');
    await page.goto(url);
    expect(formatViolations(await scanAccessibility(page, 'the consent page at desktop width'))).toBe('');
    expect(await page.getByRole('radio', { name: 'Cara Ito cara@acme.test' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /dan@acme\.test/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Choose an account');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(`${app.url}/connect/callback?**`);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ error: 'access_denied', state: 'cancel-state' });
    await page.close();
  });

  it('shows the admin_policy_enforced page, axe-clean, when the Workspace does not trust the app for Calendar', async () => {
    await emu.control('PUT', '/adminPolicies', { domain: 'acme.test', clientId: client.clientId, restrictedServices: ['calendar'] });
    const page = await newPage(browser);
    try {
      const { url } = await authorizationUrl('blocked-state', 'fay@acme.test');
      await page.goto(url);
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.getByRole('heading', { name: 'Access blocked: Authorization Error' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('Error 400: admin_policy_enforced');
      expect(page.url().startsWith(emu.url)).toBe(true);
      expect(formatViolations(await scanAccessibility(page, 'the admin_policy_enforced page'))).toBe('');
    } finally {
      await page.close();
      await emu.control('DELETE', `/adminPolicies?domain=acme.test&clientId=${encodeURIComponent(client.clientId)}`);
    }
  });
});
