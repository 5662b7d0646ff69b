import { Router, type Request, type Response } from 'express';
import { getOrganization } from '../../domain/admin/get-organization.js';
import { AppError } from '../../domain/errors.js';
import { startDomainVerification } from '../../domain/domains/start-domain-verification.js';
import { confirmIntegrationInstall } from '../../domain/integration/confirm-integration-install.js';
import { getIntegration } from '../../domain/integration/get-integration.js';
import { setIntegrationMethod } from '../../domain/integration/set-integration-method.js';
import { setIntegrationVendor } from '../../domain/integration/set-integration-vendor.js';
import { hasReached } from '../../domain/integration/wizard.js';
import type { AdminRouterDeps } from '../admin/router.js';
import { actorOf, organizationOf, principalOf } from '../admin/authenticate.js';
import { setMethodBody, setVendorBody } from '../admin/integration.schema.js';
import { startVerificationBody } from '../admin/domain-verifications.schema.js';
import { presentIntegration } from '../presenters/integration.js';
import { presentOrganization } from '../presenters/organization.js';
import { parseInput } from '../validate.js';
import type { FieldError } from './components.js';
import { fieldErrorsOf, formValues, problemWords } from './form.js';
import { startTestFromConsole } from './test-routes.js';
import { DonePage, SetupHubPage } from './pages/integrations.js';
import { InstallPage } from './pages/install.js';
import { CalendarPage, MethodPage, OwnerPage } from './pages/setup-questions.js';
import { pageContext, sendPage, type ConsoleSettings } from './render.js';

export type ConsoleDeps = AdminRouterDeps & { console: ConsoleSettings };

/** The organization's integration and domains, as the admin API presents them. */
export async function integrationViews(deps: ConsoleDeps, res: Response) {
  const organizationId = organizationOf(res);
  const [state, organization] = await Promise.all([getIntegration(deps, { organizationId }), getOrganization(deps, { organizationId })]);
  return {
    integration: presentIntegration(state, { organizationId, installInfo: deps.installInfo }),
    domains: presentOrganization(organization).domains,
  };
}

/** The setup's question pages and the install step: each answer saved through the admin API's own use cases. */
export function setupRoutes(deps: ConsoleDeps): Router {
  const router = Router();

  const calendarPage = async (req: Request, res: Response, errors: FieldError[] = [], problem?: string) => {
    const { integration } = await integrationViews(deps, res);
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(
      res,
      <CalendarPage ctx={ctx} wizardStep={integration.wizardStep} vendor={integration.vendor} errors={errors} problem={problem} />,
      errors.length ? 400 : 200,
    );
  };
  router.get('/setup/calendar', (req, res) => calendarPage(req, res));
  router.post('/setup/calendar', async (req, res) => {
    const { vendor } = formValues(req, ['vendor']);
    if (vendor !== 'GOOGLE_CALENDAR')
      return calendarPage(req, res, [{ field: 'vendor', message: 'Select which calendar your organization uses' }]);
    const { integration } = await integrationViews(deps, res);
    // The API saves the calendar with its owner: once an owner is known, the calendar alone is saved here.
    if (integration.ownerEmail) {
      await setIntegrationVendor(deps, {
        organizationId: organizationOf(res),
        vendor,
        ownerEmail: integration.ownerEmail,
        actor: actorOf(res),
      });
    }
    res.redirect(303, `/admin/setup/owner?vendor=${vendor}`);
  });

  const ownerPage = async (req: Request, res: Response, typed?: string, errors: FieldError[] = [], problem?: string) => {
    const { integration } = await integrationViews(deps, res);
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(
      res,
      <OwnerPage
        ctx={ctx}
        wizardStep={integration.wizardStep}
        vendor={integration.vendor ?? 'GOOGLE_CALENDAR'}
        ownerEmail={typed ?? integration.ownerEmail ?? ''}
        errors={errors}
        problem={problem}
      />,
      errors.length || problem ? 400 : 200,
    );
  };
  router.get('/setup/owner', (req, res) => ownerPage(req, res));
  router.post('/setup/owner', async (req, res) => {
    const values = formValues(req, ['vendor', 'ownerEmail']);
    try {
      const body = parseInput(setVendorBody, { vendor: values.vendor || 'GOOGLE_CALENDAR', ownerEmail: values.ownerEmail }, 'body');
      const before = await getIntegration(deps, { organizationId: organizationOf(res) });
      await setIntegrationVendor(deps, { organizationId: organizationOf(res), ...body, actor: actorOf(res) });
      res.redirect(303, before.wizardStep === 'VENDOR' ? '/admin/setup/method' : '/admin/setup?done=owner');
    } catch (error) {
      const errors = fieldErrorsOf(error, values);
      if (errors) return ownerPage(req, res, values.ownerEmail, errors);
      throw error;
    }
  });

  const methodPage = async (req: Request, res: Response, errors: FieldError[] = [], problem?: string) => {
    const { integration } = await integrationViews(deps, res);
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(
      res,
      <MethodPage ctx={ctx} wizardStep={integration.wizardStep} method={integration.method} errors={errors} problem={problem} />,
      errors.length || problem ? 400 : 200,
    );
  };
  router.get('/setup/method', (req, res) => methodPage(req, res));
  router.post('/setup/method', async (req, res) => {
    const values = formValues(req, ['method']);
    try {
      const body = parseInput(setMethodBody, values, 'body');
      const before = await getIntegration(deps, { organizationId: organizationOf(res) });
      await setIntegrationMethod(deps, {
        organizationId: organizationOf(res),
        ...body,
        actor: actorOf(res),
        tokenKeysConfigured: !!deps.connections,
      });
      res.redirect(303, hasReached(before.wizardStep, 'TEST') ? '/admin/setup?done=method' : '/admin/setup/install');
    } catch (error) {
      const errors = fieldErrorsOf(error, values);
      if (errors) return methodPage(req, res, errors);
      if (error instanceof AppError && (error.code === 'invalid_wizard_transition' || error.code === 'token_keys_missing')) {
        return methodPage(req, res, [], problemWords(error));
      }
      throw error;
    }
  });

  const installPage = async (req: Request, res: Response, problem?: string) => {
    const { integration, domains } = await integrationViews(deps, res);
    if (!integration.method) return res.redirect(303, '/admin/setup/method');
    const ctx = await pageContext(deps, deps.console, req, res);
    sendPage(
      res,
      <InstallPage
        ctx={ctx}
        wizardStep={integration.wizardStep}
        method={integration.method}
        install={integration.install}
        domains={domains}
        problem={problem}
      />,
      problem ? 409 : 200,
    );
  };
  router.get('/setup/install', (req, res) => installPage(req, res));
  router.post('/setup/install/verify', async (req, res) => {
    const body = parseInput(startVerificationBody, formValues(req, ['domain']), 'body');
    if (!deps.workspaceSignIn) throw new AppError('not_ready', 'Domain verification is not available on this server.');
    try {
      const { authorizationUrl } = await startDomainVerification(
        { ...deps, signIn: deps.workspaceSignIn },
        { organizationId: organizationOf(res), domain: body.domain, tokenId: principalOf(res).tokenId },
      );
      res.redirect(303, authorizationUrl);
    } catch (error) {
      if (error instanceof AppError && error.code !== 'not_ready') return installPage(req, res, problemWords(error));
      throw error;
    }
  });
  // Continue: the install is confirmed and the test starts (a second click joins the test already running).
  router.post('/setup/install', async (req, res) => {
    try {
      await confirmIntegrationInstall(deps, { organizationId: organizationOf(res), actor: actorOf(res) });
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_wizard_transition') return installPage(req, res, problemWords(error));
      throw error;
    }
    await startTestFromConsole(deps, res);
    res.redirect(303, '/admin/test');
  });

  router.get('/setup', async (req, res) => {
    const { integration, domains } = await integrationViews(deps, res);
    sendPage(res, <SetupHubPage ctx={await pageContext(deps, deps.console, req, res)} view={integration} domains={domains} />);
  });
  router.get('/setup/done', async (req, res) => {
    const { integration } = await integrationViews(deps, res);
    if (integration.wizardStep !== 'DONE') return res.redirect(303, '/admin/test');
    sendPage(res, <DonePage ctx={await pageContext(deps, deps.console, req, res)} view={integration} />);
  });
  return router;
}
