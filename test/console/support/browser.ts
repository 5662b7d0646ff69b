/**
 * Headless Chromium for the console's browser tests: Debian's `chromium` driven by playwright-core, never a
 * browser Playwright downloads. Pages come with the admin's viewport, time zone and locale; requests that
 * leave the machine are refused and recorded, since the console must work offline.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export { scanAccessibility, formatViolations, type Violation } from './accessibility.js';
export { assertFocusVisible, assertNotObscured, focusedElement, tabUntil, type FocusedElement } from './keyboard.js';

/** Debian's package (`apt-get install -y chromium`), which `.ci/run` installs when it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags that keep Chromium quiet on an offline machine: no GPU, no QUIC, no first-run, no background
 * fetches (component updates, sync, safe-browsing lists). Playwright adds `--headless` and a fresh,
 * empty `--user-data-dir` (removed on close) to each launch itself.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The two widths the console must work at. */
export const VIEWPORTS = {
  phone: { width: 360, height: 780 },
  desktop: { width: 1440, height: 900 },
} as const;

/** The admin the pages are opened for unless a test says otherwise: in Madrid, reading British English. */
export const DEFAULT_ADMIN = { timezoneId: 'Europe/Madrid', locale: 'en-GB' } as const;

/** Where the README's screenshots are kept. */
export const SCREENSHOT_DIR = path.resolve('docs/console');

/** Starts headless Chromium; fails (never skips) when Debian's package is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}, which is missing. Install it as root: ` +
        `apt-get update && apt-get install -y chromium (bash .ci/run does this). Never "npx playwright install".`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface PageOptions {
  /** Relative `page.goto('/admin/')` resolves against it (the world's `baseUrl`). */
  baseURL?: string;
  /** CSS pixels; `VIEWPORTS.phone` or `VIEWPORTS.desktop` (the default). */
  viewport?: { width: number; height: number };
  /** IANA zone the page's clock formats in; `DEFAULT_ADMIN.timezoneId` by default. */
  timezoneId?: string;
  /** BCP 47 locale of `navigator.language` and `Intl`; `DEFAULT_ADMIN.locale` by default. */
  locale?: string;
}

const offsite = new WeakMap<Page, string[]>();

/**
 * A page in a context of its own (its own cookies and storage: a fresh admin). Requests to any host but
 * localhost/127.0.0.1 are aborted and recorded (`offsiteRequests`). Closing the page closes its context.
 */
export async function newPage(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    viewport: options.viewport ?? VIEWPORTS.desktop,
    timezoneId: options.timezoneId ?? DEFAULT_ADMIN.timezoneId,
    locale: options.locale ?? DEFAULT_ADMIN.locale,
    reducedMotion: 'reduce',
  });
  const refused: string[] = [];
  await context.route(
    (url) => !isLoopback(url),
    (route) => {
      refused.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  offsite.set(page, refused);
  // The browser closing first closes the context itself; closing it again would reject.
  page.once('close', () => void context.close().catch(() => undefined));
  return page;
}

/** The requests the page tried to send off the machine (a CDN, web fonts, analytics): the console sends none. */
export function offsiteRequests(page: Page): string[] {
  return [...(offsite.get(page) ?? [])];
}

function isLoopback(url: URL): boolean {
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/**
 * Saves a PNG of the whole page (or only what the viewport shows) as `<dir>/<name>.png` (`docs/console/` by default, which the README embeds) and
 * returns its path. Names are fixed words (`integrations-empty`), so a rerun replaces the same files.
 */
export async function screenshot(page: Page, name: string, dir = SCREENSHOT_DIR, { fullPage = true } = {}): Promise<string> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`screenshot names are lowercase words with hyphens, not "${name}"`);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled', caret: 'hide' });
  return file;
}
