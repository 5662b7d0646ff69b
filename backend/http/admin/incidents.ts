import { Router } from 'express';
import { z } from 'zod';
import type { DomainDeps } from '../../domain/deps.js';
import { getIncident } from '../../domain/health/get-incident.js';
import { listIncidents } from '../../domain/health/list-incidents.js';
import { listNotifications } from '../../domain/health/list-notifications.js';
import { route, serve } from '../openapi/route.js';
import { incidentSchema, notificationSchema, presentIncident, presentNotification } from '../presenters/incident.js';
import { nextCursor } from '../presenters/wire.js';
import { organizationOf } from './authenticate.js';
import { incidentsQuery } from './incidents.schema.js';
import { pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

const TAG = 'Health';

/** The integration's failing periods and the owner's mails. */
export const incidentRoutes = {
  list: route({
    method: 'get',
    path: '/incidents',
    tag: TAG,
    summary: 'Incidents, newest opened first',
    query: incidentsQuery,
    responses: { 200: { description: 'A page of incidents', body: z.strictObject({ incidents: z.array(incidentSchema), nextCursor }) } },
    errors: [],
  }),
  get: route({
    method: 'get',
    path: '/incidents/:incidentId',
    tag: TAG,
    summary: 'One incident with its owner mails (as sent), oldest first',
    responses: {
      200: { description: 'The incident', body: z.strictObject({ incident: incidentSchema, notifications: z.array(notificationSchema) }) },
    },
    errors: ['not_found'],
  }),
  notifications: route({
    method: 'get',
    path: '/notifications',
    tag: TAG,
    summary: 'The outbox: every mail Together sent (or captured, without SMTP), newest first',
    query: pageQuery,
    responses: {
      200: { description: 'A page of mails', body: z.strictObject({ notifications: z.array(notificationSchema), nextCursor }) },
    },
    errors: [],
  }),
};

/** GET /incidents, GET /incidents/:incidentId (with its mails) and GET /notifications: failing periods and the owner's mails, newest first. */
export function incidentsRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  serve(router, incidentRoutes.list, async (req, res) => {
    const query = parseInput(incidentsQuery, req.query, 'query');
    const result = await listIncidents(deps, { organizationId: organizationOf(res), ...query });
    res.json({ incidents: result.items.map(presentIncident), nextCursor: result.nextCursor });
  });
  serve(router, incidentRoutes.get, async (req, res) => {
    const incidentId = String((req.params as { incidentId: string }).incidentId);
    const incident = await getIncident(deps, { organizationId: organizationOf(res), incidentId });
    res.json({ incident: presentIncident(incident), notifications: incident.notifications.map(presentNotification) });
  });
  serve(router, incidentRoutes.notifications, async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await listNotifications(deps, { organizationId: organizationOf(res), ...page });
    res.json({ notifications: result.items.map(presentNotification), nextCursor: result.nextCursor });
  });
  return router;
}
