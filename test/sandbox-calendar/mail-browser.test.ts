// The Mail page in headless Chromium (the console's harness), over the real outbox on PGlite: Emily's
// session invitation and its cancellation, rendered by the scheduling code and captured as the sandbox
// captures them. No accessibility violation, the keyboard reaches and uses the download link, nothing
// scrolls sideways at 360 px; the screenshot docs/addon/sandbox-calendar-mail.png.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DateTime } from 'luxon';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  assertFocusVisible,
  assertNotObscured,
  launchBrowser,
  newPage,
  scanAccessibility,
  screenshot,
  tabUntil,
  VIEWPORTS,
} from '../console/support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createOrganization } from '../support/factories.js';
import { startCalendarWorld, type CalendarWorld } from './support/calendar-world.js';
import { outboxMailbox, sessionMails, storeMail } from './support/captured-mail.js';

jest.setTimeout(120_000);
const DOCS = path.resolve('docs/addon');
const LA = 'America/Los_Angeles';
const EMILY = { email: 'emily.chen@acme.test', displayName: 'Emily Chen', timeZone: LA };
const JACOB = { email: 'jacob.miller@acme.test', displayName: 'Jacob Miller', timeZone: LA };

let db: TestDatabase;
let world: CalendarWorld;
let browser: Browser;
let page: Page;
let invitation: string;
let inviteSubject: string;
/** When the invitation was captured, as the page writes it on Emily's clock. */
let inviteSent: string;
beforeAll(async () => {
  db = await createTestDatabase();
  const organizationId = (await createOrganization(db.prisma, {}, ['acme.test'])).id;
  // The mailbox reads at each request, so the mails can follow the emulator's clock, read once it runs.
  world = await startCalendarWorld({ mailbox: outboxMailbox(db, organizationId) });
  // Booked yesterday for Thursday at 10:00 in Los Angeles, then cancelled two hours ago.
  const booked = new Date(world.now.getTime() - 86_400_000);
  const { invite, cancel } = await sessionMails(db, organizationId, {
    mentor: JACOB,
    mentee: EMILY,
    program: 'Engineering mentoring',
    start: world.local(LA, 4, '10:00').plus({ weeks: 1 }).toJSDate(),
    minutes: 45,
    now: booked,
  });
  const toEmily = (mails: typeof invite) => mails.find((mail) => mail.recipient === EMILY.email)!;
  inviteSubject = toEmily(invite).subject;
  invitation = toEmily(invite).calendar!.content;
  for (const mail of invite) await storeMail(db, mail, booked, 'CAPTURE');
  // storeMail delivers two seconds after recording.
  inviteSent = DateTime.fromJSDate(booked).plus({ seconds: 2 }).setZone(LA).setLocale('en-GB').toFormat('cccc d MMMM yyyy, HH:mm');
  for (const mail of cancel) await storeMail(db, mail, new Date(world.now.getTime() - 2 * 3_600_000), 'CAPTURE');
  browser = await launchBrowser();
  page = await newPage(browser, { baseURL: world.baseUrl, timezoneId: LA });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await world?.close();
  await db?.close();
});

describe('the Mail page in a browser', () => {
  it("opens from the week's header, lists the invitation and the cancellation, with no accessibility violation", async () => {
    await page.goto(`/calendar/week?user=${encodeURIComponent(EMILY.email)}`);
    await page.getByRole('link', { name: 'Mail (2 messages)' }).click();
    await page.waitForURL(/\/calendar\/mail\?user=emily/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Emily Chen's mail");
    const subjects = await page.locator('.mail-subject').allTextContents();
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).toMatch(/^Cancelled: mentoring session 1 with Jacob Miller/);
    expect(subjects[1]).toBe(inviteSubject);
    expect(await page.getByText('Invitation (METHOD:REQUEST)').isVisible()).toBe(true);
    expect(await page.getByText('Cancellation (METHOD:CANCEL)').isVisible()).toBe(true);
    expect(await scanAccessibility(page, "Emily's mail")).toEqual([]);
    await screenshot(page, 'sandbox-calendar-mail', DOCS);
  });

  it('reaches the download link with the keyboard, and Enter downloads the stored invite.ics', async () => {
    await page.goto(`/calendar/mail?user=${encodeURIComponent(EMILY.email)}`);
    const name = `Download invite.ics, the invitation sent ${inviteSent}`;
    await tabUntil(page, (element) => element.role === 'link' && element.name === name, { maxPresses: 30 });
    await assertFocusVisible(page);
    await assertNotObscured(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('invite.ics');
    expect(await readFile((await download.path())!, 'utf8')).toBe(invitation);
    for (const link of await page.locator('.mail-download').all()) {
      const box = (await link.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
    }
  });

  it('goes back to the week', async () => {
    await page.goto(`/calendar/mail?user=${encodeURIComponent(EMILY.email)}`);
    await page.getByRole('link', { name: "Back to Emily Chen's week" }).click();
    await page.waitForURL(/\/calendar\/week\?user=emily/);
    expect(await page.locator('.toolbar-title').textContent()).toMatch(/^Emily Chen's calendar/);
  });

  it('says in plain words when there is no mail, with no accessibility violation', async () => {
    await page.goto(`/calendar/mail?user=${encodeURIComponent('oliver.smith@acme.test')}`);
    expect(await page.getByText('Together has not emailed Oliver Smith yet.', { exact: false }).isVisible()).toBe(true);
    expect(await scanAccessibility(page, "Oliver's empty mail")).toEqual([]);
  });

  it('scrolls only vertically at 360 px', async () => {
    const phone = await newPage(browser, { baseURL: world.baseUrl, viewport: VIEWPORTS.phone, timezoneId: LA });
    await phone.goto(`/calendar/mail?user=${encodeURIComponent(EMILY.email)}`);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await scanAccessibility(phone, "Emily's mail at 360 px")).toEqual([]);
    await phone.close();
  });
});
