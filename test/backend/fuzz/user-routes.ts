/** Every route of the add-on's user API (/addon/v1), as the fuzz drives it: its parameters, query and body, each with a valid value to break. */
import {
  bookBody,
  byEventQuery,
  cancelBody,
  rescheduleBody,
  slotsQuery,
  upcomingQuery,
  zoneQuery,
} from '../../../backend/http/user/schema.js';
import type { FuzzRoute, PathParam, QueryKey } from './routes.js';

const API = '/addon/v1';
const matchingId: PathParam = { own: (ids) => ids.matchingId, foreign: (ids) => ids.other.matchingId };
const sessionId: PathParam = { own: (ids) => ids.sessionId, foreign: (ids) => ids.other.sessionId };
const start = '2030-01-07T16:00:00Z';
const zone: Record<string, QueryKey> = { timeZone: 'checked' };
// A duration the program does not offer (any whole number but 30 and 60) is refused by the use case, before Google is asked.
const slots: FuzzRoute['query'] = {
  schema: slotsQuery,
  valid: { duration: '30' },
  keys: { duration: 'duration', from: 'checked', to: 'checked', ...zone },
};

export const USER_ROUTES: FuzzRoute[] = [
  { method: 'GET', path: `${API}/me`, api: 'user', readsBody: true, ok: 200 },
  {
    method: 'GET',
    path: `${API}/sessions/upcoming`,
    api: 'user',
    query: { schema: upcomingQuery, valid: { limit: '5' }, keys: { limit: 'checked', ...zone } },
    readsBody: true,
    ok: 200,
  },
  {
    method: 'GET',
    path: `${API}/sessions/by-event`,
    api: 'user',
    query: {
      schema: byEventQuery,
      valid: { calendarId: 'primary', eventId: 'tg0123' },
      keys: { calendarId: 'checked', eventId: 'checked', ...zone },
    },
    readsBody: true,
    ok: 200,
  },
  {
    method: 'GET',
    path: `${API}/sessions/:sessionId`,
    api: 'user',
    params: { sessionId },
    query: { schema: zoneQuery, valid: {}, keys: zone },
    readsBody: true,
    ok: 200,
  },
  {
    method: 'GET',
    path: `${API}/matchings/:matchingId/slots`,
    api: 'user',
    params: { matchingId },
    query: slots,
    readsBody: true,
    ok: 200,
    readsGoogle: true,
  },
  {
    method: 'GET',
    path: `${API}/sessions/:sessionId/slots`,
    api: 'user',
    params: { sessionId },
    query: slots,
    readsBody: true,
    ok: 200,
    readsGoogle: true,
  },
  {
    method: 'POST',
    path: `${API}/matchings/:matchingId/sessions`,
    api: 'user',
    params: { matchingId },
    body: { schema: bookBody, valid: () => ({ start, durationMinutes: 30, timeZone: 'Europe/Madrid' }) },
    readsBody: true,
    ok: 201,
  },
  {
    method: 'POST',
    path: `${API}/sessions/:sessionId/reschedule`,
    api: 'user',
    params: { sessionId },
    body: { schema: rescheduleBody, valid: () => ({ version: 1, start, durationMinutes: 30 }) },
    readsBody: true,
    ok: 200,
  },
  {
    method: 'POST',
    path: `${API}/sessions/:sessionId/cancel`,
    api: 'user',
    params: { sessionId },
    body: { schema: cancelBody, valid: () => ({ version: 1, reason: 'Travelling' }) },
    readsBody: true,
    ok: 200,
  },
  // The fuzz world has no token keys (a domain-wide organization): a valid request is the documented 409 token_keys_missing, changing nothing.
  { method: 'POST', path: `${API}/calendar-connection/link`, api: 'user', readsBody: true, ok: 409 },
  { method: 'DELETE', path: `${API}/calendar-connection`, api: 'user', readsBody: true, ok: 409 },
];
