/** Controls for the emulator itself: reset/seed, request log, faults, clock, settings, ID tokens, channels. */
import { Router } from 'express';
import { invalid } from '../errors.js';
import { readFaultConfig } from '../faults.js';
import { jsonBody } from '../http.js';
import { isRecord } from '../json.js';
import { readSeed } from '../seed.js';
import { DEFAULT_SETTINGS, type EmulatorSettings, type EmulatorState } from '../state.js';
import { controlRoute } from './route.js';

const instant = (value: unknown, what: string): number => {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw invalid(`${what} must be epoch ms or an ISO date`);
  return ms;
};

const clockView = (state: EmulatorState) => ({
  now: new Date(state.clock.now()).toISOString(),
  nowMs: state.clock.now(),
  frozen: state.clock.frozen,
});

function readSettings(body: unknown): Partial<EmulatorSettings> {
  if (!isRecord(body)) throw invalid('settings must be an object');
  const settings: Partial<EmulatorSettings> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof EmulatorSettings>) {
    const value = body[key];
    if (value === undefined) continue;
    if (key === 'hostedDomainClaim') {
      if (value !== 'userDomain' && value !== 'primaryDomain') throw invalid('hostedDomainClaim must be userDomain or primaryDomain');
      settings[key] = value;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalid(`${key} must be a number ≥ 0`);
    settings[key] = value;
  }
  return settings;
}

export function systemControls(state: EmulatorState): Router {
  const router = Router();
  router.post(
    '/reset',
    controlRoute((req) => {
      const body = jsonBody(req);
      const seed = body.seed === undefined ? {} : readSeed(body.seed);
      state.reset();
      return state.applySeed(seed);
    }),
  );
  router.post(
    '/seed',
    controlRoute((req) => state.applySeed(readSeed(jsonBody(req)))),
  );
  router.get(
    '/serviceAccounts',
    controlRoute(() => ({ serviceAccounts: [...state.accounts.serviceAccounts.values()].map((a) => state.accounts.keyJson(a)) })),
  );

  router.get(
    '/requests',
    controlRoute(() => state.requestLog.snapshot()),
  );
  router.delete(
    '/requests',
    controlRoute(() => state.requestLog.reset()),
  );

  router.get(
    '/faults',
    controlRoute(() => state.faults.config),
  );
  router.put(
    '/faults',
    controlRoute((req) => state.faults.set(readFaultConfig(jsonBody(req)))),
  );
  router.delete(
    '/faults',
    controlRoute(() => state.faults.clear()),
  );

  router.get(
    '/clock',
    controlRoute(() => clockView(state)),
  );
  router.post(
    '/clock',
    controlRoute((req) => {
      const body = jsonBody(req);
      const set = body.set === undefined ? undefined : instant(body.set, 'set');
      if (body.advanceMs !== undefined && (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)))
        throw invalid('advanceMs must be a number');
      // Freeze first, so `{set, freeze:true}` stops exactly at the instant set.
      if (body.freeze === true) state.clock.freeze();
      if (set !== undefined) state.clock.set(set);
      if (typeof body.advanceMs === 'number') state.clock.advance(body.advanceMs);
      if (body.freeze === false) state.clock.unfreeze();
      return clockView(state);
    }),
  );

  router.get(
    '/settings',
    controlRoute(() => state.settings),
  );
  router.patch(
    '/settings',
    controlRoute((req) => {
      state.settings = { ...state.settings, ...readSettings(jsonBody(req)) };
      return state.settings;
    }),
  );

  router.post(
    '/idTokens',
    controlRoute((req) => {
      const body = jsonBody(req);
      if (typeof body.email !== 'string' || typeof body.audience !== 'string') throw invalid('email and audience are required');
      const user = state.requireUser(body.email);
      const flag = (key: string): boolean | undefined => (typeof body[key] === 'boolean' ? (body[key] as boolean) : undefined);
      const idToken = state.idTokens.mint(
        user,
        {
          audience: body.audience,
          ...(typeof body.authorizedParty === 'string' ? { authorizedParty: body.authorizedParty } : {}),
          ...(typeof body.lifetimeSeconds === 'number' ? { lifetimeSeconds: body.lifetimeSeconds } : {}),
          ...(typeof body.issuer === 'string' ? { issuer: body.issuer } : {}),
          expired: flag('expired'),
          emailVerified: flag('emailVerified'),
          unknownKey: flag('unknownKey'),
          hostedDomain: state.hostedDomainOf(user),
        },
        state.clock.now(),
      );
      return { idToken };
    }),
  );

  router.get(
    '/channels',
    controlRoute(() => ({
      channels: state.channels.list().map((c) => ({
        id: c.id,
        calendarId: c.calendarId,
        address: c.address,
        resourceId: c.resourceId,
        expiration: String(c.expirationMs),
        messageNumber: c.messageNumber,
        stats: c.stats,
      })),
    })),
  );
  return router;
}
