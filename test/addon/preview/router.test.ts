/**
 * The sidebar over HTTP with the real parts: the real built bundle in the preview's worker thread,
 * the real backend and the Google emulator. The mentoring user's journey through rendered HTML
 * only — home → Book → duration → slot → confirm — then the event's contextual card, Back, the
 * Help universal action, and a posted form that names no button of the shown card.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SidebarClient } from './support/sidebar-client.js';
import { startSidebarWorld, type SidebarWorld } from './support/sidebar-world.js';

let sidebar: SidebarWorld;
let ana: SidebarClient;

beforeAll(async () => {
  sidebar = await startSidebarWorld();
  ana = new SidebarClient(sidebar.baseUrl, sidebar.world.mentor.email);
}, 120_000);
afterAll(() => sidebar?.close());

describe('the sidebar, driven through its HTML', () => {
  let sessionId: string;

  it('home → Book → 30 min → Choose → Book session: back home with the session and a notification', async () => {
    await ana.open('home');
    expect(ana.page.status).toBe(200);
    expect(ana.title).toBe('Your mentoring sessions');
    expect(ana.text).toContain('No upcoming sessions.');
    expect(ana.page.html).toContain('Approximate preview');
    expect(ana.page.html).not.toContain('aria-label="Back"');

    await ana.press('Book');
    expect(ana.title).toMatch(/^Book/);
    expect(ana.page.html).toContain('aria-label="Back"');
    expect(ana.page.html).toContain('data-changed="true"');
    await ana.press('30 min');
    expect(ana.text).toContain('30-minute times that suit you both');
    await ana.press('Choose');
    await ana.press('Book session');
    expect(ana.title).toBe('Your mentoring sessions');
    expect(ana.notification).toMatch(/^Session 1 booked for .+; Ben Mentee is invited\.$/);
    expect(ana.text).toContain('Ben Mentee');
    expect(ana.page.html).not.toContain('aria-label="Back"');
    expect(ana.problems).toEqual([]);
    // The function names and parameters stay on the server: the page posts indexes only.
    expect(ana.page.html).not.toMatch(/onShowSession|sessionId/);

    const upcoming = (await sidebar.world.ask('session', ana.user, await firstSessionId())) as { session: { id: string } };
    sessionId = upcoming.session.id;
  });

  it('the event opens its contextual card; Back returns through its own stack; the homepage stack is apart', async () => {
    const { session } = (await sidebar.world.ask('session', ana.user, sessionId)) as { session: { calendar: { eventId: string } } };
    await ana.open('event', { calendarId: ana.user, eventId: session.calendar.eventId });
    expect(ana.title).toBe('Session 1 with Ben Mentee');
    expect(ana.page.html).toContain('aria-label="Add-on home"');
    expect(ana.page.html).toMatch(/<a class="button [a-z]+" href="https:\/\/meet\.google\.com\/[^"]+" target="_blank"/);
    await ana.press('Cancel session');
    expect(ana.title).toMatch(/^Cancel session 1 with Ben Mentee\?/);
    await ana.back();
    expect(ana.title).toBe('Session 1 with Ben Mentee');
    expect(ana.page.html).not.toContain('aria-label="Back"');
    await ana.open('home');
    expect(ana.title).toBe('Your mentoring sessions');
  });

  it('Help, the manifest’s universal action, is in the menu of every card and shows its card on top', async () => {
    await ana.open('home');
    await ana.press('Help');
    expect(ana.page.html).toContain('aria-label="Back"');
    expect(ana.title).toBe('Together help');
    expect(ana.page.html).toContain('href="https://help.together.test/addon"');
    expect(ana.problems).toEqual([]);
  });

  it('a form of a card no longer shown, or naming no button of it, runs nothing', async () => {
    await ana.open('home');
    const stale = ana.page;
    await ana.press('Book');
    ana.page = stale;
    await ana.press('Book');
    expect(ana.problems).toEqual(['That card is no longer shown (another tab?): this is the current one. Nothing was run.']);
    const card = /name="card" value="([^"]+)"/.exec(ana.page.html)![1]!;
    const response = await fetch(`${sidebar.baseUrl}/sidebar/action?user=${encodeURIComponent(ana.user)}`, {
      method: 'POST',
      body: new URLSearchParams({ stack: 'home', card, action: '99' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    await ana.open('show');
    expect(ana.problems).toEqual(['That button is not on the shown card. Nothing was run.']);
  });

  it('refuses a user that is not an email, ids that are not Google’s, and posts from another origin', async () => {
    expect((await fetch(`${sidebar.baseUrl}/sidebar/home?user=nobody`)).status).toBe(400);
    expect((await fetch(`${sidebar.baseUrl}/sidebar/event?user=${ana.user}&calendarId=a&eventId=%3Cb%3E`)).status).toBe(400);
    const foreign = await fetch(`${sidebar.baseUrl}/sidebar/back?user=${ana.user}`, {
      method: 'POST',
      headers: { origin: 'https://evil.test' },
    });
    expect(foreign.status).toBe(403);
  });
});

/** The booked session's id, from the home card's line (its parameters are kept server-side, so ask the backend). */
async function firstSessionId(): Promise<string> {
  const sessions = (await sidebar.world.ask('upcoming', ana.user)) as { sessions: Array<{ id: string }> };
  return sessions.sessions[0]!.id;
}
