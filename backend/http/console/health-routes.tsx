import { Router, type Request } from 'express';
import { listAdminTokens } from '../../domain/admin/list-admin-tokens.js';
import { listAuditLog } from '../../domain/admin/list-audit-log.js';
import { getIncident } from '../../domain/health/get-incident.js';
import { listIncidents } from '../../domain/health/list-incidents.js';
import { listSyncStatus } from '../../domain/sync/list-sync-status.js';
import { organizationOf } from '../admin/authenticate.js';
import { pageQuery } from '../admin/schema.js';
import { presentAuditEntry } from '../presenters/audit-entry.js';
import { presentCalendarSync } from '../presenters/calendar-sync.js';
import { presentIncident, presentNotification } from '../presenters/incident.js';
import { parseInput } from '../validate.js';
import { AuditLogPage } from './pages/audit-log.js';
import { IncidentPage, IncidentsPage, SyncPage } from './pages/health.js';
import { PAGE_SIZE } from './pages/people-table.js';
import { pageContext, sendPage } from './render.js';
import type { ConsoleDeps } from './setup-routes.js';

/** `?after=` is the API's cursor; it is checked by the API's own page schema. */
const cursorOf = (req: Request) => parseInput(pageQuery, { cursor: req.query.after, limit: PAGE_SIZE }, 'query');

/** Incidents with the owner's mails, calendar sync health and the audit log: what the admin API shows, for a person. */
export function healthRoutes(deps: ConsoleDeps): Router {
  const router = Router();

  router.get('/health', async (req, res) => {
    const page = cursorOf(req);
    const result = await listIncidents(deps, { organizationId: organizationOf(res), ...page });
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(
      res,
      <IncidentsPage ctx={ctx} incidents={result.items.map(presentIncident)} nextCursor={result.nextCursor} isFirst={!page.cursor} />,
    );
  });

  router.get('/health/incidents/:incidentId', async (req, res) => {
    const incident = await getIncident(deps, { organizationId: organizationOf(res), incidentId: String(req.params.incidentId) });
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(res, <IncidentPage ctx={ctx} incident={presentIncident(incident)} mails={incident.notifications.map(presentNotification)} />);
  });

  router.get('/health/sync', async (req, res) => {
    const { calendars, maxPendingLagMs } = await listSyncStatus(deps, { organizationId: organizationOf(res) });
    // The worst first: waiting longest, then failing most, then slowest last sync.
    const sorted = [...calendars].sort(
      (a, b) => b.pendingLagMs - a.pendingLagMs || b.consecutiveFailures - a.consecutiveFailures || (b.lastLagMs ?? 0) - (a.lastLagMs ?? 0),
    );
    const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
    const requested = Number(req.query.page ?? 1);
    const page = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), pages) : 1;
    const rows = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(presentCalendarSync);
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(
      res,
      <SyncPage ctx={ctx} calendars={rows} total={sorted.length} page={page} pages={pages} maxPendingLagMs={maxPendingLagMs} />,
    );
  });

  router.get('/health/audit', async (req, res) => {
    const organizationId = organizationOf(res);
    const page = cursorOf(req);
    const [result, tokens] = await Promise.all([
      listAuditLog(deps, { organizationId, ...page }),
      listAdminTokens(deps, { organizationId }),
    ]);
    const tokenNames = new Map(tokens.map((token) => [token.id, token.name]));
    const entries = result.items.map(presentAuditEntry).map((entry) => ({
      id: entry.id,
      at: entry.at,
      action: entry.action,
      details: entry.details,
      who:
        entry.actor.type === 'ADMIN_TOKEN'
          ? `Admin token "${tokenNames.get(entry.actor.id ?? '') ?? 'deleted'}"`
          : entry.actor.type === 'SYSTEM'
            ? 'Together, automatically'
            : String(entry.actor.type),
    }));
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(res, <AuditLogPage ctx={ctx} entries={entries} nextCursor={result.nextCursor} isFirst={!page.cursor} />);
  });
  return router;
}
