import { Router } from 'express';
import { z } from 'zod';
import type { DomainDeps } from '../../domain/deps.js';
import { confirmIntegrationInstall } from '../../domain/integration/confirm-integration-install.js';
import { finalizeIntegrationSetup, type FinalizeSetupDeps } from '../../domain/integration/finalize-integration-setup.js';
import { getIntegration } from '../../domain/integration/get-integration.js';
import { setIntegrationMethod } from '../../domain/integration/set-integration-method.js';
import { setIntegrationVendor } from '../../domain/integration/set-integration-vendor.js';
import type { InstallInfo } from '../../domain/integration/wizard.js';
import { route, serve } from '../openapi/route.js';
import { integrationSchema, presentIntegration } from '../presenters/integration.js';
import { actorOf, organizationOf } from './authenticate.js';
import { confirmInstallBody, finalizeSetupBody, setMethodBody, setVendorBody } from './integration.schema.js';
import { parseInput } from '../validate.js';

const answer = { description: 'The integration', body: z.strictObject({ integration: integrationSchema }) };
const TAG = 'Integration setup';

/** The setup wizard's steps: VENDOR → METHOD → INSTALL → TEST → DONE (README.md › The setup wizard). */
export const integrationRoutes = {
  get: route({
    method: 'get',
    path: '/integration',
    tag: TAG,
    summary: 'The integration and what its next step needs',
    responses: { 200: answer },
    errors: [],
  }),
  setVendor: route({
    method: 'put',
    path: '/integration/vendor',
    tag: TAG,
    summary: 'Step 1: the calendar vendor and the integration owner',
    body: setVendorBody,
    responses: { 200: answer },
    errors: [],
  }),
  setMethod: route({
    method: 'put',
    path: '/integration/method',
    tag: TAG,
    summary: 'Step 2: domain-wide (recommended) or per-user',
    description: 'PER_USER needs `TOKEN_ENCRYPTION_KEYS` on the server (409 `token_keys_missing`).',
    body: setMethodBody,
    responses: { 200: answer },
    errors: ['invalid_wizard_transition', 'token_keys_missing'],
  }),
  confirmInstall: route({
    method: 'post',
    path: '/integration/install/confirm',
    tag: TAG,
    summary: 'Step 3: the app is installed',
    body: confirmInstallBody,
    responses: { 200: answer },
    errors: ['invalid_wizard_transition'],
  }),
  finalize: route({
    method: 'post',
    path: '/integration/finalize',
    tag: TAG,
    summary: 'Step 4: finalize the setup once a completed test found someone active (TEST → DONE)',
    description: 'Turns on health evaluation, incidents with owner mails, and scheduled re-tests. Again at DONE: no change.',
    body: finalizeSetupBody,
    responses: { 200: answer },
    errors: ['invalid_wizard_transition', 'integration_test_running', 'integration_not_tested', 'no_active_users'],
  }),
};

/** The calendar integration and its setup wizard; every answer says what the next step needs. */
export function integrationRouter(
  deps: DomainDeps & { connections?: unknown },
  installInfo: InstallInfo | undefined,
  onSetupFinalized: FinalizeSetupDeps['onSetupFinalized'],
): Router {
  const router = Router({ mergeParams: true });
  const present = (organizationId: string, state: Parameters<typeof presentIntegration>[0]) => ({
    integration: presentIntegration(state, { organizationId, installInfo }),
  });

  serve(router, integrationRoutes.get, async (_req, res) => {
    const organizationId = organizationOf(res);
    res.json(present(organizationId, await getIntegration(deps, { organizationId })));
  });
  serve(router, integrationRoutes.setVendor, async (req, res) => {
    const body = parseInput(setVendorBody, req.body, 'body');
    const organizationId = organizationOf(res);
    res.json(present(organizationId, await setIntegrationVendor(deps, { organizationId, ...body, actor: actorOf(res) })));
  });
  serve(router, integrationRoutes.setMethod, async (req, res) => {
    const body = parseInput(setMethodBody, req.body, 'body');
    const organizationId = organizationOf(res);
    res.json(
      present(
        organizationId,
        await setIntegrationMethod(deps, { organizationId, ...body, actor: actorOf(res), tokenKeysConfigured: !!deps.connections }),
      ),
    );
  });
  serve(router, integrationRoutes.confirmInstall, async (req, res) => {
    parseInput(confirmInstallBody, req.body, 'body');
    const organizationId = organizationOf(res);
    res.json(present(organizationId, await confirmIntegrationInstall(deps, { organizationId, actor: actorOf(res) })));
  });
  serve(router, integrationRoutes.finalize, async (req, res) => {
    parseInput(finalizeSetupBody, req.body, 'body');
    const organizationId = organizationOf(res);
    res.json(
      present(organizationId, await finalizeIntegrationSetup({ ...deps, onSetupFinalized }, { organizationId, actor: actorOf(res) })),
    );
  });
  return router;
}
