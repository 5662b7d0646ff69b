import { Router } from 'express';
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
import { presentMe, presentSession, presentSlots, viewZone } from './presenters.js';
import { bookBody, byEventQuery, cancelBody, rescheduleBody, slotsQuery, upcomingQuery, zoneQuery } from './schema.js';

/** What the user API needs: scheduling (database, clock, Google Calendar) and the ID-token verifier. */
export interface UserRouterDeps extends SchedulingDeps {
  verifier: IdentityVerifier;
  /** The per-user method's connections; absent (no keys), asking for a connect link is 409 `token_keys_missing`. */
  connections?: ConnectionsDeps | undefined;
}

/** The add-on's API, mounted at /addon/v1; every route needs the add-on's Google ID token; bodies up to 100 kB. See README.md. */
export function userRouter(deps: UserRouterDeps): Router {
  const router = Router();
  router.use(authenticateAddonUser(deps));
  router.use(jsonBody(STANDARD_JSON_LIMITS)); // only now: an unauthenticated request's body is never read

  router.get('/me', async (_req, res) => {
    res.json(presentMe(await getMe(deps, { viewer: userOf(res) })));
  });

  router.get('/sessions/upcoming', async (req, res) => {
    const viewer = userOf(res);
    const query = parseInput(upcomingQuery, req.query, 'query');
    const sessions = await listUpcomingSessions(deps, { viewer, limit: query.limit });
    const zone = viewZone(query.timeZone, viewer.timeZone);
    res.json({ sessions: sessions.map((s) => presentSession(s, viewer.personId, zone, deps.clock())) });
  });

  router.get('/sessions/by-event', async (req, res) => {
    const viewer = userOf(res);
    const query = parseInput(byEventQuery, req.query, 'query');
    const session = await getSessionByEvent(deps, { viewer, calendarId: query.calendarId, eventId: query.eventId });
    const zone = viewZone(query.timeZone, viewer.timeZone);
    res.json({ session: session ? presentSession(session, viewer.personId, zone, deps.clock()) : null });
  });

  router.get('/sessions/:sessionId', async (req, res) => {
    const viewer = userOf(res);
    const query = parseInput(zoneQuery, req.query, 'query');
    const session = await getSession(deps, { viewer, sessionId: req.params.sessionId });
    res.json({ session: presentSession(session, viewer.personId, viewZone(query.timeZone, viewer.timeZone), deps.clock()) });
  });

  router.get('/matchings/:matchingId/slots', async (req, res) => {
    const query = parseInput(slotsQuery, req.query, 'query');
    const result = await findFreeSlots(deps, {
      viewer: userOf(res),
      matchingId: req.params.matchingId,
      ...(query.duration ? { durationMinutes: query.duration } : {}),
      ...optionalRange(query),
    });
    res.json(presentSlots(result));
  });

  router.get('/sessions/:sessionId/slots', async (req, res) => {
    const query = parseInput(slotsQuery, req.query, 'query');
    const result = await findRescheduleSlots(deps, {
      viewer: userOf(res),
      sessionId: req.params.sessionId,
      ...(query.duration ? { durationMinutes: query.duration } : {}),
      ...optionalRange(query),
    });
    res.json(presentSlots(result));
  });

  router.post('/matchings/:matchingId/sessions', async (req, res) => {
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

  router.post('/sessions/:sessionId/reschedule', async (req, res) => {
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

  router.post('/sessions/:sessionId/cancel', async (req, res) => {
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
  router.post('/calendar-connection/link', async (_req, res) => {
    const viewer = userOf(res);
    const connections = requireConnections(deps);
    const link = await createConnectLink(
      { ...deps, keyring: connections.keyring },
      { organizationId: viewer.organizationId, personId: viewer.personId, source: 'ADDON', actor: { type: 'USER', id: viewer.personId } },
    );
    res.status(201).json({ url: `${connections.publicUrl()}/connect?link=${link.secret}`, expiresAt: link.expiresAt.toISOString() });
  });

  // Disconnect: the token revoked at Google, then deleted.
  router.delete('/calendar-connection', async (_req, res) => {
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
