// The API reference (GET /api/docs): Scalar, served by the backend itself, renders the OpenAPI document in
// Chromium with nothing fetched off the machine and nothing refused by the page's CSP.
import { expect, it, jest } from '@jest/globals';
import { listen } from '../../backend/http/server.js';
import { createTestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { useWorld } from '../support/use-world.js';
import { launchBrowser, newPage, offsiteRequests, screenshot, VIEWPORTS } from './support/browser.js';

jest.setTimeout(120_000);

const world = useWorld(async () => {
  const [db, browser] = await Promise.all([createTestDatabase(), launchBrowser()]);
  const running = await listen(createTestApp(db).app, { host: '127.0.0.1', port: 0 });
  return {
    browser,
    baseUrl: `http://localhost:${running.port}`,
    close: async () => {
      await browser.close();
      await running.close(1_000);
      await db.close();
    },
  };
});

it('renders every API offline, with nothing refused by its CSP, for the README’s screenshot', async () => {
  const page = await newPage(world().browser, { baseURL: world().baseUrl, viewport: VIEWPORTS.desktop });
  const problems: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
  page.on('pageerror', (error) => problems.push(error.message));
  try {
    expect((await page.goto('/api/docs'))?.status()).toBe(200);
    await expect(
      page.getByRole('heading', { name: 'Together Calendar for Google Workspace', level: 1 }).waitFor(),
    ).resolves.toBeUndefined();
    // One group per API part, down to the webhook.
    for (const tag of ['Admin tokens', 'Integration test', 'Add-on', 'Webhooks']) {
      await expect(page.getByText(tag, { exact: true }).first().waitFor()).resolves.toBeUndefined();
    }
    // Nothing that needs Scalar's hosted services (its AI chat, its API client).
    expect(await page.getByText('Ask AI').count()).toBe(0);
    // The first screen only: the whole reference is many screens long.
    await screenshot(page, 'api-reference', 'docs', { fullPage: false });
    expect(offsiteRequests(page)).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    await page.close();
  }
});
