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
import { presentSession } from '../user/presenters.js';
import { bookBody, cancelBody, rescheduleBody } from '../user/schema.js';
import { actorOf, organizationOf } from './authenticate.js';
import { parseInput } from '../validate.js';

/** `POST …/matchings/:matchingId/sessions` (admin): the user API's booking plus who books. */
export const adminBookBody = bookBody.extend({ bookerId: z.string().min(1).max(64) });

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

  router.get('/sessions/:sessionId', async (req, res) => {
    res.json(
      present(
        await getSessionForAdmin(scheduling(), { organizationId: organizationOf(res), sessionId: req.params.sessionId as string }),
        undefined,
      ),
    );
  });
  router.post('/matchings/:matchingId/sessions', async (req, res) => {
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
  router.post('/sessions/:sessionId/reschedule', async (req, res) => {
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
  router.post('/sessions/:sessionId/cancel', async (req, res) => {
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
