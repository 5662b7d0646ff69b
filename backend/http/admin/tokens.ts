import { Router } from 'express';
import { z } from 'zod';
import { createAdminToken } from '../../domain/admin/create-admin-token.js';
import { getAdminToken } from '../../domain/admin/get-admin-token.js';
import { listAdminTokens } from '../../domain/admin/list-admin-tokens.js';
import { revokeAdminToken } from '../../domain/admin/revoke-admin-token.js';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { route, serve } from '../openapi/route.js';
import { adminTokenSchema, presentAdminToken } from '../presenters/admin-token.js';
import { id } from '../presenters/wire.js';
import { actorOf, organizationOf, principalOf } from './authenticate.js';
import { createTokenBody, tokenIdParam } from './tokens.schema.js';
import { parseInput } from '../validate.js';

const TAG = 'Admin tokens';

/** GET /token, outside any organization's path. */
export const currentTokenRoutes = {
  whoAmI: route({
    method: 'get',
    path: '/token',
    tag: TAG,
    summary: 'Who am I: the calling token and its organization',
    responses: { 200: { description: 'The token', body: z.strictObject({ organizationId: id, adminToken: adminTokenSchema }) } },
    errors: [],
  }),
};

/** The organization's admin tokens. */
export const tokenRoutes = {
  list: route({
    method: 'get',
    path: '/tokens',
    tag: TAG,
    summary: "The organization's admin tokens, newest first",
    responses: { 200: { description: 'The tokens', body: z.strictObject({ adminTokens: z.array(adminTokenSchema) }) } },
    errors: [],
  }),
  create: route({
    method: 'post',
    path: '/tokens',
    tag: TAG,
    summary: 'Create an admin token',
    description: '`token` is the secret: shown only in this answer (only its SHA-256 is stored).',
    body: createTokenBody,
    responses: {
      201: {
        description: 'Created',
        body: z.strictObject({ adminToken: adminTokenSchema, token: z.string().meta({ description: '`tgc_…`: shown only here.' }) }),
      },
    },
    errors: [],
  }),
  revoke: route({
    method: 'delete',
    path: '/tokens/:tokenId',
    tag: TAG,
    summary: 'Revoke an admin token (again: no change) and end its console sessions',
    params: tokenIdParam,
    responses: { 200: { description: 'The revoked token', body: z.strictObject({ adminToken: adminTokenSchema }) } },
    errors: ['not_found'],
  }),
};

/** GET /token: who am I (the calling token and its organization). */
export function currentTokenRouter(deps: DomainDeps): Router {
  const router = Router();
  serve(router, currentTokenRoutes.whoAmI, async (_req, res) => {
    const { organizationId, tokenId } = principalOf(res);
    const token = await getAdminToken(deps, { organizationId, tokenId });
    res.json({ organizationId, adminToken: presentAdminToken(token) });
  });
  return router;
}

/** Admin tokens of the organization: list, create (the secret is returned once), revoke. */
export function tokensRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  serve(router, tokenRoutes.list, async (_req, res) => {
    const tokens = await listAdminTokens(deps, { organizationId: organizationOf(res) });
    res.json({ adminTokens: tokens.map(presentAdminToken) });
  });
  serve(router, tokenRoutes.create, async (req, res) => {
    const { name } = parseInput(createTokenBody, req.body, 'body');
    const created = await createAdminToken(deps, { organizationId: organizationOf(res), name, actor: actorOf(res) });
    res.status(201).json({ adminToken: presentAdminToken(created.record), token: created.token });
  });
  serve(router, tokenRoutes.revoke, async (req, res) => {
    const params = tokenIdParam.safeParse(req.params);
    if (!params.success) throw new AppError('not_found', 'No such admin token in this organization.');
    const token = await revokeAdminToken(deps, { organizationId: organizationOf(res), tokenId: params.data.tokenId, actor: actorOf(res) });
    res.json({ adminToken: presentAdminToken(token) });
  });
  return router;
}
