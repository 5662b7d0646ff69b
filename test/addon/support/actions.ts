/** What the action suites share: a fresh CardService fake and fake user API per test, and the ways to run triggers and actions on them. */
import { beforeEach } from '@jest/globals';
import type { ActionName } from '../../../addon/src/action-names.js';
import { runAction, runTrigger } from '../../../addon/src/dispatch.js';
import { installCardService, shownCard, titleOf, type Recorded, type RecordedResponse } from './card-queries.js';
import { BACKEND_URL, depsOn, FakeUserApi } from './fake-user-api.js';

let current: FakeUserApi;

/** Before each test of the calling file: the CardService fake installed and a new fake user API; returns a getter for that API. */
export function freshUserApiEachTest(): () => FakeUserApi {
  beforeEach(() => {
    installCardService();
    current = new FakeUserApi();
  });
  return () => current;
}

/** A Calendar event object as Google sends it (current and legacy fields). */
export const event = (parameters: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  commonEventObject: { hostApp: 'CALENDAR', platform: 'WEB', timeZone: { id: 'Europe/Madrid', offset: 3600000 }, parameters },
  parameters,
  ...extra,
});
export const trigger = (name: 'onHomepage' | 'onEventOpen', raw: unknown) => runTrigger(name, raw, depsOn(current)) as unknown as Recorded;
export const act = (name: ActionName, raw: unknown) => runAction(name, raw, depsOn(current)) as unknown as RecordedResponse;
export const shown = shownCard;
export const title = titleOf;
/** A request URL relative to the user API. */
export const path = (url: string) => url.replace(`${BACKEND_URL}/addon/v1`, '');
