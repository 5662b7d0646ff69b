// Signing in and out in the browser, a wrong or revoked token, and the console's refusals as pages:
// an API refusal shown on the page it concerns, a page that does not exist, a cross-site form refused.
import { expect, it, jest } from '@jest/globals';
import { newPage } from './support/browser.js';
import { checkPage, signInWithToken } from './support/console-pages.js';
import { useConsole } from './support/use-console.js';

jest.setTimeout(180_000);
const suite = useConsole();

it('asks for the token, says plainly when it is wrong, signs in and out', async () => {
  const { world, browser } = suite();
  const page = await newPage(browser, { baseURL: world.baseUrl });
  await page.goto('/admin/health');
  await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin%2Fhealth$/);
  await checkPage(page, 'the sign-in page', { title: /^Sign in – Together$/, screenshot: 'sign-in' });

  await page.getByRole('button', { name: 'Sign in' }).click();
  await checkPage(page, 'sign-in without a token', { title: /^Error: Sign in/ });
  expect(await page.locator('#token-error').innerText()).toContain('Enter your admin API token');

  await page.getByLabel('Admin API token').fill('tgc_this-is-not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await checkPage(page, 'sign-in with a wrong token', { title: /^Error: Sign in/ });
  expect(await page.locator('#token-error').innerText()).toContain('This one is wrong or has been revoked');
  expect(page.url()).not.toContain('tgc_');

  // Signed in, the admin lands on the page they asked for before.
  await page.getByLabel('Admin API token').fill(world.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${world.baseUrl}/admin/health`);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/admin/sign-in?error=signed_out');
  expect(await page.getByRole('status').innerText()).toBe('You have signed out.');
  await page.goto('/admin/');
  await page.waitForURL(/\/admin\/sign-in$/);
  await page.close();
});

it('a revoked admin token ends its console sessions at once', async () => {
  const { world, browser } = suite();
  const page = await newPage(browser, { baseURL: world.baseUrl });
  const created = await world.api<{ token: string; adminToken: { id: string } }>('/tokens', {
    method: 'POST',
    body: JSON.stringify({ name: 'Revoked in the test' }),
  });
  expect(created.status).toBe(201);
  await page.goto('/admin/sign-in');
  await page.getByLabel('Admin API token').fill(created.body.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/admin/');
  expect((await world.api(`/tokens/${created.body.adminToken.id}`, { method: 'DELETE' })).status).toBeLessThan(300);
  await page.reload();
  await page.waitForURL('**/admin/sign-in?error=session_expired**');
  expect(await page.getByRole('status').innerText()).toContain('You were signed out');
  await page.close();
});

it('shows an API refusal on its page, an unknown page as such, and refuses a form posted from another site', async () => {
  const { world, browser } = suite();
  const page = await newPage(browser, { baseURL: world.baseUrl });
  await signInWithToken(page, world);

  // The method before the calendar and owner: the API's 409 wizard transition, in words, on the page.
  await page.goto('/admin/setup/method');
  await page.getByLabel('Domain-wide (recommended)').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await page.getByRole('alert').innerText()).toContain('Finish the earlier steps first. Next: Choose your calendar and its owner.');
  await checkPage(page, 'an API refusal on the method page', { title: /^How should Together connect/ });
  expect((await world.api<{ integration: { method: string | null } }>('/integration')).body.integration.method).toBeNull();

  const missing = await page.goto('/admin/no-such-page');
  expect(missing?.status()).toBe(404);
  await checkPage(page, 'page not found', { title: /^Page not found – Together$/ });

  // Another origin (the emulator's) posting "run the test" to the console, once a test could start: SameSite
  // keeps the cookie home, and the Origin check would refuse it anyway. No run starts.
  await world.api('/integration/vendor', {
    method: 'PUT',
    body: JSON.stringify({ vendor: 'GOOGLE_CALENDAR', ownerEmail: 'oliver.smith@acme.test' }),
  });
  await world.api('/integration/method', { method: 'PUT', body: JSON.stringify({ method: 'DOMAIN_WIDE' }) });
  expect((await world.api('/integration/install/confirm', { method: 'POST', body: '{}' })).status).toBe(200);
  await page.goto('about:blank');
  await page.setContent(`<form method="post" action="${world.baseUrl}/admin/test"><button>Go</button></form>`);
  const [refused] = await Promise.all([
    page.waitForResponse(`${world.baseUrl}/admin/test`),
    page.getByRole('button', { name: 'Go' }).click(),
  ]);
  expect([401, 403]).toContain(refused.status());
  expect((await world.api<{ testRuns: unknown[] }>('/integration/test-runs')).body.testRuns).toEqual([]);
  await page.close();
});

it('does not let the admin finish a setup that works for nobody, and says so plainly', async () => {
  const { world, browser } = suite();
  // The app uninstalled in the emulator: nobody gets a token.
  const uninstalled = await fetch(`${world.emulatorUrl}/emulator/v1/grants?clientId=100000000000000000001&domain=acme.test`, {
    method: 'DELETE',
  });
  expect(uninstalled.status).toBeLessThan(300);
  const page = await newPage(browser, { baseURL: world.baseUrl });
  await signInWithToken(page, world);
  await page.goto('/admin/test');
  await page.getByRole('button', { name: /^Run the test/ }).click();
  await page.getByRole('link', { name: 'See the results' }).or(page.locator('#test-headline')).first().waitFor({ timeout: 60_000 });
  await page.goto('/admin/test');
  expect(await page.locator('#test-headline').innerText()).toBe('Together is not active for anyone yet: all 29 people need a fix.');
  expect(await page.locator('main').innerText()).toContain("You can't finish the setup yet: Together would work for nobody.");
  expect(await page.getByRole('button', { name: 'Done' }).count()).toBe(0);
  await checkPage(page, 'results where nobody is active', { title: /^Test results/ });
  // Even a Done sent anyway (an old tab, a script) is refused by the API, in its words, on the page.
  const forced = await page.evaluate(
    async () => (await fetch('/admin/setup/finish', { method: 'POST', headers: { accept: 'text/html' } })).status,
  );
  expect(forced).toBe(409);
  expect((await world.api<{ integration: { wizardStep: string } }>('/integration')).body.integration.wizardStep).toBe('TEST');
  await page.close();
});
