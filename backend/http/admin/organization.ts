import { Router } from 'express';
import { getOrganization } from '../../domain/admin/get-organization.js';
import { updateOrganization } from '../../domain/admin/update-organization.js';
import type { DomainDeps } from '../../domain/deps.js';
import { presentOrganization } from '../presenters/organization.js';
import { actorOf, organizationOf } from './authenticate.js';
import { updateOrganizationBody } from './organization.schema.js';
import { parseInput } from '../validate.js';

/** The organization itself: name and Workspace domains. */
export function organizationRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (_req, res) => {
    res.json({ organization: presentOrganization(await getOrganization(deps, { organizationId: organizationOf(res) })) });
  });
  router.patch('/', async (req, res) => {
    const body = parseInput(updateOrganizationBody, req.body, 'body');
    const organization = await updateOrganization(deps, { organizationId: organizationOf(res), ...body, actor: actorOf(res) });
    res.json({ organization: presentOrganization(organization) });
  });
  return router;
}
