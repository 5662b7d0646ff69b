import { Router } from 'express';
import { z } from 'zod';
import { bookSession } from '../../domain/scheduling/book-session.js';
import { cancelSession } from '../../domain/scheduling/cancel-session.js';
import type { SchedulingDeps } from '../../domain/scheduling/deps.js';
import type { IdentityVerifier } from '../../domain/scheduling/authenticate-user.js';
import { findFreeSlots, findRescheduleSlots } from '../../domain/scheduling/find-free-slots.js';
import { getMe } from '../../domain/scheduling/get-me.js';
import { rescheduleSession } from '../../domain/scheduling/reschedule-session.js';
import { getSession, getSessionByEvent, listUpcomingSessions } from '../../domain/scheduling/view-sessions.js';
import { parseInput } from '../validate.js';
import { createConnectLink, disconnectCalendar } from '../../domain/connections/connect-calendar.js';
import type { ConnectionsDeps } from '../../domain/connections/deps.js';
import { AppError } from '../../domain/errors.js';
import { jsonBody, STANDARD_JSON_LIMITS } from '../body.js';
import { authenticateAddonUser, userOf } from './authenticate.js';
import { route, serve } from '../openapi/route.js';
import { isoInstant } from '../presenters/wire.js';
import { meSchema, presentMe, presentSession, presentSlots, sessionSchema, slotsSchema, viewZone } from './presenters.js';
import { bookBody, byEventQuery, cancelBody, rescheduleBody, slotsQuery, upcomingQuery, zoneQuery } from './schema.js';

/** What the user API needs: scheduling (database, clock, Google Calendar) and the ID-token verifier. */
export interface UserRouterDeps extends SchedulingDeps {
  verifier: IdentityVerifier;
  /** The per-user method's connections; absent (no keys), asking for a connect link is 409 `token_keys_missing`. */
  connections?: ConnectionsDeps | undefined;
}

const TAG = 'Add-on';
const oneSession = (description: string) => ({ description, body: z.strictObject({ session: sessionSchema }) });
const SLOT_ERRORS = ['invalid_time_range', 'duration_not_offered', 'calendar_unavailable'] as const;
const WRITE_ERRORS = ['session_not_modifiable', 'version_conflict', 'calendar_unavailable'] as const;

/** The add-on's routes (README.md › Routes). */
export const userRoutes = {
  me: route({
    method: 'get',
    path: '/me',
    tag: TAG,
    summary: 'The signed-in person, their organization, calendar connection and active matchings',
    responses: { 200: { description: 'Who is signed in', body: meSchema } },
    errors: [],
  }),
  upcoming: route({
    method: 'get',
    path: '/sessions/upcoming',
    tag: TAG,
    summary: "The caller's sessions not yet over (PENDING, CONFIRMED, DECLINED), soonest first",
    query: upcomingQuery,
    responses: { 200: { description: 'The sessions', body: z.strictObject({ sessions: z.array(sessionSchema) }) } },
    errors: [],
  }),
  byEvent: route({
    method: 'get',
    path: '/sessions/by-event',
    tag: TAG,
    summary: 'The Together session behind a Calendar event the user opened, or null for any other event',
    query: byEventQuery,
    responses: { 200: { description: 'The session, or null', body: z.strictObject({ session: sessionSchema.nullable() }) } },
    errors: ['calendar_unavailable'],
  }),
  session: route({
    method: 'get',
    path: '/sessions/:sessionId',
    tag: TAG,
    summary: "One of the caller's sessions",
    query: zoneQuery,
    responses: { 200: oneSession('The session') },
    errors: ['calendar_unavailable'],
  }),
  slots: route({
    method: 'get',
    path: '/matchings/:matchingId/slots',
    tag: TAG,
    summary: "Ranked mutual free slots to book (no `duration`: the program's first offered length)",
    query: slotsQuery,
    responses: { 200: { description: 'The slots', body: slotsSchema } },
    errors: SLOT_ERRORS,
  }),
  rescheduleSlots: route({
    method: 'get',
    path: '/sessions/:sessionId/slots',
    tag: TAG,
    summary: 'Ranked slots to move a session to (its own event counts as free)',
    query: slotsQuery,
    responses: { 200: { description: 'The slots', body: slotsSchema } },
    errors: [...SLOT_ERRORS, 'session_not_modifiable'],
  }),
  book: route({
    method: 'post',
    path: '/matchings/:matchingId/sessions',
    tag: TAG,
    summary: 'Book a session: the caller organizes it, in their own calendar where it is connected',
    body: bookBody,
    responses: { 201: oneSession('Booked') },
    errors: [...SLOT_ERRORS, 'start_not_on_grid', 'slot_unavailable', 'calendar_not_connected'],
  }),
  reschedule: route({
    method: 'post',
    path: '/sessions/:sessionId/reschedule',
    tag: TAG,
    summary: 'Move a session (`version` must be the one last read; a retry to the same time answers 200)',
    body: rescheduleBody,
    responses: { 200: oneSession('Moved') },
    errors: [...WRITE_ERRORS, 'invalid_time_range', 'duration_not_offered', 'start_not_on_grid', 'slot_unavailable'],
  }),
  cancel: route({
    method: 'post',
    path: '/sessions/:sessionId/cancel',
    tag: TAG,
    summary: 'Cancel a session (again: no change)',
    body: cancelBody,
    responses: { 200: oneSession('Cancelled') },
    errors: WRITE_ERRORS,
  }),
  connectLink: route({
    method: 'post',
    path: '/calendar-connection/link',
    tag: TAG,
    summary: "Per-user method: a single-use link (15 minutes) to the backend's connect page for the caller",
    responses: { 201: { description: 'The link', body: z.strictObject({ url: z.url(), expiresAt: isoInstant }) } },
    errors: ['token_keys_missing', 'not_per_user'],
  }),
  disconnect: route({
    method: 'delete',
    path: '/calendar-connection',
    tag: TAG,
    summary: "Per-user method: revoke the caller's connection at Google and delete it",
    responses: { 200: { description: 'Whether there was one', body: z.strictObject({ disconnected: z.boolean() }) } },
    errors: ['token_keys_missing', 'calendar_unavailable'],
  }),
};

/** The add-on's API, mounted at /addon/v1; every route needs the add-on's Google ID token; bodies up to 100 kB. See README.md. */
export function userRouter(deps: UserRouterDeps): Router {
  const router = Router();
  router.use(authenticateAddonUser(deps));
  router.use(jsonBody(STANDARD_JSON_LIMITS)); // only now: an unauthenticated request's body is never read

  serve(router, userRoutes.me, async (_req, res) => {
    res.json(presentMe(await getMe(deps, { viewer: userOf(res) })));
  });

  serve(router, userRoutes.upcoming, async (req, res) => {
    const viewer = userOf(res);
    const query = parseInput(upcomingQuery, req.query, 'query');
    const sessions = await listUpcomingSessions(deps, { viewer, limit: query.limit });
    const zone = viewZone(query.timeZone, viewer.timeZone);
    res.json({ sessions: sessions.map((s) => presentSession(s, viewer.personId, zone, deps.clock())) });
  });

  serve(router, userRoutes.byEvent, async (req, res) => {
    const viewer = userOf(res);
    const query = parseInput(byEventQuery, req.query, 'query');
    const session = await getSessionByEvent(deps, { viewer, calendarId: query.calendarId, eventId: query.eventId });
    const zone = viewZone(query.timeZone, viewer.timeZone);
    res.json({ session: session ? presentSession(session, viewer.personId, zone, deps.clock()) : null });
  });

  serve(router, userRoutes.session, async (req, res) => {
    const viewer = userOf(res);
    const query = parseInput(zoneQuery, req.query, 'query');
    const session = await getSession(deps, { viewer, sessionId: req.params.sessionId });
    res.json({ session: presentSession(session, viewer.personId, viewZone(query.timeZone, viewer.timeZone), deps.clock()) });
  });

  serve(router, userRoutes.slots, async (req, res) => {
    const query = parseInput(slotsQuery, req.query, 'query');
    const result = await findFreeSlots(deps, {
      viewer: userOf(res),
      matchingId: req.params.matchingId,
      ...(query.duration ? { durationMinutes: query.duration } : {}),
      ...optionalRange(query),
    });
    res.json(presentSlots(result));
  });

  serve(router, userRoutes.rescheduleSlots, async (req, res) => {
    const query = parseInput(slotsQuery, req.query, 'query');
    const result = await findRescheduleSlots(deps, {
      viewer: userOf(res),
      sessionId: req.params.sessionId,
      ...(query.duration ? { durationMinutes: query.duration } : {}),
      ...optionalRange(query),
    });
    res.json(presentSlots(result));
  });

  serve(router, userRoutes.book, async (req, res) => {
    const viewer = userOf(res);
    const body = parseInput(bookBody, req.body, 'body');
    const session = await bookSession(deps, {
      viewer,
      matchingId: req.params.matchingId,
      start: body.start,
      durationMinutes: body.durationMinutes,
    });
    res.status(201).json({ session: presentSession(session, viewer.personId, viewZone(body.timeZone, viewer.timeZone), deps.clock()) });
  });

  serve(router, userRoutes.reschedule, async (req, res) => {
    const viewer = userOf(res);
    const body = parseInput(rescheduleBody, req.body, 'body');
    const session = await rescheduleSession(deps, {
      viewer,
      sessionId: req.params.sessionId,
      version: body.version,
      start: body.start,
      ...(body.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
    });
    res.json({ session: presentSession(session, viewer.personId, viewZone(body.timeZone, viewer.timeZone), deps.clock()) });
  });

  serve(router, userRoutes.cancel, async (req, res) => {
    const viewer = userOf(res);
    const body = parseInput(cancelBody, req.body ?? {}, 'body');
    const session = await cancelSession(deps, {
      viewer,
      sessionId: req.params.sessionId,
      version: body.version,
      ...(body.reason ? { reason: body.reason } : {}),
    });
    res.json({ session: presentSession(session, viewer.personId, viewZone(body.timeZone, viewer.timeZone), deps.clock()) });
  });

  // The per-user method: a link to the backend's connect page for the signed-in person (single use, 15 minutes).
  serve(router, userRoutes.connectLink, async (_req, res) => {
    const viewer = userOf(res);
    const connections = requireConnections(deps);
    const link = await createConnectLink(
      { ...deps, keyring: connections.keyring },
      { organizationId: viewer.organizationId, personId: viewer.personId, source: 'ADDON', actor: { type: 'USER', id: viewer.personId } },
    );
    res.status(201).json({ url: `${connections.publicUrl()}/connect?link=${link.secret}`, expiresAt: link.expiresAt.toISOString() });
  });

  // Disconnect: the token revoked at Google, then deleted.
  serve(router, userRoutes.disconnect, async (_req, res) => {
    const viewer = userOf(res);
    const connections = requireConnections(deps);
    const outcome = await disconnectCalendar(
      { ...deps, ...connections },
      { organizationId: viewer.organizationId, personId: viewer.personId, email: viewer.email },
    );
    res.json(outcome);
  });
  return router;
}

function requireConnections(deps: UserRouterDeps): ConnectionsDeps {
  if (!deps.connections)
    throw new AppError('token_keys_missing', 'TOKEN_ENCRYPTION_KEYS is not configured: calendars cannot be connected here.');
  return deps.connections;
}

function optionalRange(query: { from?: Date | undefined; to?: Date | undefined; timeZone?: string | undefined }) {
  return {
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    ...(query.timeZone ? { timeZone: query.timeZone } : {}),
  };
}
