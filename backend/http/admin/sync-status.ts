import { Router } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import { listSyncStatus } from '../../domain/sync/list-sync-status.js';
import { presentCalendarSync } from '../presenters/calendar-sync.js';
import { organizationOf } from './authenticate.js';

/** GET /sync/calendars: each watched calendar's channel, last sync, lag (the sync lag metric) and failures. */
export function syncStatusRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/sync/calendars', async (_req, res) => {
    const { calendars, maxPendingLagMs } = await listSyncStatus(deps, { organizationId: organizationOf(res) });
    res.json({
      maxPendingLagMs,
      calendars: calendars.map(presentCalendarSync),
    });
  });
  return router;
}
