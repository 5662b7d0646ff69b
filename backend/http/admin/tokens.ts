import { Router } from 'express';
import { createAdminToken } from '../../domain/admin/create-admin-token.js';
import { getAdminToken } from '../../domain/admin/get-admin-token.js';
import { listAdminTokens } from '../../domain/admin/list-admin-tokens.js';
import { revokeAdminToken } from '../../domain/admin/revoke-admin-token.js';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { presentAdminToken } from '../presenters/admin-token.js';
import { actorOf, organizationOf, principalOf } from './authenticate.js';
import { createTokenBody, tokenIdParam } from './tokens.schema.js';
import { parseInput } from '../validate.js';

/** GET /token: who am I (the calling token and its organization). */
export function currentTokenRouter(deps: DomainDeps): Router {
  const router = Router();
  router.get('/token', async (_req, res) => {
    const { organizationId, tokenId } = principalOf(res);
    const token = await getAdminToken(deps, { organizationId, tokenId });
    res.json({ organizationId, adminToken: presentAdminToken(token) });
  });
  return router;
}

/** Admin tokens of the organization: list, create (the secret is returned once), revoke. */
export function tokensRouter(deps: DomainDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/tokens', async (_req, res) => {
    const tokens = await listAdminTokens(deps, { organizationId: organizationOf(res) });
    res.json({ adminTokens: tokens.map(presentAdminToken) });
  });
  router.post('/tokens', async (req, res) => {
    const { name } = parseInput(createTokenBody, req.body, 'body');
    const created = await createAdminToken(deps, { organizationId: organizationOf(res), name, actor: actorOf(res) });
    res.status(201).json({ adminToken: presentAdminToken(created.record), token: created.token });
  });
  router.delete('/tokens/:tokenId', async (req, res) => {
    const params = tokenIdParam.safeParse(req.params);
    if (!params.success) throw new AppError('not_found', 'No such admin token in this organization.');
    const token = await revokeAdminToken(deps, { organizationId: organizationOf(res), tokenId: params.data.tokenId, actor: actorOf(res) });
    res.json({ adminToken: presentAdminToken(token) });
  });
  return router;
}
