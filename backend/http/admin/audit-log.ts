import { Router } from 'express';
import { listAuditLog } from '../../domain/admin/list-audit-log.js';
import type { DomainDeps } from '../../domain/deps.js';
import { presentAuditEntry } from '../presenters/audit-entry.js';
import { organizationOf } from './authenticate.js';
import { pageQuery } from './schema.js';
import { parseInput } from '../validate.js';

/** GET /audit-log?cursor=&limit=: who changed what, newest first. */
export function auditLogRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/audit-log', async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const result = await listAuditLog(deps, { organizationId: organizationOf(res), ...page });
    res.json({ entries: result.items.map(presentAuditEntry), nextCursor: result.nextCursor });
  });
  return router;
}
