// The sandbox Calendar's add-on sidebar as a person uses it, for the browser journeys: the emulator's
// events of a user, a week opened on an event, and a sidebar button pressed until its next card is shown.
import { expect } from '@jest/globals';
import { DateTime } from 'luxon';
import type { FrameLocator, Page } from 'playwright-core';
import type { ConsoleWorld } from './console-world.js';

export interface EmulatorEvent {
  id: string;
  status?: string;
  start: { dateTime?: string };
  end?: { dateTime?: string };
  hangoutLink?: string;
  attendees?: Array<{ email: string; responseStatus: string }>;
  extendedProperties?: { private?: Record<string, string> };
}

export async function eventsOf(world: ConsoleWorld, email: string): Promise<EmulatorEvent[]> {
  const response = await fetch(`${world.emulatorUrl}/emulator/v1/users/${encodeURIComponent(email)}/events`);
  const body = (await response.json()) as { items?: EmulatorEvent[]; events?: EmulatorEvent[] };
  return (body.items ?? body.events ?? []).filter((event) => event.status !== 'cancelled');
}

/** The week of the event in the user's zone, the event opened (the sidebar shows its contextual card). */
export async function openWeek(page: Page, world: ConsoleWorld, email: string, event: EmulatorEvent): Promise<void> {
  const user = (await (await fetch(`${world.emulatorUrl}/emulator/v1/users/${encodeURIComponent(email)}`)).json()) as { timeZone: string };
  const zone = user.timeZone;
  const monday = DateTime.fromISO(event.start.dateTime!, { zone }).startOf('week').toISODate();
  await page.goto(`${world.calendarUrl}/calendar/week?${new URLSearchParams({ user: email, week: monday!, event: event.id })}`);
}

/**
 * Presses a button in the sidebar and waits for the page the form post leads to (a new document in the
 * frame), then checks its card is the one expected: an error card instead fails here, by its heading.
 */
export async function press(sidebar: FrameLocator, button: string, next: RegExp): Promise<void> {
  const inFrame = (await (await sidebar.owner().elementHandle())!.contentFrame())!;
  await inFrame.evaluate(() => ((window as unknown as { stale: boolean }).stale = true));
  await sidebar.getByRole('button', { name: button, exact: true }).first().click();
  await inFrame.waitForFunction(() => !(window as unknown as { stale?: boolean }).stale && document.readyState === 'complete', undefined, {
    timeout: 60_000,
  });
  expect(await sidebar.locator('h1').first().innerText()).toMatch(next);
}
