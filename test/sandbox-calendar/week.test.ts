/** The week grid over a real emulator: the user's events at their times in their zone, today, the toolbar, the sidebar. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { startCalendarWorld, type CalendarWorld } from './support/calendar-world.js';
import { chipsOf, sidebarSrc, titleOf, todayHeaders } from './support/pages.js';

let world: CalendarWorld;
beforeAll(async () => {
  world = await startCalendarWorld();
}, 30_000);
afterAll(() => world.close());

const EMILY = 'emily.chen@acme.test';
const LA = 'America/Los_Angeles';

const html = async (path: string) => {
  const response = await fetch(`${world.baseUrl}${path}`, { headers: { accept: 'text/html' } });
  return { status: response.status, text: await response.text(), headers: response.headers };
};

const mondayOfNow = (zone: string) => world.local(zone, 1, '00:00').toISODate()!;

async function createAs(email: string, event: Record<string, unknown>): Promise<string> {
  return (await world.control<{ id: string }>(`/users/${encodeURIComponent(email)}/events`, { method: 'POST', body: event })).id;
}

describe('the week grid', () => {
  it('lists every demo user, one click to their week', async () => {
    const page = await html('/calendar');
    expect(page.status).toBe(200);
    expect(titleOf(page.text)).toBe('Choose a demo user – Sandbox Calendar – Together');
    expect(page.text).toContain(`href="/calendar/week?user=${encodeURIComponent(EMILY)}"`);
    expect(page.text).toContain('Emily Chen');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it("places an event at its start and end in the user's own zone, on its day", async () => {
    // Wednesday 18:30–19:15 in Los Angeles (after the demo's working day), written to the emulator as a UTC instant.
    const start = world.local(LA, 3, '18:30');
    const id = await createAs(EMILY, {
      summary: 'Design review',
      start: { dateTime: start.toUTC().toISO() },
      end: { dateTime: start.plus({ minutes: 45 }).toUTC().toISO() },
    });
    const page = await html(`/calendar/week?user=${encodeURIComponent(EMILY)}&week=${mondayOfNow(LA)}`);
    expect(page.status).toBe(200);
    const [chip, ...more] = chipsOf(page.text, id);
    expect(more).toEqual([]);
    expect(chip!.date).toBe(start.toISODate());
    expect(chip!.label).toBe(`Design review, ${start.setLocale('en-GB').toFormat('cccc d MMMM')}, 18:30 to 19:15`);
    // 18:30 is step 222 of five minutes; 45 minutes are nine steps; alone in its column.
    expect(chip!.classes).toEqual(expect.arrayContaining(['chip', 'colour-calendar', 'chip-organizer', 'at-222', 'len-9', 'w-1', 'x-0-1']));
  });

  it('gives overlapping events a share of the column each, and marks Together sessions', async () => {
    const start = world.local(LA, 4, '19:00');
    const at = (minutes: number) => ({ dateTime: start.plus({ minutes }).toISO(), timeZone: LA });
    const first = await createAs(EMILY, { summary: 'Overlap one', start: at(0), end: at(60) });
    const second = await createAs(EMILY, { summary: 'Overlap two', start: at(30), end: at(90) });
    const session = await createAs(EMILY, {
      summary: 'Mentoring: Emily & Jacob',
      start: at(120),
      end: at(150),
      extendedProperties: { private: { togetherSessionId: '6f1c2b9e-0d7a-4c55-9a43-1f2e3d4c5b6a' } },
    });
    const page = await html(`/calendar/week?user=${encodeURIComponent(EMILY)}&week=${mondayOfNow(LA)}`);
    expect(chipsOf(page.text, first)[0]!.classes).toEqual(expect.arrayContaining(['w-2', 'x-0-2']));
    expect(chipsOf(page.text, second)[0]!.classes).toEqual(expect.arrayContaining(['w-2', 'x-1-2']));
    const marked = chipsOf(page.text, session)[0]!;
    expect(marked.classes).toContain('together');
    expect(marked.label).toMatch(/, 21:00 to 21:30, Together session$/);
  });

  it("shows an invitation on the guest's week with their answer, and all-day events in the all-day row", async () => {
    const start = world.local(LA, 2, '08:00');
    const id = await createAs('jacob.miller@acme.test', {
      summary: 'Platform sync',
      start: { dateTime: start.toISO(), timeZone: LA },
      end: { dateTime: start.plus({ minutes: 30 }).toISO(), timeZone: LA },
      attendees: [{ email: EMILY }],
    });
    const holiday = await createAs(EMILY, {
      summary: 'Day off',
      start: { date: start.toISODate() },
      end: { date: start.plus({ days: 1 }).toISODate() },
    });
    const page = await html(`/calendar/week?user=${encodeURIComponent(EMILY)}&week=${mondayOfNow(LA)}`);
    const invitation = chipsOf(page.text, id)[0]!;
    expect(invitation.classes).toContain('chip-needsAction');
    expect(invitation.label).toMatch(/08:00 to 08:30, invitation not answered$/);
    const allDay = chipsOf(page.text, holiday);
    expect(allDay).toHaveLength(1);
    expect(allDay[0]!.date).toBeUndefined();
    expect(allDay[0]!.label).toBe(`Day off, ${start.setLocale('en-GB').toFormat('cccc d MMMM')}, all day`);
  });

  it("highlights today and draws the time line by the emulator's clock, and opens its week by default", async () => {
    const today = DateTime.fromJSDate(world.now).setZone(LA);
    const page = await html(`/calendar/week?user=${encodeURIComponent(EMILY)}`);
    expect(page.status).toBe(200);
    const [header, ...others] = todayHeaders(page.text);
    expect(others).toEqual([]);
    expect(header).toContain(`<span class="day-number">${today.day}</span>`);
    const step = Math.floor((today.hour * 60 + today.minute) / 5);
    expect(page.text).toContain(`<div class="now-line at-${step}" aria-hidden="true" data-now></div>`);
    expect(page.text).toContain(`href="/calendar/week?user=${encodeURIComponent(EMILY)}&amp;week=${mondayOfNow(LA)}" aria-current="date"`);

    // A week later on the emulator's clock, "Today" is the next Monday's week: the page never reads the wall clock.
    await world.control('/clock', { method: 'POST', body: { advanceMs: 7 * 24 * 3600_000 } });
    try {
      const later = await html(`/calendar/week?user=${encodeURIComponent(EMILY)}`);
      const nextMonday = world.local(LA, 8, '00:00').toISODate();
      expect(later.text).toContain(`href="/calendar/week?user=${encodeURIComponent(EMILY)}&amp;week=${nextMonday}" aria-current="date"`);
    } finally {
      await world.control('/clock', { method: 'POST', body: { set: world.now.toISOString() } });
    }
  });

  it('shows the add-on home in the sidebar, and the add-on on the event once a chip is opened', async () => {
    const start = world.local(LA, 5, '15:00');
    const id = await createAs(EMILY, {
      summary: 'Opened',
      start: { dateTime: start.toISO() },
      end: { dateTime: start.plus({ hours: 1 }).toISO() },
    });
    const week = mondayOfNow(LA);
    const home = await html(`/calendar/week?user=${encodeURIComponent(EMILY)}&week=${week}`);
    expect(home.text).toContain('<iframe class="sidebar-frame" title="Together add-on"');
    expect(sidebarSrc(home.text)).toBe(`/sidebar/home?user=${encodeURIComponent(EMILY)}`);
    const chip = chipsOf(home.text, id)[0]!;
    const opened = await html(chip.href);
    expect(sidebarSrc(opened.text)).toBe(
      `/sidebar/event?user=${encodeURIComponent(EMILY)}&calendarId=${encodeURIComponent(EMILY)}&eventId=${id}`,
    );
    expect(opened.text).toContain('<h2 class="heading-m" id="event-title" tabindex="-1">Opened</h2>');
    const sidebar = await html(sidebarSrc(opened.text));
    expect(sidebar.text).toContain(`Event: ${id}`);
  });

  it('writes the range in the toolbar and links the weeks before and after', async () => {
    const page = await html(`/calendar/week?user=${encodeURIComponent(EMILY)}&week=2027-03-08`);
    expect(titleOf(page.text)).toBe("8 – 14 March 2027 – Emily Chen's calendar – Sandbox Calendar – Together");
    expect(page.text).toContain('week=2027-03-01" rel="prev" aria-label="Previous week"');
    expect(page.text).toContain('week=2027-03-15" rel="next" aria-label="Next week"');
    const across = await html(`/calendar/week?user=${encodeURIComponent(EMILY)}&week=2027-12-27`);
    expect(titleOf(across.text)).toMatch(/^27 December 2027 – 2 January 2028 – /);
  });
});
