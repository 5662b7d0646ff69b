import { installInstructions } from '../../domain/integration/install-instructions.js';
import { hasReached, type InstallInfo, type IntegrationState } from '../../domain/integration/wizard.js';
import type { WizardStep } from '../../store/generated/prisma/client.js';

/** Where the integration test is started; the route itself belongs to the integration-test work. */
export const INTEGRATION_TEST_PATH = 'integration/test-runs';
/** Where the setup is finalized once a test found someone active (TEST → DONE). */
export const FINALIZE_PATH = 'integration/finalize';

interface Context {
  organizationId: string;
  installInfo: InstallInfo | undefined;
}

/** The integration, the wizard's position, the install details once a method is chosen, and what the next step needs. */
export function presentIntegration(state: IntegrationState, context: Context) {
  return {
    status: state.status,
    wizardStep: state.wizardStep,
    vendor: state.vendor,
    ownerEmail: state.ownerEmail,
    method: state.method,
    install: state.method && hasReached(state.wizardStep, 'INSTALL') ? presentInstall(state.method, context) : null,
    lastTest: state.lastTestSummary === null ? null : { testedAt: state.lastTestedAt, summary: state.lastTestSummary },
    next: nextStep(state.wizardStep, `/admin/v1/organizations/${context.organizationId}`),
    updatedAt: state.updatedAt,
  };
}

function presentInstall(method: NonNullable<IntegrationState['method']>, context: Context) {
  const info = context.installInfo;
  if (!info) return { configured: false, message: 'This server has no Marketplace listing configured; ask Together support.' };
  return {
    configured: true,
    marketplaceListingUrl: info.marketplaceListingUrl,
    clientId: info.clientId,
    scopes: info.scopes,
    /** Ready to paste into the Admin console's domain-wide delegation form. */
    scopesCommaSeparated: info.scopes.join(','),
    instructions: installInstructions(method, info),
    /** How a Workspace super administrator proves the organization's domain (backend/http/admin/README.md). */
    verifyDomain: {
      request: { method: 'POST', path: `/admin/v1/organizations/${context.organizationId}/domains/verifications` },
      needs: { domain: 'a Workspace domain of the organization' },
    },
  };
}

/** The request that completes the current step, and what it needs. */
function nextStep(step: WizardStep, base: string) {
  switch (step) {
    case 'VENDOR':
      return {
        step,
        description: 'Choose the calendar vendor and the integration owner, who is emailed when the integration fails or recovers.',
        request: { method: 'PUT', path: `${base}/integration/vendor` },
        needs: { vendor: ['GOOGLE_CALENDAR'], ownerEmail: 'email' },
      };
    case 'METHOD':
      return {
        step,
        description:
          'Choose how Together reaches calendars: DOMAIN_WIDE (recommended: one Marketplace install by a Workspace admin) or PER_USER.',
        request: { method: 'PUT', path: `${base}/integration/method` },
        needs: { method: ['DOMAIN_WIDE', 'PER_USER'] },
        recommended: { method: 'DOMAIN_WIDE' },
      };
    case 'INSTALL':
      return {
        step,
        description: 'Install the app as `install.instructions` say, then confirm.',
        request: { method: 'POST', path: `${base}/integration/install/confirm` },
        needs: {},
      };
    case 'TEST':
      return {
        step,
        description:
          'Run the integration test (`test.request`) and read its results, then finalize the setup (`request`) once a completed test ' +
          'found calendar access for at least one person. Finalizing turns on health monitoring: incidents with mails to the ' +
          'integration owner, and scheduled re-tests.',
        request: { method: 'POST', path: `${base}/${FINALIZE_PATH}` },
        needs: {},
        test: { request: { method: 'POST', path: `${base}/${INTEGRATION_TEST_PATH}` } },
      };
    case 'DONE':
      return null;
  }
}
