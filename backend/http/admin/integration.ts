import { Router } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import { confirmIntegrationInstall } from '../../domain/integration/confirm-integration-install.js';
import { finalizeIntegrationSetup, type FinalizeSetupDeps } from '../../domain/integration/finalize-integration-setup.js';
import { getIntegration } from '../../domain/integration/get-integration.js';
import { setIntegrationMethod } from '../../domain/integration/set-integration-method.js';
import { setIntegrationVendor } from '../../domain/integration/set-integration-vendor.js';
import type { InstallInfo } from '../../domain/integration/wizard.js';
import { presentIntegration } from '../presenters/integration.js';
import { actorOf, organizationOf } from './authenticate.js';
import { confirmInstallBody, finalizeSetupBody, setMethodBody, setVendorBody } from './integration.schema.js';
import { parseInput } from '../validate.js';

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

  router.get('/integration', async (_req, res) => {
    const organizationId = organizationOf(res);
    res.json(present(organizationId, await getIntegration(deps, { organizationId })));
  });
  router.put('/integration/vendor', async (req, res) => {
    const body = parseInput(setVendorBody, req.body, 'body');
    const organizationId = organizationOf(res);
    res.json(present(organizationId, await setIntegrationVendor(deps, { organizationId, ...body, actor: actorOf(res) })));
  });
  router.put('/integration/method', async (req, res) => {
    const body = parseInput(setMethodBody, req.body, 'body');
    const organizationId = organizationOf(res);
    res.json(
      present(
        organizationId,
        await setIntegrationMethod(deps, { organizationId, ...body, actor: actorOf(res), tokenKeysConfigured: !!deps.connections }),
      ),
    );
  });
  router.post('/integration/install/confirm', async (req, res) => {
    parseInput(confirmInstallBody, req.body, 'body');
    const organizationId = organizationOf(res);
    res.json(present(organizationId, await confirmIntegrationInstall(deps, { organizationId, actor: actorOf(res) })));
  });
  router.post('/integration/finalize', async (req, res) => {
    parseInput(finalizeSetupBody, req.body, 'body');
    const organizationId = organizationOf(res);
    res.json(
      present(organizationId, await finalizeIntegrationSetup({ ...deps, onSetupFinalized }, { organizationId, actor: actorOf(res) })),
    );
  });
  return router;
}
