import { Router } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import { listSyncStatus } from '../../domain/sync/list-sync-status.js';
import { organizationOf } from './authenticate.js';

/** GET /sync/calendars: each watched calendar's channel, last sync, lag (the sync lag metric) and failures. */
export function syncStatusRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/sync/calendars', async (_req, res) => {
    const { calendars, maxPendingLagMs } = await listSyncStatus(deps, { organizationId: organizationOf(res) });
    res.json({
      maxPendingLagMs,
      calendars: calendars.map((c) => ({
        personId: c.personId,
        email: c.email,
        calendarId: c.calendarId,
        channel: c.channel ? { status: c.channel.status, expiresAt: c.channel.expiresAt.toISOString() } : null,
        lastSyncedAt: c.lastSyncedAt?.toISOString() ?? null,
        lastLagMs: c.lastLagMs,
        pendingLagMs: c.pendingLagMs,
        consecutiveFailures: c.consecutiveFailures,
        nextAttemptAt: c.nextAttemptAt?.toISOString() ?? null,
        lastError: c.lastError,
      })),
    });
  });
  return router;
}
