/**
 * The pipeline of every Google API call: latency fault → bearer token → scope → quota → injected error →
 * handler, with the call counted in the request log and any thrown GoogleApiError answered in Google's shape.
 */
import type { Request, RequestHandler, Response } from 'express';
import { insufficientScopes, invalidCredentials, loginRequired } from '../errors.js';
import { sendError } from '../http.js';
import type { EmulatorState } from '../state.js';
import type { ApiMethod } from './scopes.js';
import type { AccessToken } from './tokens.js';

/** Who is calling: the token, and the user it acts for (or the service account itself). */
export interface Caller {
  token: AccessToken;
  /** The impersonated (or signed-in) user, else the service account's email. */
  principal: string;
}

export type ApiHandler = (req: Request, res: Response, caller: Caller) => unknown;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim();
  const query = req.query.access_token;
  return typeof query === 'string' ? query : undefined;
}

function authenticate(state: EmulatorState, req: Request, method: ApiMethod): Caller {
  const raw = bearerToken(req);
  if (raw === undefined) throw loginRequired();
  const token = state.tokens.find(raw);
  if (!token || token.expiresAt <= state.clock.now()) throw invalidCredentials();
  if (!method.scopes.some((scope) => token.scopes.has(scope))) throw insufficientScopes(method.service, method.rpcMethod);
  return { token, principal: token.subject ?? token.clientEmail ?? token.clientId };
}

/** Wraps a handler named after an API method (`calendar.events.get`) in the shared pipeline. */
export function apiRoute(state: EmulatorState, method: ApiMethod, handler: ApiHandler): RequestHandler {
  return async (req, res) => {
    let subject: string | null = null;
    try {
      const latency = state.faults.latencyMs();
      if (latency > 0) await sleep(latency);
      const caller = authenticate(state, req, method);
      subject = caller.token.subject;
      const quota = state.faults.overQuota(caller.principal, caller.token.clientId, state.clock.now());
      if (quota) throw quota;
      const injected = state.faults.injectedError(method.name);
      if (injected) throw injected;
      await handler(req, res, caller);
    } catch (error) {
      sendError(res, error);
    } finally {
      state.requestLog.record(method.name, subject, res.statusCode, state.clock.now());
    }
  };
}
