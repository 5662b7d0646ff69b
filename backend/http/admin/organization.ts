import { Router } from 'express';
import { z } from 'zod';
import { getOrganization } from '../../domain/admin/get-organization.js';
import { updateOrganization } from '../../domain/admin/update-organization.js';
import type { DomainDeps } from '../../domain/deps.js';
import { route, serve } from '../openapi/route.js';
import { organizationSchema, presentOrganization } from '../presenters/organization.js';
import { actorOf, organizationOf } from './authenticate.js';
import { updateOrganizationBody } from './organization.schema.js';
import { parseInput } from '../validate.js';

const answer = { description: 'The organization', body: z.strictObject({ organization: organizationSchema }) };

/** The organization itself. */
export const organizationRoutes = {
  get: route({
    method: 'get',
    path: '/',
    tag: 'Organization',
    summary: 'The organization and its Workspace domains',
    responses: { 200: answer },
    errors: [],
  }),
  update: route({
    method: 'patch',
    path: '/',
    tag: 'Organization',
    summary: 'Rename the organization and/or replace its list of Workspace domains',
    description: 'A domain another organization holds is refused (409 `domain_unavailable`, `details.domains`), never named.',
    body: updateOrganizationBody,
    responses: { 200: answer },
    errors: ['domain_unavailable'],
  }),
};

/** The organization itself: name and Workspace domains. */
export function organizationRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  serve(router, organizationRoutes.get, async (_req, res) => {
    res.json({ organization: presentOrganization(await getOrganization(deps, { organizationId: organizationOf(res) })) });
  });
  serve(router, organizationRoutes.update, async (req, res) => {
    const body = parseInput(updateOrganizationBody, req.body, 'body');
    const organization = await updateOrganization(deps, { organizationId: organizationOf(res), ...body, actor: actorOf(res) });
    res.json({ organization: presentOrganization(organization) });
  });
  return router;
}
