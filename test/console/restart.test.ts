// A backend restart while a test runs: the open page keeps following it and shows the results once the
// backend is back (the session survives: the sandbox keeps its admin token across starts), and the
// run carries on where it stopped rather than starting again.
import { expect, it, jest } from '@jest/globals';
import { newPage } from './support/browser.js';
import { setEmulatorLatency, signInLink, testRuns } from './support/console-pages.js';
import { useConsole } from './support/use-console.js';

jest.setTimeout(240_000);
const suite = useConsole();

it('keeps showing the test’s progress across a backend restart, then its results', async () => {
  const { world, browser } = suite();
  const setup = [
    await world.api('/integration/vendor', {
      method: 'PUT',
      body: JSON.stringify({ vendor: 'GOOGLE_CALENDAR', ownerEmail: 'oliver.smith@acme.test' }),
    }),
    await world.api('/integration/method', { method: 'PUT', body: JSON.stringify({ method: 'DOMAIN_WIDE' }) }),
    await world.api('/integration/install/confirm', { method: 'POST', body: '{}' }),
  ];
  expect(setup.map((answer) => answer.status)).toEqual([200, 200, 200]);
  const page = await newPage(browser, { baseURL: world.baseUrl });
  await page.goto(signInLink(world));
  await page.waitForURL('**/admin/');

  // Slow enough that the run outlasts the shutdown's grace (SHUTDOWN_TIMEOUT_MS, 10 s): it is cut, then resumed.
  await setEmulatorLatency(world, 3000);
  await page.goto('/admin/test');
  await page.getByRole('button', { name: 'Run the test' }).click();
  await page.waitForURL('**/admin/test');
  expect(await page.locator('#test-progress').count()).toBe(1);
  const [run] = await testRuns(world);

  await world.restartBackend();
  // The restarted emulator answers at once; the cut attempt is retried by the job queue and resumes.
  await page.getByRole('link', { name: 'See the results' }).waitFor({ timeout: 120_000 });
  expect(await page.locator('#test-status').innerText()).toBe('Test finished.');
  await page.getByRole('link', { name: 'See the results' }).click();
  expect(await page.locator('#test-headline').innerText()).toMatch(/^Together is active for \d+ of 29 people/);
  const runs = await testRuns(world);
  expect(runs.map((r) => [r.id, r.status])).toEqual([[run!.id, 'COMPLETED']]);
  expect(runs[0]!.progress.total).toBe(29);
  await page.close();
});
