import { Router } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import { getIncident } from '../../domain/health/get-incident.js';
import { listIncidents } from '../../domain/health/list-incidents.js';
import { listNotifications } from '../../domain/health/list-notifications.js';
import { presentIncident, presentNotification } from '../presenters/incident.js';
import { organizationOf } from './authenticate.js';
import { incidentsQuery } from './incidents.schema.js';
import { pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

/** GET /incidents, GET /incidents/:incidentId (with its mails) and GET /notifications: failing periods and the owner's mails, newest first. */
export function incidentsRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/incidents', async (req, res) => {
    const query = parseInput(incidentsQuery, req.query, 'query');
    const result = await listIncidents(deps, { organizationId: organizationOf(res), ...query });
    res.json({ incidents: result.items.map(presentIncident), nextCursor: result.nextCursor });
  });
  router.get('/incidents/:incidentId', async (req, res) => {
    const incidentId = String((req.params as { incidentId: string }).incidentId);
    const incident = await getIncident(deps, { organizationId: organizationOf(res), incidentId });
    res.json({ incident: presentIncident(incident), notifications: incident.notifications.map(presentNotification) });
  });
  router.get('/notifications', async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await listNotifications(deps, { organizationId: organizationOf(res), ...page });
    res.json({ notifications: result.items.map(presentNotification), nextCursor: result.nextCursor });
  });
  return router;
}
