import { Router } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import { listIncidents } from '../../domain/health/list-incidents.js';
import { listNotifications } from '../../domain/health/list-notifications.js';
import { presentIncident, presentNotification } from '../presenters/incident.js';
import { organizationOf } from './authenticate.js';
import { incidentsQuery } from './incidents.schema.js';
import { pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

/** GET /incidents and GET /notifications: the integration's failing periods and the owner's mails, newest first. */
export function incidentsRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/incidents', async (req, res) => {
    const query = parseInput(incidentsQuery, req.query, 'query');
    const result = await listIncidents(deps, { organizationId: organizationOf(res), ...query });
    res.json({ incidents: result.items.map(presentIncident), nextCursor: result.nextCursor });
  });
  router.get('/notifications', async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await listNotifications(deps, { organizationId: organizationOf(res), ...page });
    res.json({ notifications: result.items.map(presentNotification), nextCursor: result.nextCursor });
  });
  return router;
}
