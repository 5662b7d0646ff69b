/** Every route of the admin API (/admin/v1), as the fuzz drives it: its parameters, query and body, each with a valid value to break. */
import { personRowSchema } from '../../../backend/domain/admin/upsert-people.js';
import { programRowSchema } from '../../../backend/domain/admin/upsert-programs.js';
import { matchingRowSchema } from '../../../backend/domain/admin/upsert-matchings.js';
import { startVerificationBody } from '../../../backend/http/admin/domain-verifications.schema.js';
import { incidentsQuery } from '../../../backend/http/admin/incidents.schema.js';
import { confirmInstallBody, finalizeSetupBody, setMethodBody, setVendorBody } from '../../../backend/http/admin/integration.schema.js';
import {
  accessQuery,
  cancelTestRunBody,
  startTestRunBody,
  testResultsQuery,
} from '../../../backend/http/admin/integration-tests.schema.js';
import { updateOrganizationBody } from '../../../backend/http/admin/organization.schema.js';
import { bulkUpsertBody, bulkUpsertQuery, pageQuery } from '../../../backend/http/admin/schema.js';
import { adminBookBody } from '../../../backend/http/admin/sessions.js';
import { createTokenBody } from '../../../backend/http/admin/tokens.schema.js';
import { cancelBody, rescheduleBody } from '../../../backend/http/user/schema.js';
import type { BodySpec, FuzzRoute, PathParam, QueryKey } from './routes.js';
import type { WorldIds } from './world.js';

const ORG = '/admin/v1/organizations/:organizationId';
const organizationId: PathParam = { own: (ids) => ids.organizationId, foreign: (ids) => ids.other.organizationId };
const param = (pick: (ids: WorldIds | WorldIds['other']) => string): PathParam => ({
  own: (ids) => pick(ids),
  foreign: (ids) => pick(ids.other),
});
const page: Record<string, QueryKey> = { cursor: 'cursor', limit: 'checked' };
const start = '2030-01-07T16:00:00Z';

/** A read under the organization: GET, its query if it has one, 200. */
const read = (path: string, query?: FuzzRoute['query'], params: Record<string, PathParam> = {}): FuzzRoute => ({
  method: 'GET',
  path: `${ORG}${path}`,
  api: 'admin',
  params: { organizationId, ...params },
  ...(query ? { query } : {}),
  readsBody: true,
  ok: 200,
});

/** A write under the organization with its body's schema and a valid body to break (none: it takes no body). */
const write = (
  method: FuzzRoute['method'],
  path: string,
  body: FuzzRoute['body'],
  params: Record<string, PathParam> = {},
  query?: FuzzRoute['query'],
): FuzzRoute => ({
  method,
  path: `${ORG}${path}`,
  api: 'admin',
  params: { organizationId, ...params },
  ...(body ? { body } : {}),
  ...(query ? { query } : {}),
  readsBody: true,
  ok: 200,
});

/** A bulk upsert of two valid rows to break; `foreign` rows name another organization's records. */
const bulk = (
  name: string,
  rowSchema: BodySpec['rowSchema'],
  row: (ids: WorldIds, index: number) => Record<string, unknown>,
  foreign?: (ids: WorldIds) => Record<string, unknown>,
): FuzzRoute =>
  write(
    'POST',
    `/${name}/bulk-upsert`,
    {
      schema: bulkUpsertBody,
      rowSchema,
      valid: (ids) => ({ rows: [row(ids, 0), row(ids, 1)] }),
      ...(foreign ? { foreign: (ids: WorldIds) => [{ rows: [foreign(ids)] }] } : {}),
    },
    {},
    {
      schema: bulkUpsertQuery,
      valid: {},
      keys: { dryRun: 'checked' },
    },
  );

/** The organization, its domains, tokens and the records customers sync in. */
export const ADMIN_RECORD_ROUTES: FuzzRoute[] = [
  { method: 'GET', path: '/admin/v1/token', api: 'admin', readsBody: false, ok: 200 },
  read(''),
  write('PATCH', '', {
    schema: updateOrganizationBody,
    valid: () => ({ name: 'Acme', domains: ['acme.test'] }),
    foreign: () => [{ domains: ['acme.test', 'other.test'] }],
  }),
  write('POST', '/domains/verifications', { schema: startVerificationBody, valid: () => ({ domain: 'acme.test' }) }),
  read('/domains/verifications/:verificationId', undefined, { verificationId: param((ids) => ids.verificationId) }),
  read('/tokens'),
  write('POST', '/tokens', { schema: createTokenBody, valid: () => ({ name: 'HR sync' }) }),
  write('DELETE', '/tokens/:tokenId', undefined, { tokenId: param((ids) => ids.tokenId) }),
  read('/people', { schema: pageQuery, valid: {}, keys: page }),
  read('/programs', { schema: pageQuery, valid: {}, keys: page }),
  read('/matchings', { schema: pageQuery, valid: {}, keys: page }),
  bulk(
    'people',
    personRowSchema,
    (_ids, i) => ({
      email: `fuzz.${i}@acme.test`,
      displayName: 'Ana',
      timeZone: 'Europe/Madrid',
      workingHours: { mon: [['09:00', '17:00']] },
    }),
    () => ({ email: 'olga@other.test', displayName: 'Olga' }),
  ),
  bulk('programs', programRowSchema, (_ids, i) => ({
    externalId: `fuzz-${i}`,
    name: 'Leadership',
    sessionDurations: [30, 60],
    bufferMinutes: 5,
  })),
  bulk(
    'matchings',
    matchingRowSchema,
    (ids, i) => ({
      externalId: `fuzz-${i}`,
      program: { id: ids.programId },
      mentor: { email: 'ana@acme.test' },
      mentee: { email: 'ben@acme.test' },
    }),
    (ids) => ({
      externalId: 'fuzz',
      program: { id: ids.other.programId },
      mentor: { email: 'ana@acme.test' },
      mentee: { email: 'ben@acme.test' },
    }),
  ),
];

/** The integration and its tests, the audit log, incidents, sync status, and sessions acted on for users. */
export const ADMIN_INTEGRATION_ROUTES: FuzzRoute[] = [
  read('/integration'),
  write('PUT', '/integration/vendor', { schema: setVendorBody, valid: () => ({ vendor: 'GOOGLE_CALENDAR', ownerEmail: 'ana@acme.test' }) }),
  write('PUT', '/integration/method', { schema: setMethodBody, valid: () => ({ method: 'DOMAIN_WIDE' }) }),
  write('POST', '/integration/install/confirm', { schema: confirmInstallBody, valid: () => ({}) }),
  write('POST', '/integration/finalize', { schema: finalizeSetupBody, valid: () => ({}) }),
  write('POST', '/integration/test-runs', { schema: startTestRunBody, valid: () => ({}) }),
  read('/integration/test-runs', { schema: pageQuery, valid: {}, keys: page }),
  read('/integration/test-runs/:runId', undefined, { runId: param((ids) => ids.runId) }),
  write(
    'POST',
    '/integration/test-runs/:runId/cancel',
    { schema: cancelTestRunBody, valid: () => ({}) },
    { runId: param((ids) => ids.runId) },
  ),
  read(
    '/integration/test-runs/:runId/results',
    {
      schema: testResultsQuery,
      valid: { status: 'ACTIVE', q: 'ana' },
      keys: { ...page, status: 'checked', q: 'checked', page: 'checked' },
    },
    { runId: param((ids) => ids.runId) },
  ),
  read('/integration/access', {
    schema: accessQuery,
    valid: { reason: 'install', q: 'ana' },
    keys: { ...page, status: 'checked', reason: 'checked', q: 'checked', page: 'checked' },
  }),
  read('/audit-log', { schema: pageQuery, valid: {}, keys: page }),
  read('/incidents', { schema: incidentsQuery, valid: { open: 'true' }, keys: { ...page, open: 'checked' } }),
  read('/incidents/:incidentId', undefined, { incidentId: param((ids) => ids.incidentId) }),
  read('/notifications', { schema: pageQuery, valid: {}, keys: page }),
  read('/sync/calendars'),
  write('POST', '/people/:personId/connect-link', undefined, { personId: param((ids) => ids.mentorId) }),
  read('/sessions/:sessionId', undefined, { sessionId: param((ids) => ids.sessionId) }),
  write(
    'POST',
    '/matchings/:matchingId/sessions',
    {
      schema: adminBookBody,
      valid: (ids) => ({ start, durationMinutes: 30, bookerId: ids.mentorId }),
      foreign: (ids) => [{ start, durationMinutes: 30, bookerId: ids.other.mentorId }],
    },
    { matchingId: param((ids) => ids.matchingId) },
  ),
  write(
    'POST',
    '/sessions/:sessionId/reschedule',
    { schema: rescheduleBody, valid: () => ({ version: 1, start }) },
    { sessionId: param((ids) => ids.sessionId) },
  ),
  write(
    'POST',
    '/sessions/:sessionId/cancel',
    { schema: cancelBody, valid: () => ({ version: 1, reason: 'Travelling' }) },
    { sessionId: param((ids) => ids.sessionId) },
  ),
];

export const ADMIN_ROUTES: FuzzRoute[] = [...ADMIN_RECORD_ROUTES, ...ADMIN_INTEGRATION_ROUTES];
