import { z } from 'zod';
import type { ErrorCode } from '../../domain/errors.js';
import { auditLogRoutes } from '../admin/audit-log.js';
import { connectLinkRoutes } from '../admin/connect-links.js';
import { domainVerificationRoutes } from '../admin/domain-verifications.js';
import { incidentRoutes } from '../admin/incidents.js';
import { integrationTestRoutes } from '../admin/integration-tests.js';
import { integrationRoutes } from '../admin/integration.js';
import { organizationRoutes } from '../admin/organization.js';
import { recordRoutes } from '../admin/records.js';
import { adminSessionRoutes } from '../admin/sessions.js';
import { syncStatusRoutes } from '../admin/sync-status.js';
import { currentTokenRoutes, tokenRoutes } from '../admin/tokens.js';
import { MOUNTS } from '../mounts.js';
import { id } from '../presenters/wire.js';
import { userRoutes } from '../user/router.js';
import { webhookRoutes } from '../webhook/router.js';
import type { Route } from './route.js';

/** Security schemes of the APIs, by the name operations refer to them with. */
export const SECURITY_SCHEMES = {
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'An admin API token (`tgc_…`), scoped to one organization: `npm run admin:token`, or `POST …/tokens`.',
  },
  consoleSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'together_console',
    description: "The admin console's session (signing in at /admin/sign-in with a token); a write must be same-origin.",
  },
  googleIdToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "The add-on's Google ID token (`ScriptApp.getIdentityToken()`), audience one of `ADDON_OAUTH_CLIENT_IDS`.",
  },
  googleChannelToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Goog-Channel-Token',
    description: 'The secret Together gave Google when it opened the push channel (only its hash is stored).',
  },
} as const;

/** A body was read: what reading it can answer (README.md › Request bodies). */
const BODY_ERRORS: ErrorCode[] = [
  'malformed_json',
  'json_too_complex',
  'payload_too_large',
  'unsupported_media_type',
  'request_aborted',
  'unreadable_body',
];
/** What any route may answer: a bad path encoding or input (`invalid_request`), a compressed body, our own fault. */
const EVERY_ROUTE: ErrorCode[] = ['invalid_request', 'unsupported_content_encoding', 'internal_error'];
/** A write's database refusals (`backend/store/`'s translation of constraint errors). */
const DATABASE_ERRORS: ErrorCode[] = ['already_exists', 'invalid_reference', 'constraint_violation'];

/** One API: where it is mounted, how callers authenticate, what all its routes may answer, and its routes. */
export interface Api {
  /** Express path of its mount point. */
  prefix: string;
  /** Path parameters of the prefix. */
  params?: z.ZodObject;
  security: Array<Partial<Record<keyof typeof SECURITY_SCHEMES, string[]>>>;
  /** Codes every route of it may answer. */
  errors: ErrorCode[];
  /** Codes its writes (anything but GET) may answer besides. */
  writeErrors: ErrorCode[];
  routes: Route[];
}

const ADMIN_SECURITY: Api['security'] = [{ adminToken: [] }, { consoleSession: [] }];
const routesOf = (...groups: Array<Record<string, Route>>): Route[] => groups.flatMap((group) => Object.values(group));

/** Every API the backend serves and the document describes. */
export const APIS: Api[] = [
  {
    prefix: MOUNTS.admin,
    security: ADMIN_SECURITY,
    errors: [...EVERY_ROUTE, 'unauthenticated'],
    writeErrors: [],
    routes: routesOf(currentTokenRoutes),
  },
  {
    prefix: `${MOUNTS.admin}${MOUNTS.organization}`,
    params: z.object({ organizationId: id.meta({ description: "The token's own organization: any other is 404 `not_found`." }) }),
    security: ADMIN_SECURITY,
    errors: [...EVERY_ROUTE, ...BODY_ERRORS, 'unauthenticated', 'not_found'],
    writeErrors: ['cross_site_request', ...DATABASE_ERRORS],
    routes: routesOf(
      organizationRoutes,
      domainVerificationRoutes,
      tokenRoutes,
      recordRoutes.people,
      recordRoutes.programs,
      recordRoutes.matchings,
      connectLinkRoutes,
      integrationRoutes,
      integrationTestRoutes,
      adminSessionRoutes,
      incidentRoutes,
      auditLogRoutes,
      syncStatusRoutes,
    ),
  },
  {
    prefix: MOUNTS.user,
    security: [{ googleIdToken: [] }],
    errors: [...EVERY_ROUTE, ...BODY_ERRORS, 'unauthenticated', 'forbidden'],
    writeErrors: DATABASE_ERRORS,
    routes: routesOf(userRoutes),
  },
  {
    prefix: MOUNTS.webhooks,
    security: [{ googleChannelToken: [] }],
    errors: EVERY_ROUTE,
    writeErrors: [],
    routes: routesOf(webhookRoutes),
  },
];

/**
 * What a request no route matches may answer, under an API's prefix: 404 `route_not_found`, or
 * first the API's refusal of the caller (401 `unauthenticated`, 403 `forbidden`) or of the
 * organization (404 `not_found`). The contract test holds such answers to this list.
 */
export const UNMATCHED_ROUTE_ERRORS: ErrorCode[] = [
  'route_not_found',
  'unauthenticated',
  'forbidden',
  'not_found',
  'cross_site_request',
  ...EVERY_ROUTE,
  ...BODY_ERRORS,
];
