import { Router } from 'express';
import { z } from 'zod';
import { listAuditLog } from '../../domain/admin/list-audit-log.js';
import type { DomainDeps } from '../../domain/deps.js';
import { route, serve } from '../openapi/route.js';
import { auditEntrySchema, presentAuditEntry } from '../presenters/audit-entry.js';
import { nextCursor } from '../presenters/wire.js';
import { organizationOf } from './authenticate.js';
import { pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

/** GET /audit-log?cursor=&limit=: who changed what, newest first. */
export const auditLogRoutes = {
  list: route({
    method: 'get',
    path: '/audit-log',
    tag: 'Audit log',
    summary: 'Who changed what, when: newest first',
    query: pageQuery,
    responses: { 200: { description: 'A page of entries', body: z.strictObject({ entries: z.array(auditEntrySchema), nextCursor }) } },
    errors: [],
  }),
};

/** GET /audit-log?cursor=&limit=: who changed what, newest first. */
export function auditLogRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  serve(router, auditLogRoutes.list, async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await listAuditLog(deps, { organizationId: organizationOf(res), ...page });
    res.json({ entries: result.items.map(presentAuditEntry), nextCursor: result.nextCursor });
  });
  return router;
}
