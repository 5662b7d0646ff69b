/** Handlers of `calendar.events.watch` and `calendar.channels.stop` (§B6). */
import type { Request, Response } from 'express';
import type { Caller } from '../auth/access.js';
import { callerCalendar } from '../calendar/access.js';
import { GoogleApiError } from '../errors.js';
import { jsonBody } from '../http.js';
import type { EmulatorState } from '../state.js';

export function eventsWatch(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const calendar = callerCalendar(state, caller, String((req.params as { calendarId: string }).calendarId));
    const channel = state.channels.watch(calendar, jsonBody(req), caller.token.clientId);
    res.json({
      kind: 'api#channel',
      id: channel.id,
      resourceId: channel.resourceId,
      resourceUri: channel.resourceUri,
      ...(channel.token !== undefined ? { token: channel.token } : {}),
      expiration: String(channel.expirationMs),
    });
  };
}

export function channelsStop(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const body = jsonBody(req);
    if (!state.channels.stop(body.id, body.resourceId, caller.token.clientId)) {
      const message = `Channel '${String(body.id)}' not found for project '${caller.token.clientId}'`;
      throw new GoogleApiError(404, message, [{ domain: 'global', reason: 'notFound', message }]);
    }
    res.status(204).end();
  };
}
