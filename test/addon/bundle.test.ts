import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADDON_NAMESPACE } from '../../addon/build.js';
import { ACTION_NAMES } from '../../addon/src/action-names.js';
import { actionsOf, buttonOf, shownCard, titleOf, type Recorded, type RecordedResponse } from './support/card-queries.js';
import { aMe, aSession, SESSION_ID, someSlots } from './support/fixtures.js';
import { FakeUserApi } from './support/fake-user-api.js';
import { buildBundle, callGlobal, loadBundle, manifestFunctions, urlFetchAppOver, type Built } from '../../backend/addon-preview/bundle.js';

const BACKEND_URL = 'https://together.bundle.test/base';
/** What the test puts into the bundle's global scope (loadBundle): the rest is what the bundle declares. */
const SERVICES = ['CardService', 'UrlFetchApp', 'ScriptApp', 'console'];
let built: Built;
beforeAll(async () => {
  built = await buildBundle({ backendUrl: BACKEND_URL, helpUrl: 'https://help.bundle.test/addon' });
});
afterAll(() => built.remove());

function load(api = new FakeUserApi()) {
  const urlFetchApp = urlFetchAppOver((request) => api.send(request), built.manifest.urlFetchWhitelist);
  const logged: unknown[][] = [];
  const console = { error: (...args: unknown[]) => logged.push(args), log: () => undefined, warn: () => undefined, info: () => undefined };
  const context = loadBundle(built.code, { UrlFetchApp: urlFetchApp, ScriptApp: { getIdentityToken: () => 'id-token-123' }, console });
  return { context, urlFetchApp, api, logged };
}

/** The function names the bundle's card code passes to setFunctionName (through widgets.ts's `call("…")` or a `functionName`). */
function functionNamesInCode(): string[] {
  return [...built.code.matchAll(/(?<![.\w])(?:call\(|functionName: )"(\w+)"/g)].map((match) => match[1]!);
}

describe('the built bundle (build/addon/Code.js as clasp pushes it)', () => {
  it('is one script: no import or export statements', () => {
    expect(built.code).not.toMatch(/^\s*(import|export)\b/m);
    expect(built.code).toContain(`function onEventOpen(e) {\n  return ${ADDON_NAMESPACE}.onEventOpen(e);\n}`);
  });

  it('uses nothing Apps Script’s V8 runtime lacks (Node and browser globals), bundled dependencies included', () => {
    const missing = [
      'URL',
      'URLSearchParams',
      'TextEncoder',
      'TextDecoder',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'structuredClone',
      'fetch',
      'atob',
      'btoa',
      'require',
      'process',
      'Buffer',
      'globalThis',
      'window',
    ];
    const used = missing.filter((name) => new RegExp(`(?<![.\\w$'"])${name}\\b(?!\\s*:)`).test(built.code));
    expect(used).toEqual([]);
  });

  it('has as globals only the entry points (every manifest runFunction and card action, each a function) and the namespace holding them', () => {
    const { context } = load();
    const entryPoints = [...new Set([...manifestFunctions(built.manifest), ...ACTION_NAMES])].sort();
    const declared = Object.getOwnPropertyNames(context).filter((name) => !SERVICES.includes(name));
    expect(declared.filter((name) => typeof context[name] === 'function').sort()).toEqual(entryPoints);
    expect(declared.filter((name) => typeof context[name] !== 'function')).toEqual([ADDON_NAMESPACE]);
    expect(Object.keys(context[ADDON_NAMESPACE] as object).sort()).toEqual(entryPoints);
    expect([...built.globals].sort()).toEqual(entryPoints);
    // The same list from what the bundle itself names: the manifest's runFunctions and its setFunctionName targets.
    expect([...new Set([...manifestFunctions(built.manifest), ...functionNamesInCode()])].sort()).toEqual(entryPoints);
  });

  it('keeps every internal helper out of the global scope, where a card action coming back from the client could name it', () => {
    const { context } = load();
    const helpers = ['runAction', 'runTrigger', 'addonDeps', 'BackendClient', 'urlFetchPort'];
    for (const name of helpers) expect(built.code).toMatch(new RegExp(`^(?:function|var|class) ${name}\\b`, 'm'));
    for (const name of helpers) expect([name, typeof context[name]]).toEqual([name, 'undefined']);
    expect(() => callGlobal(context, 'runAction', { commonEventObject: { parameters: {} } })).toThrow(/runAction is not a global function/);
  });

  it('an event-open trigger asks the backend at its build-time URL with the bearer ID token', () => {
    const api = new FakeUserApi().answer('GET', '/sessions/by-event', 200, { session: aSession() });
    const { context, urlFetchApp } = load(api);
    const card = callGlobal<Recorded>(context, 'onEventOpen', {
      commonEventObject: { timeZone: { id: 'Europe/Madrid' } },
      calendar: { id: 'e1', calendarId: 'c1' },
    });
    expect(urlFetchApp.calls).toEqual([
      {
        url: `${BACKEND_URL}/addon/v1/sessions/by-event?calendarId=c1&eventId=e1&timeZone=Europe%2FMadrid`,
        options: expect.objectContaining({
          method: 'get',
          headers: { Authorization: 'Bearer id-token-123', Accept: 'application/json' },
          muteHttpExceptions: true,
        }),
      },
    ]);
    expect(card).toMatchObject({ kind: 'Card', name: 'session' });
  });

  it('a bug shows the "Something went wrong" card and its stack goes to Apps Script’s console (Cloud Logging)', () => {
    const api = new FakeUserApi().answer('GET', `/sessions/${SESSION_ID}`, 200, { session: { id: SESSION_ID } });
    const { context, logged } = load(api);
    const response = callGlobal<RecordedResponse>(context, 'onShowSession', {
      commonEventObject: { parameters: { sessionId: SESSION_ID } },
    });
    expect(titleOf(shownCard(response))).toBe('Something went wrong');
    expect(logged).toHaveLength(1);
    expect(String(logged[0]![0])).toMatch(/^TypeError: /);
  });

  it('every function name written in the bundle’s card code is a global function', () => {
    const named = functionNamesInCode();
    expect(named.length).toBeGreaterThanOrEqual(ACTION_NAMES.length);
    const { context } = load();
    for (const name of new Set(named)) expect([name, typeof context[name]]).toEqual([name, 'function']);
  });

  it('every button of every card it draws calls a global function of the bundle', () => {
    const api = new FakeUserApi()
      .answer('GET', '/me', 200, aMe())
      .answer('GET', '/sessions/upcoming', 200, { sessions: [aSession()] })
      .answer('GET', `/sessions/${SESSION_ID}`, 200, { session: aSession() })
      .answer('GET', `/sessions/${SESSION_ID}/slots`, 200, someSlots())
      .fail('POST', `/sessions/${SESSION_ID}/reschedule`, 409, 'version_conflict');
    const { context } = load(api);
    const event = (parameters: Record<string, string>) => ({ commonEventObject: { parameters } });
    const home = callGlobal(context, 'onHomepage', {});
    const session = callGlobal(context, 'onEventOpen', { calendar: { id: 'e1', calendarId: 'c1' } });
    const slots = callGlobal(context, 'onShowRescheduleSlots', event({ sessionId: SESSION_ID, version: '3', duration: '30' }));
    const review = callGlobal(context, 'onReviewReschedule', event(buttonOf(slots, 'Choose').action!.parameters));
    const conflict = callGlobal(context, 'onConfirmReschedule', event(buttonOf(review, 'Move session').action!.parameters));
    const cancel = callGlobal(context, 'onReviewCancel', event({ sessionId: SESSION_ID, version: '3' }));
    const durations = callGlobal(context, 'onChooseBookingDuration', event({ matchingId: aMe().matchings[0]!.id }));
    const help = callGlobal(context, 'onHelp', {});
    const names = new Set(
      actionsOf([home, session, slots, review, conflict, cancel, durations, help]).map((action) => action.functionName),
    );
    expect(names.size).toBeGreaterThanOrEqual(8);
    for (const name of names) expect([name, typeof context[name]]).toEqual([name, 'function']);
  });

  it('the manifest is a Calendar add-on with its scopes, METADATA event access and a whitelist for the backend', () => {
    const { manifest } = built;
    expect(manifest.oauthScopes.sort()).toEqual([
      'https://www.googleapis.com/auth/calendar.addons.execute',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.locale',
      'https://www.googleapis.com/auth/userinfo.email',
      'openid',
    ]);
    expect(manifest.urlFetchWhitelist).toEqual([`${BACKEND_URL}/`]);
    expect(manifest.addOns.calendar.currentEventAccess).toBe('METADATA');
    expect(manifest.addOns.common).toMatchObject({
      name: 'Together Mentoring',
      homepageTrigger: { runFunction: 'onHomepage' },
      universalActions: [{ label: 'Help', runFunction: 'onHelp' }],
    });
    expect(manifest.addOns.common.openLinkUrlPrefixes).toEqual(['https://help.bundle.test/', 'https://meet.google.com/']);
  });
});
