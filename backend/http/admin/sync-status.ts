import { Router } from 'express';
import { z } from 'zod';
import type { DomainDeps } from '../../domain/deps.js';
import { listSyncStatus } from '../../domain/sync/list-sync-status.js';
import { route, serve } from '../openapi/route.js';
import { calendarSyncSchema, presentCalendarSync } from '../presenters/calendar-sync.js';
import { organizationOf } from './authenticate.js';

/** GET /sync/calendars: each watched calendar's channel, last sync, lag (the sync lag metric) and failures. */
export const syncStatusRoutes = {
  calendars: route({
    method: 'get',
    path: '/sync/calendars',
    tag: 'Calendar sync',
    summary: "Each watched calendar's push channel, last sync, lag and failures",
    responses: {
      200: {
        description: 'The calendars',
        body: z.strictObject({
          /** The longest a notification has waited for its sync, across the calendars (ms). */
          maxPendingLagMs: z.number(),
          calendars: z.array(calendarSyncSchema),
        }),
      },
    },
    errors: [],
  }),
};

/** GET /sync/calendars: each watched calendar's channel, last sync, lag (the sync lag metric) and failures. */
export function syncStatusRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  serve(router, syncStatusRoutes.calendars, async (_req, res) => {
    const { calendars, maxPendingLagMs } = await listSyncStatus(deps, { organizationId: organizationOf(res) });
    res.json({
      maxPendingLagMs,
      calendars: calendars.map(presentCalendarSync),
    });
  });
  return router;
}
