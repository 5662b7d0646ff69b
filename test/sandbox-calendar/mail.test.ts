// The Mail page over the real outbox on PGlite (support/captured-mail.ts): mails recorded and delivered with
// the sandbox's capture, read through the domain read main.ts wires into the Calendar's mailbox port. Emily is
// in Los Angeles, so every time on her page is on Los Angeles's clock.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { findCapturedMail, listCapturedMail } from '../../backend/domain/outbox/captured-mail.js';
import type { OutgoingMail } from '../../backend/domain/outbox/outbox.js';
import { createLogger } from '../../backend/logger.js';
import { startSandboxCalendar } from '../../backend/sandbox-calendar/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createOrganization } from '../support/factories.js';
import { startCalendarWorld, type CalendarWorld } from './support/calendar-world.js';
import { outboxMailbox, storeMail } from './support/captured-mail.js';
import { titleOf } from './support/pages.js';
import { testSidebarRouter } from './support/test-sidebar.js';

const EMILY = 'emily.chen@acme.test';
const JACOB = 'jacob.miller@acme.test';
const OLIVER = 'oliver.smith@acme.test';
const logger = createLogger({ level: 'silent' });

const ics = (method: 'REQUEST' | 'CANCEL', sequence: number) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    'UID:session-1@together',
    `SEQUENCE:${sequence}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

let db: TestDatabase;
let world: CalendarWorld;
let sandboxOrg: string;
/** Ids of the mails by subject. */
const ids: Record<string, string> = {};

/** A mail to Emily (unless `fields` says otherwise) with the subject `name`, recorded at `at`, delivered with `transport`. */
async function mail(name: string, at: string, organizationId: string, fields: Partial<OutgoingMail>, transport: 'CAPTURE' | 'SMTP' | null) {
  const outgoing: OutgoingMail = {
    organizationId,
    kind: 'CONNECT_LINK',
    recipient: EMILY,
    subject: name,
    text: `The text of ${name}.`,
    messageKey: `test.${name}`,
    ...fields,
  };
  ids[name] = await storeMail(db, outgoing, new Date(at), transport);
}

beforeAll(async () => {
  db = await createTestDatabase();
  sandboxOrg = (await createOrganization(db.prisma, {}, ['acme.test'])).id;
  const otherOrg = (await createOrganization(db.prisma)).id;
  // Emily's, oldest first. 17:30 UTC on 2 March 2026 is 09:30 in Los Angeles (PST).
  await mail(
    'Mentoring session with Jacob Miller',
    '2026-03-02T17:30:00Z',
    sandboxOrg,
    {
      kind: 'SESSION_INVITATION',
      recipient: 'Emily.Chen@ACME.test',
      text: 'Jacob Miller booked a session.\nAccept it in your calendar.',
      calendar: { method: 'REQUEST', content: ics('REQUEST', 0) },
    },
    'CAPTURE',
  );
  await mail(
    'Cancelled: Mentoring session with Jacob Miller',
    '2026-03-03T18:00:00Z',
    sandboxOrg,
    { kind: 'SESSION_CANCELLATION', calendar: { method: 'CANCEL', content: ics('CANCEL', 1) } },
    'CAPTURE',
  );
  await mail('Connect your calendar', '2026-03-04T19:15:00Z', sandboxOrg, {}, null);
  // Not Emily's captured mail: delivered over SMTP, another organization's, Jacob's, and an address that only matches as a pattern.
  await mail('Sent over SMTP', '2026-03-05T10:00:00Z', sandboxOrg, {}, 'SMTP');
  await mail(
    'Another organization',
    '2026-03-05T11:00:00Z',
    otherOrg,
    { calendar: { method: 'REQUEST', content: ics('REQUEST', 0) } },
    'CAPTURE',
  );
  await mail(
    'For Jacob',
    '2026-03-05T12:00:00Z',
    sandboxOrg,
    { recipient: JACOB, calendar: { method: 'REQUEST', content: ics('REQUEST', 0) } },
    'CAPTURE',
  );
  await mail('For emilyxchen', '2026-03-05T13:00:00Z', sandboxOrg, { recipient: 'emilyxchen@acme.test' }, 'CAPTURE');
  await mail('For emily_chen', '2026-03-05T14:00:00Z', sandboxOrg, { recipient: 'Emily_Chen@acme.test' }, 'CAPTURE');
  world = await startCalendarWorld({ mailbox: outboxMailbox(db, sandboxOrg) });
}, 60_000);
afterAll(async () => {
  await world?.close();
  await db?.close();
});

const get = (path: string) => fetch(`${world.baseUrl}${path}`);
const text = async (path: string) => {
  const response = await get(path);
  return { status: response.status, html: await response.text(), headers: response.headers };
};
/** The page's text, tags dropped and spaces collapsed. */
const wordsOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const mailIdsOn = (html: string) => [...html.matchAll(/data-mail-id="([^"]+)"/g)].map((m) => m[1]);
const mailPage = (email: string) => `/calendar/mail?user=${encodeURIComponent(email)}`;
const inviteUrl = (email: string, id: string) => `/calendar/mail/invite.ics?user=${encodeURIComponent(email)}&id=${encodeURIComponent(id)}`;

describe('the captured-mail read (the real outbox on PGlite)', () => {
  it("lists the organization's captured and not-yet-sent mail to an address, any case, newest first", async () => {
    const mails = await listCapturedMail(db, { organizationId: sandboxOrg, recipient: 'EMILY.chen@acme.test' });
    expect(mails.map((m) => m.subject)).toEqual([
      'Connect your calendar',
      'Cancelled: Mentoring session with Jacob Miller',
      'Mentoring session with Jacob Miller',
    ]);
    expect(mails[0]!.sentAt).toBeNull();
    expect(mails[2]).toMatchObject({ calendarMethod: 'REQUEST', calendar: ics('REQUEST', 0), sentAt: new Date('2026-03-02T17:30:02Z') });
  });

  it('matches the address exactly: a pattern character is no wildcard', async () => {
    const subjects = async (recipient: string) =>
      (await listCapturedMail(db, { organizationId: sandboxOrg, recipient })).map((m) => m.subject);
    expect(await subjects('emily_chen@acme.test')).toEqual(['For emily_chen']);
    expect(await subjects('emilyxchen@acme.test')).toEqual(['For emilyxchen']);
    expect(await subjects('emily%')).toEqual([]);
    expect(await subjects('emily\\_chen@acme.test')).toEqual([]);
  });

  it("finds one mail only for its own recipient and organization; an id that is not a UUID is nobody's", async () => {
    expect(
      await findCapturedMail(db, { organizationId: sandboxOrg, recipient: EMILY, id: ids['Mentoring session with Jacob Miller']! }),
    ).toMatchObject({
      subject: 'Mentoring session with Jacob Miller',
    });
    expect(await findCapturedMail(db, { organizationId: sandboxOrg, recipient: EMILY, id: ids['For Jacob']! })).toBeNull();
    expect(await findCapturedMail(db, { organizationId: sandboxOrg, recipient: EMILY, id: ids['Sent over SMTP']! })).toBeNull();
    expect(await findCapturedMail(db, { organizationId: sandboxOrg, recipient: EMILY, id: ids['Another organization']! })).toBeNull();
    expect(await findCapturedMail(db, { organizationId: sandboxOrg, recipient: EMILY, id: 'not-a-uuid' })).toBeNull();
  });
});

describe('GET /calendar/mail', () => {
  it("shows Emily's mail newest first, on her clock, with what each invitation is and its download", async () => {
    const { status, html, headers } = await text(mailPage(EMILY));
    expect(status).toBe(200);
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('cache-control')).toBe('no-store');
    expect(titleOf(html)).toBe("Emily Chen's mail – Sandbox Calendar – Together");
    expect(mailIdsOn(html)).toEqual([
      ids['Connect your calendar'],
      ids['Cancelled: Mentoring session with Jacob Miller'],
      ids['Mentoring session with Jacob Miller'],
    ]);
    const words = wordsOf(html);
    expect(words).toContain('Sent Monday 2 March 2026, 09:30');
    expect(words).toContain('Sent Tuesday 3 March 2026, 10:00');
    expect(words).toContain('Not sent yet Waiting to be sent since Wednesday 4 March 2026, 11:15');
    expect(words).toContain('Invitation (METHOD:REQUEST)');
    expect(words).toContain('Cancellation (METHOD:CANCEL)');
    expect(html).toContain('Jacob Miller booked a session.\nAccept it in your calendar.');
    expect(html).toContain(`href="${inviteUrl(EMILY, ids['Mentoring session with Jacob Miller']!).replace(/&/g, '&amp;')}"`);
    expect(html).toContain(`href="${inviteUrl(EMILY, ids['Cancelled: Mentoring session with Jacob Miller']!).replace(/&/g, '&amp;')}"`);
    // The connect link has no invitation, so no download; nobody else's mail is there.
    expect(html.match(/class="mail-download"/g)).toHaveLength(2);
    for (const other of ['Sent over SMTP', 'Another organization', 'For Jacob', 'For emilyxchen', 'For emily_chen'])
      expect(words).not.toContain(other);
  });

  it('links back to the week, and the header counts the mail on both pages', async () => {
    const { html } = await text(mailPage(EMILY));
    expect(html).toContain(`<a class="back-link" href="/calendar/week?user=emily.chen%40acme.test">Back to Emily Chen's week</a>`);
    expect(html).toMatch(
      /<a href="\/calendar\/mail\?user=emily\.chen%40acme\.test" aria-current="page">Mail \(3<span class="chip-words"> messages<\/span>\)<\/a>/,
    );
    const week = await text(`/calendar/week?user=${encodeURIComponent(EMILY)}`);
    expect(week.html).toMatch(
      /<a href="\/calendar\/mail\?user=emily\.chen%40acme\.test">Mail \(3<span class="chip-words"> messages<\/span>\)<\/a>/,
    );
    expect(week.html).toContain(`<a href="/calendar/week?user=emily.chen%40acme.test" aria-current="page">Emily Chen's week</a>`);
  });

  it('says so in plain words when Together has not emailed the user', async () => {
    const { status, html } = await text(mailPage(OLIVER));
    expect(status).toBe(200);
    expect(wordsOf(html)).toContain('Together has not emailed Oliver Smith yet.');
    expect(mailIdsOn(html)).toEqual([]);
    expect(html).toContain('Mail (0<span class="chip-words"> messages</span>)');
  });

  it('answers 404 for an unknown user', async () => {
    const { status, html } = await text(mailPage('nobody@acme.test'));
    expect(status).toBe(404);
    expect(wordsOf(html)).toContain('There is no demo user with that email.');
    expect((await get('/calendar/mail')).status).toBe(404);
  });

  it('answers only to its own names (loopback only, as every page)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: world.calendar.port, path: mailPage(EMILY), headers: { host: 'evil.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});

describe('GET /calendar/mail/invite.ics', () => {
  it('serves the stored invitation as text/calendar with its method, as an invite.ics attachment', async () => {
    const response = await get(inviteUrl(EMILY, ids['Mentoring session with Jacob Miller']!));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; method=REQUEST; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="invite.ics"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe(ics('REQUEST', 0));
    const cancel = await get(inviteUrl(EMILY, ids['Cancelled: Mentoring session with Jacob Miller']!));
    expect(cancel.headers.get('content-type')).toBe('text/calendar; method=CANCEL; charset=utf-8');
    expect(await cancel.text()).toBe(ics('CANCEL', 1));
  });

  it("answers 404 for another user's mail, another organization's, one sent over SMTP, one without an invitation, or no mail", async () => {
    for (const name of ['For Jacob', 'Another organization', 'Sent over SMTP', 'Connect your calendar']) {
      const response = await get(inviteUrl(EMILY, ids[name]!));
      expect([name, response.status, response.headers.get('content-type')]).toEqual([name, 404, 'text/html; charset=utf-8']);
    }
    expect((await get(inviteUrl(EMILY, 'not-a-uuid'))).status).toBe(404);
    expect((await get(`/calendar/mail/invite.ics?user=${encodeURIComponent(EMILY)}`)).status).toBe(404);
    // Jacob's own invitation is his to download, and only his.
    expect((await get(inviteUrl(JACOB, ids['For Jacob']!))).status).toBe(200);
    expect((await get(inviteUrl('nobody@acme.test', ids['For Jacob']!))).status).toBe(404);
  });
});

describe('without a mailbox', () => {
  it('has no Mail page and no Mail link', async () => {
    const calendar = await startSandboxCalendar({
      emulatorUrl: world.emulator.url,
      consoleUrl: 'http://localhost:8080',
      sidebar: { router: testSidebarRouter() },
      logger,
      port: 0,
      environment: 'test',
    });
    try {
      const base = `http://127.0.0.1:${calendar.port}`;
      expect((await fetch(`${base}${mailPage(EMILY)}`)).status).toBe(404);
      expect((await fetch(`${base}${inviteUrl(EMILY, ids['Mentoring session with Jacob Miller']!)}`)).status).toBe(404);
      const week = await (await fetch(`${base}/calendar/week?user=${encodeURIComponent(EMILY)}`)).text();
      expect(week).not.toContain('/calendar/mail');
    } finally {
      await calendar.close();
    }
  });
});
