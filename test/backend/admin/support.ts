import type { Express } from 'express';
import request from 'supertest';
import type { AppDeps } from '../../../backend/http/app.js';
import type { InstallInfo } from '../../../backend/domain/integration/wizard.js';
import { createTestApp, type CapturedLogs } from '../../support/app.js';
import type { TestDatabase } from '../../support/database.js';
import { createAdminToken, createOrganization } from '../../support/factories.js';

/** Fixed install details, as main.ts would pass them from configuration. */
export const INSTALL_INFO: InstallInfo = {
  marketplaceListingUrl: 'https://workspace.google.com/marketplace/app/together_calendar/123456789012',
  clientId: '109876543210987654321',
  scopes: ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/admin.directory.user.readonly'],
  perUser: {
    clientId: '123456789012-together.apps.googleusercontent.com',
    scopes: ['openid', 'email', 'https://www.googleapis.com/auth/calendar'],
  },
};

/** Requests to one organization's admin API, authenticated with one token. */
export interface AdminApi {
  organizationId: string;
  token: string;
  tokenId: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

/** An admin API client for `organizationId` (paths relative to /admin/v1/organizations/:id). */
export function adminApi(app: Express, organizationId: string, token: { token: string; tokenId: string }): AdminApi {
  const base = `/admin/v1/organizations/${organizationId}`;
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${token.token}`);
  return {
    organizationId,
    ...token,
    get: (path) => auth(request(app).get(base + path)),
    post: (path, body) => auth(request(app).post(base + path)).send(body),
    put: (path, body) => auth(request(app).put(base + path)).send(body),
    patch: (path, body) => auth(request(app).patch(base + path)).send(body),
    delete: (path) => auth(request(app).delete(base + path)),
  };
}

/** An email address at one organization's domain: `emailAt('ana')` → `ana@<domain>`. */
export type EmailAt = (local: string) => string;

/**
 * A fresh organization with a token, the app and an API client for it. `domain` is its (first)
 * Workspace domain — a fresh `<random>.example.com` unless `domains` are given — and `emailAt`
 * makes addresses there: people may only be upserted at their organization's own domains, and
 * domains are unique across organizations.
 */
export async function setUpOrganization(db: TestDatabase, overrides: Partial<AppDeps> = {}, domains?: string[]) {
  const organization = await createOrganization(db.prisma, {}, domains);
  const domain = domains?.[0] ?? organization.domains[0]?.domain;
  if (!domain) throw new Error('setUpOrganization: the organization has no domain');
  const emailAt: EmailAt = (local) => `${local}@${domain}`;
  const { record, token } = await createAdminToken(db.prisma, organization.id);
  const { app, logs } = createTestApp(db, { installInfo: INSTALL_INFO, ...overrides });
  return { organization, domain, emailAt, app, logs, api: adminApi(app, organization.id, { token, tokenId: record.id }) };
}

/** Audit entries of an organization, oldest first. */
export function auditEntries(db: TestDatabase, organizationId: string) {
  return db.prisma.auditLogEntry.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

export type { CapturedLogs };
