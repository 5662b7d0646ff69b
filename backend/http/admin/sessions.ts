import { Router } from 'express';
import { z } from 'zod';
import {
  bookSessionForUser,
  cancelSessionForUser,
  getSessionForAdmin,
  rescheduleSessionForUser,
} from '../../domain/scheduling/act-for-user.js';
import type { SchedulingDeps } from '../../domain/scheduling/deps.js';
import type { SessionView } from '../../domain/scheduling/session-view.js';
import { AppError } from '../../domain/errors.js';
import { route, serve } from '../openapi/route.js';
import { presentSession, sessionSchema } from '../user/presenters.js';
import { bookBody, cancelBody, rescheduleBody } from '../user/schema.js';
import { actorOf, organizationOf } from './authenticate.js';
import { parseInput } from '../validate.js';

/** `POST …/matchings/:matchingId/sessions` (admin): the user API's booking plus who books. */
export const adminBookBody = bookBody.extend({ bookerId: z.string().min(1).max(64) });

const TAG = 'Sessions (for users)';
const answer = (description: string) => ({ description, body: z.strictObject({ session: sessionSchema }) });
/** The use cases' refusals (../user/README.md › Errors); without Google configured, 503 `not_ready`. */
const WRITE_ERRORS = [
  'not_found',
  'not_ready',
  'invalid_time_range',
  'duration_not_offered',
  'start_not_on_grid',
  'slot_unavailable',
  'calendar_not_connected',
  'calendar_unavailable',
] as const;

/** Admins acting for users, with the add-on's rules; times in `timeZone`, else the organizer's zone. */
export const adminSessionRoutes = {
  get: route({
    method: 'get',
    path: '/sessions/:sessionId',
    tag: TAG,
    summary: "A session of the organization, times in its organizer's zone",
    responses: { 200: answer('The session') },
    errors: ['not_found', 'not_ready', 'calendar_unavailable'],
  }),
  book: route({
    method: 'post',
    path: '/matchings/:matchingId/sessions',
    tag: TAG,
    summary: 'Book a session for `bookerId`, a member of the matching, who becomes its organizer',
    body: adminBookBody,
    responses: { 201: answer('Booked') },
    errors: WRITE_ERRORS,
  }),
  reschedule: route({
    method: 'post',
    path: '/sessions/:sessionId/reschedule',
    tag: TAG,
    summary: 'Move a session (`version` must be the one last read)',
    body: rescheduleBody,
    responses: { 200: answer('Moved') },
    errors: [...WRITE_ERRORS, 'version_conflict', 'session_not_modifiable'],
  }),
  cancel: route({
    method: 'post',
    path: '/sessions/:sessionId/cancel',
    tag: TAG,
    summary: 'Cancel a session (again: no change)',
    body: cancelBody,
    responses: { 200: answer('Cancelled') },
    errors: ['not_found', 'not_ready', 'calendar_unavailable', 'version_conflict', 'session_not_modifiable'],
  }),
};

/**
 * Together admins acting for users: read, book, reschedule and cancel sessions of the organization
 * (the same use cases and rules as the add-on's user API). Without Google configured, 503 `not_ready`.
 */
export function sessionsRouter(deps: Omit<SchedulingDeps, 'calendar'> & { calendar?: SchedulingDeps['calendar'] | undefined }): Router {
  const router = Router({ mergeParams: true });
  const scheduling = (): SchedulingDeps => {
    if (!deps.calendar) throw new AppError('not_ready', 'Google Calendar is not configured on this server.');
    return { ...deps, calendar: deps.calendar };
  };
  const present = (session: SessionView, zone: string | undefined) => ({
    session: presentSession(session, null, zone ?? session.organizer.timeZone, deps.clock()),
  });

  serve(router, adminSessionRoutes.get, async (req, res) => {
    res.json(
      present(
        await getSessionForAdmin(scheduling(), { organizationId: organizationOf(res), sessionId: req.params.sessionId as string }),
        undefined,
      ),
    );
  });
  serve(router, adminSessionRoutes.book, async (req, res) => {
    const body = parseInput(adminBookBody, req.body, 'body');
    const session = await bookSessionForUser(scheduling(), {
      organizationId: organizationOf(res),
      actor: actorOf(res),
      matchingId: req.params.matchingId as string,
      bookerId: body.bookerId,
      start: body.start,
      durationMinutes: body.durationMinutes,
    });
    res.status(201).json(present(session, body.timeZone));
  });
  serve(router, adminSessionRoutes.reschedule, async (req, res) => {
    const body = parseInput(rescheduleBody, req.body, 'body');
    const sessionId = req.params.sessionId as string;
    const session = await rescheduleSessionForUser(scheduling(), {
      organizationId: organizationOf(res),
      actor: actorOf(res),
      sessionId,
      version: body.version,
      start: body.start,
      ...(body.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
    });
    res.json(present(session, body.timeZone));
  });
  serve(router, adminSessionRoutes.cancel, async (req, res) => {
    const body = parseInput(cancelBody, req.body ?? {}, 'body');
    const sessionId = req.params.sessionId as string;
    const session = await cancelSessionForUser(scheduling(), {
      organizationId: organizationOf(res),
      actor: actorOf(res),
      sessionId,
      version: body.version,
      ...(body.reason ? { reason: body.reason } : {}),
    });
    res.json(present(session, body.timeZone));
  });
  return router;
}
