import { Router } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import type { WorkspaceSignInGateway } from '../../domain/domains/deps.js';
import type { FinalizeSetupDeps } from '../../domain/integration/finalize-integration-setup.js';
import type { InstallInfo } from '../../domain/integration/wizard.js';
import { bulkJsonLimits, jsonBody, STANDARD_JSON_LIMITS } from '../body.js';
import { auditLogRouter } from './audit-log.js';
import { authenticate, requireOwnOrganization } from './authenticate.js';
import { incidentsRouter } from './incidents.js';
import { integrationRouter } from './integration.js';
import { integrationTestsRouter } from './integration-tests.js';
import { organizationRouter } from './organization.js';
import { BULK_UPSERT_PATHS, recordsRouter } from './records.js';
import { currentTokenRouter, tokensRouter } from './tokens.js';
import { domainVerificationsRouter } from './domain-verifications.js';
import { sessionsRouter } from './sessions.js';
import { syncStatusRouter } from './sync-status.js';
import { connectLinksRouter } from './connect-links.js';
import { MOUNTS } from '../mounts.js';
import type { SchedulingDeps } from '../../domain/scheduling/deps.js';
import type { AdminConnectionsDeps } from '../../domain/connections/deps.js';

export interface AdminRouterDeps extends DomainDeps {
  /** Largest bulk-upsert body (HTTP_BODY_LIMIT); every other body is capped at 100 kB. */
  bulkBodyLimit: string;
  /** Marketplace listing, client id and scopes for the install step; absent, the step shows none. */
  installInfo?: InstallInfo | undefined;
  /** Queues an integration test run's job; absent, starting a test is 503 `not_ready`. */
  enqueueIntegrationTest?: ((runId: string, options?: { requestId?: string | undefined }) => Promise<void>) | undefined;
  /** Health's evaluation once the setup is finalized (DONE); absent, the next signal or re-test evaluates. */
  onSetupFinalized?: FinalizeSetupDeps['onSetupFinalized'];
  /** Google Calendar for admins acting on sessions for users; absent, those routes are 503 `not_ready`. */
  scheduling?: Omit<SchedulingDeps, 'prisma' | 'clock'> | undefined;
  /** "Sign in with Google" for domain verification; absent, starting one is 503 `not_ready`. */
  workspaceSignIn?: WorkspaceSignInGateway | undefined;
  /** The per-user method's connections; absent (no TOKEN_ENCRYPTION_KEYS), PER_USER is refused with 409 `token_keys_missing`. */
  connections?: AdminConnectionsDeps | undefined;
}

/**
 * The admin API, mounted at /admin/v1. Every route needs an admin token, and everything under
 * /organizations/:organizationId only answers for the token's own organization. Bodies are read
 * only once both hold: bulk upserts up to HTTP_BODY_LIMIT, everything else up to 100 kB.
 */
export function adminRouter(deps: AdminRouterDeps): Router {
  const router = Router();
  router.use(authenticate(deps));
  router.use(currentTokenRouter(deps));

  const organization = Router({ mergeParams: true });
  organization.use(requireOwnOrganization);
  organization.use(BULK_UPSERT_PATHS, jsonBody(bulkJsonLimits(deps.bulkBodyLimit)));
  organization.use(jsonBody(STANDARD_JSON_LIMITS));
  organization.use(organizationRouter(deps));
  organization.use(domainVerificationsRouter(deps, deps.workspaceSignIn));
  organization.use(tokensRouter(deps));
  organization.use(recordsRouter(deps));
  organization.use(integrationRouter(deps, deps.installInfo, deps.onSetupFinalized));
  organization.use(integrationTestsRouter(deps, deps.enqueueIntegrationTest));
  organization.use(auditLogRouter(deps));
  organization.use(incidentsRouter(deps));
  organization.use(syncStatusRouter(deps));
  organization.use(connectLinksRouter(deps));
  organization.use(sessionsRouter({ ...deps.scheduling, prisma: deps.prisma, clock: deps.clock }));
  router.use(MOUNTS.organization, organization);
  return router;
}
