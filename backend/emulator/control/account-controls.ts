/** Controls for the directory: users (add, suspend, unsuspend, delete), grants (install, revoke), domains. */
import { Router } from 'express';
import { invalid, notFound } from '../errors.js';
import { jsonBody, queryString } from '../http.js';
import { readGrant, readOAuthClient, readUser } from '../seed.js';
import type { EmulatorState } from '../state.js';
import { controlRoute, pathParam } from './route.js';

export function accountControls(state: EmulatorState): Router {
  const router = Router();
  router.get(
    '/users',
    controlRoute(() => ({ users: [...state.accounts.users.values()] })),
  );
  router.post(
    '/users',
    controlRoute((req) => state.addUser(readUser(jsonBody(req)))),
  );
  router.get(
    '/users/:email',
    controlRoute((req) => state.requireUser(pathParam(req, 'email'))),
  );
  router.post(
    '/users/:email/suspend',
    controlRoute((req) => state.setSuspended(pathParam(req, 'email'), true)),
  );
  router.post(
    '/users/:email/unsuspend',
    controlRoute((req) => state.setSuspended(pathParam(req, 'email'), false)),
  );
  router.delete(
    '/users/:email',
    controlRoute((req) => state.deleteUser(pathParam(req, 'email'))),
  );

  router.get(
    '/grants',
    controlRoute(() => ({ grants: [...state.accounts.grants.values()] })),
  );
  router.post(
    '/grants',
    controlRoute((req) => ({ id: state.addGrant(readGrant(jsonBody(req))) })),
  );
  router.delete(
    '/grants/:id',
    controlRoute((req) => {
      if (state.accounts.revokeGrants({ id: pathParam(req, 'id') }) === 0) throw notFound();
    }),
  );
  router.delete(
    '/grants',
    controlRoute((req) => {
      const clientId = queryString(req, 'clientId');
      const domain = queryString(req, 'domain');
      if (!clientId || !domain) throw invalid('clientId and domain are required');
      return { revoked: state.accounts.revokeGrants({ clientId, domain }) };
    }),
  );

  router.get(
    '/oauthClients',
    controlRoute(() => ({ oauthClients: state.oauthClients.list() })),
  );
  router.post(
    '/oauthClients',
    controlRoute((req) => state.addOAuthClient(readOAuthClient(jsonBody(req)))),
  );
  router.get(
    '/oauthClients/:clientId',
    controlRoute((req) => {
      const client = state.oauthClients.get(pathParam(req, 'clientId'));
      if (!client) throw notFound();
      return client;
    }),
  );
  router.patch(
    '/oauthClients/:clientId',
    controlRoute((req) => {
      const client = state.oauthClients.get(pathParam(req, 'clientId'));
      if (!client) throw notFound();
      const { rotateRefreshTokens } = jsonBody(req);
      if (rotateRefreshTokens !== undefined) {
        if (typeof rotateRefreshTokens !== 'boolean') throw invalid('rotateRefreshTokens must be a boolean');
        if (rotateRefreshTokens) client.rotateRefreshTokens = true;
        else delete client.rotateRefreshTokens;
      }
      return client;
    }),
  );
  router.delete(
    '/oauthClients/:clientId',
    controlRoute((req) => {
      if (!state.oauthClients.remove(pathParam(req, 'clientId'))) throw notFound();
    }),
  );

  router.get(
    '/domains',
    controlRoute(() => ({ domains: [...state.accounts.domains.values()] })),
  );
  router.patch(
    '/domains/:domain',
    controlRoute((req) => {
      const domain = state.accounts.domains.get(pathParam(req, 'domain').toLowerCase());
      if (!domain) throw notFound();
      const body = jsonBody(req);
      for (const key of ['freeBusyVisibleInDomain', 'verified'] as const) {
        if (body[key] === undefined) continue;
        if (typeof body[key] !== 'boolean') throw invalid(`${key} must be a boolean`);
        domain[key] = body[key];
      }
      return domain;
    }),
  );
  return router;
}
