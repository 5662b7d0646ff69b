/**
 * The built bundle against the real backend and the Google emulator: Apps Script's UrlFetchApp
 * forwards to the backend over HTTP (synchronously, as in Apps Script), ScriptApp.getIdentityToken()
 * returns a token the emulator minted. Book from home, open the session's event, reschedule it to a
 * suggested slot (the event moves in Google Calendar), then cancel it (the event is gone).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buttonOf, shownCard, textOf, titleOf, type Recorded, type RecordedAction, type RecordedResponse } from './support/card-queries.js';
import { buildBundle, callGlobal, loadBundle, urlFetchAppOver, type Built } from '../../backend/addon-preview/bundle.js';
import { startE2eWorld, type E2eWorld } from './support/e2e-world.js';
import { SyncHttp } from '../../backend/addon-preview/sync-http.js';

const ZONE = 'Europe/Madrid';

let world: E2eWorld;
let http: SyncHttp;
let built: Built;
let addon: Record<string, unknown>;

beforeAll(async () => {
  world = await startE2eWorld();
  http = new SyncHttp();
  built = await buildBundle({ backendUrl: world.backendUrl, helpUrl: 'https://help.together.test/addon' });
  const token = await world.ask('idToken', world.mentor.email);
  const urlFetchApp = urlFetchAppOver((request) => http.send(request), built.manifest.urlFetchWhitelist);
  addon = loadBundle(built.code, { UrlFetchApp: urlFetchApp, ScriptApp: { getIdentityToken: () => token } });
}, 120_000);

afterAll(async () => {
  await http?.close();
  await built?.remove();
  await world?.close();
});

const shown = shownCard;
const title = titleOf;
/** Clicks a button: calls its function with its parameters, as Calendar does, in the user's zone. */
const click = (action: RecordedAction | undefined, formInputs: Record<string, unknown> = {}) =>
  callGlobal<RecordedResponse>(addon, action!.functionName, {
    commonEventObject: { timeZone: { id: ZONE, offset: 3600000 }, parameters: action!.parameters, formInputs },
  });
const openEvent = (calendarId: string, eventId: string) =>
  callGlobal<Recorded>(addon, 'onEventOpen', {
    commonEventObject: { timeZone: { id: ZONE, offset: 3600000 } },
    calendar: { calendarId, id: eventId },
  });

describe('the add-on against the backend and the emulator', () => {
  let sessionId: string;
  let eventId: string;

  it('books a session from the home card', () => {
    const home = callGlobal<Recorded>(addon, 'onHomepage', { commonEventObject: { timeZone: { id: ZONE } } });
    expect(title(home)).toBe('Your mentoring sessions');
    expect(textOf(home)).toContain('No upcoming sessions.');
    const durations = shown(click(buttonOf(home, 'Book').action));
    const slots = shown(click(buttonOf(durations, '30 min').action));
    const review = shown(click(buttonOf(slots, 'Choose').action));
    const booked = click(buttonOf(review, 'Book session').action);
    expect(booked.notification?.text).toMatch(/^Session 1 booked for .+; Ben Mentee is invited\.$/);
    const homeAfter = shown(booked);
    expect(textOf(homeAfter)).toContain('Ben Mentee');
    const line = (homeAfter.sections as Array<{ widgets: Recorded[] }>)[0]!.widgets[0]!;
    sessionId = (line.onClickAction as RecordedAction).parameters.sessionId!;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('opening the session’s event shows its context', async () => {
    const session = (await world.ask('session', world.mentor.email, sessionId)) as {
      session: { calendar: { eventId: string }; startLocal: string };
    };
    eventId = session.session.calendar.eventId;
    const google = await world.ask('eventOf', world.mentor.email, eventId);
    expect(google.attendees.map((attendee) => attendee.email)).toContain(world.mentee.email);

    const card = openEvent(world.mentor.email, eventId);
    expect(title(card)).toBe('Session 1 with Ben Mentee');
    expect(textOf(card)).toContain('Leadership 2027 · session 1');
    expect(textOf(card)).toContain(`When (${ZONE})`);
    expect(textOf(card)).toContain('Growing as a first-time manager');
    expect(textOf(card)).toMatch(/Ben Mentee (has not answered yet|accepted)/);
    expect(buttonOf(card, 'Join Google Meet').url).toBe(google.hangoutLink);
  });

  it('the match declines in Google Calendar: the context card and the home list say so', async () => {
    await world.ask('respond', world.mentee.email, eventId, 'declined');
    const card = openEvent(world.mentor.email, eventId);
    expect(textOf(card)).toMatch(/Ben Mentee declined this session\./);
    expect(textOf(card)).toContain('Ben Mentee declined');
    expect(buttonOf(card, 'Reschedule')).toBeDefined();
    const home = callGlobal<Recorded>(addon, 'onHomepage', { commonEventObject: { timeZone: { id: ZONE } } });
    expect(textOf(home)).toContain('Ben Mentee declined');
  });

  it('other events get the neutral card', () => {
    expect(title(openEvent(world.mentor.email, 'someoneelsesevent'))).toBe('Not a mentoring session');
  });

  it('reschedules to a suggested slot: the event moves in Google Calendar', async () => {
    const before = await world.ask('eventOf', world.mentor.email, eventId);
    const slots = shown(click(buttonOf(openEvent(world.mentor.email, eventId), 'Reschedule').action));
    expect(title(slots)).toBe('Reschedule: choose a new time');
    const otherTime = allChoices(slots).find(
      (action) => new Date(action.parameters.start!).getTime() !== new Date(before.start.dateTime).getTime(),
    )!;
    const review = shown(click(otherTime));
    expect(title(review)).toBe('Move session 1 with Ben Mentee?');

    const moved = click(buttonOf(review, 'Move session').action);
    expect(moved.navigation.operations[0]).toEqual({ popToNamedCard: 'session' });
    expect(moved.notification?.text).toMatch(/^Moved to .+; Ben Mentee is notified\.$/);
    expect(title(shown(moved))).toBe('Session 1 with Ben Mentee');

    const after = await world.ask('eventOf', world.mentor.email, eventId);
    expect(new Date(after.start.dateTime).toISOString()).toBe(new Date(otherTime.parameters.start!).toISOString());

    // A confirm card of before the move (say, in another tab) is stale: the backend refuses it, the add-on offers a reload.
    const staleMove = buttonOf(review, 'Move session').action!;
    const thirdTime = allChoices(slots).find(
      (action) =>
        ![before.start.dateTime, otherTime.parameters.start].some(
          (start) => new Date(start!).getTime() === new Date(action.parameters.start!).getTime(),
        ),
    )!;
    const stale = shown(click({ ...staleMove, parameters: { ...staleMove.parameters, start: thirdTime.parameters.start! } }));
    expect(title(stale)).toBe('This session changed meanwhile');
    expect(buttonOf(stale, 'Reload session').action).toMatchObject({ functionName: 'onReloadSession' });
  });

  it('cancels with a reason: the event is gone from Google Calendar and the session is cancelled', async () => {
    const review = shown(click(buttonOf(openEvent(world.mentor.email, eventId), 'Cancel session').action));
    const cancelled = click(buttonOf(review, 'Cancel session').action, { reason: { stringInputs: { value: ['Travelling'] } } });
    expect(cancelled.notification?.text).toBe('Session cancelled; Ben Mentee is notified.');
    expect(textOf(shown(cancelled))).toContain('Cancelled: Travelling');

    const google = await world.ask('eventOf', world.mentor.email, eventId);
    expect(google.status).toBe('cancelled');
    const session = (await world.ask('session', world.mentor.email, sessionId)) as {
      session: { status: string; cancelReason: string; allowedActions: string[] };
    };
    expect(session.session).toMatchObject({ status: 'CANCELLED', cancelReason: 'Travelling', allowedActions: [] });

    const card = openEvent(world.mentor.email, eventId);
    expect(textOf(card)).toContain('Cancelled: Travelling');
    expect(() => buttonOf(card, 'Reschedule')).toThrow();
  });
});

/** The "Choose" buttons of a slots card, soonest first. */
function allChoices(card: Recorded): RecordedAction[] {
  return (card.sections as Array<{ widgets?: Recorded[] }>)
    .flatMap((section) => section.widgets ?? [])
    .map((widget) => (widget.button as { onClickAction?: RecordedAction } | undefined)?.onClickAction)
    .filter((action): action is RecordedAction => action !== undefined);
}
