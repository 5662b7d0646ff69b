/**
 * Controls for the per-user OAuth flow: a user's grants to web clients (list; "Remove access" in their Google
 * Account), one refresh token Google no longer knows, and a Workspace's admin policy (an app not trusted for a
 * restricted service).
 */
import { Router } from 'express';
import { z } from 'zod';
import { RESTRICTABLE_SERVICES, type AdminPolicy, type RestrictableService } from '../auth/admin-policies.js';
import { invalid, notFound } from '../errors.js';
import { jsonBody, queryString } from '../http.js';
import type { EmulatorState } from '../state.js';
import { controlRoute, pathParam } from './route.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const policyInput = z.object({
  domain: z.string().min(1, 'is required'),
  clientId: z.string().min(1, 'is required'),
  restrictedServices: z
    .array(z.enum(Object.keys(RESTRICTABLE_SERVICES) as [RestrictableService, ...RestrictableService[]]))
    .min(1, 'must name at least one service'),
});

/** The customer a domain belongs to (a policy covers every domain of the customer); unknown domain → 404. */
function customerOfDomain(state: EmulatorState, domain: string): string {
  const found = state.accounts.domains.get(domain.toLowerCase());
  if (!found) throw notFound();
  return found.customerId;
}

const policyView = (state: EmulatorState, policy: AdminPolicy) => ({
  ...policy,
  domains: state.accounts.domainsOfCustomer(policy.customerId).map((d) => d.name),
});

export function oauthControls(state: EmulatorState): Router {
  const router = Router();
  router.get(
    '/users/:email/oauthGrants',
    controlRoute((req) => {
      const user = state.requireUser(pathParam(req, 'email'));
      return {
        grants: state.authorizations.grantsOf(user.email).map((grant) => ({
          clientId: grant.clientId,
          scopes: [...grant.scopes],
          refreshTokens: grant.refreshTokens,
          createdAt: iso(grant.createdAt),
          lastUsedAt: iso(grant.lastUsedAt),
        })),
      };
    }),
  );
  router.delete(
    '/users/:email/oauthGrants/:clientId',
    controlRoute((req) => {
      const user = state.requireUser(pathParam(req, 'email'));
      if (!state.revokeUserGrant(pathParam(req, 'clientId'), user.email)) throw notFound();
    }),
  );
  router.post(
    '/refreshTokens/forget',
    controlRoute((req) => {
      const { token } = jsonBody(req);
      if (typeof token !== 'string' || !token) throw invalid('token is required');
      if (!state.authorizations.refreshToken(token)) throw notFound();
      state.authorizations.dropRefreshToken(token);
    }),
  );

  router.get(
    '/adminPolicies',
    controlRoute(() => ({ adminPolicies: state.adminPolicies.list().map((policy) => policyView(state, policy)) })),
  );
  router.put(
    '/adminPolicies',
    controlRoute((req) => {
      const parsed = policyInput.safeParse(jsonBody(req));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw invalid(`${['adminPolicy', ...issue.path.map(String)].join('.')}: ${issue.message}`);
      }
      const { domain, clientId, restrictedServices } = parsed.data;
      return policyView(state, state.adminPolicies.set({ customerId: customerOfDomain(state, domain), clientId, restrictedServices }));
    }),
  );
  router.delete(
    '/adminPolicies',
    controlRoute((req) => {
      const domain = queryString(req, 'domain');
      const clientId = queryString(req, 'clientId');
      if (!domain || !clientId) throw invalid('domain and clientId are required');
      if (!state.adminPolicies.remove(customerOfDomain(state, domain), clientId)) throw notFound();
    }),
  );
  return router;
}
