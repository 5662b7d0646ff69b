import { z } from 'zod';
import { installInstructions } from '../../domain/integration/install-instructions.js';
import { hasReached, type InstallInfo, type IntegrationState } from '../../domain/integration/wizard.js';
import type { WizardStep } from '../../store/generated/prisma/client.js';
import { instant, json } from './wire.js';

/** Where the integration test is started; the route itself belongs to the integration-test work. */
export const INTEGRATION_TEST_PATH = 'integration/test-runs';
/** Where the setup is finalized once a test found someone active (TEST → DONE). */
export const FINALIZE_PATH = 'integration/finalize';

const WIZARD_STEPS = ['VENDOR', 'METHOD', 'INSTALL', 'TEST', 'DONE'] as const;
const METHODS = ['DOMAIN_WIDE', 'PER_USER'] as const;
const request = z.strictObject({ method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']), path: z.string() });

/** The request that completes the current step, and what it needs (null when DONE). */
const nextStepSchema = z.strictObject({
  step: z.enum(WIZARD_STEPS),
  description: z.string(),
  request,
  /** The body's fields, each with its allowed values or a word for what it is. */
  needs: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  recommended: z.strictObject({ method: z.enum(METHODS) }).optional(),
  /** At TEST: the integration test to run before `request` finalizes. */
  test: z.strictObject({ request }).optional(),
});

/** The install step: the Marketplace listing, the client id and scopes, and how to verify the domain. */
const installSchema = z.union([
  z.strictObject({ configured: z.literal(false), message: z.string() }),
  z.strictObject({
    configured: z.literal(true),
    marketplaceListingUrl: z.string(),
    clientId: z.string(),
    scopes: z.array(z.string()),
    /** Ready to paste into the Admin console's domain-wide delegation form. */
    scopesCommaSeparated: z.string(),
    instructions: z.array(z.string()),
    verifyDomain: z.strictObject({ request, needs: z.strictObject({ domain: z.string() }) }),
  }),
]);

/** The calendar integration and its setup wizard (backend/http/admin/README.md › The setup wizard). */
export const integrationSchema = z
  .strictObject({
    status: z.enum(['NOT_CONFIGURED', 'CONFIGURING', 'ACTIVE', 'FAILING']),
    wizardStep: z.enum(WIZARD_STEPS),
    vendor: z.enum(['GOOGLE_CALENDAR']).nullable(),
    ownerEmail: z.string().nullable(),
    method: z.enum(METHODS).nullable(),
    install: installSchema.nullable(),
    /** The last completed integration test's counts: `{total, active, byReason}`. */
    lastTest: z.strictObject({ testedAt: instant.nullable(), summary: json }).nullable(),
    next: nextStepSchema.nullable(),
    updatedAt: instant.nullable(),
  })
  .meta({ id: 'Integration', description: 'The calendar integration, where its setup wizard is, and what the next step needs.' });

interface Context {
  organizationId: string;
  installInfo: InstallInfo | undefined;
}

/** The integration, the wizard's position, the install details once a method is chosen, and what the next step needs. */
export function presentIntegration(state: IntegrationState, context: Context): z.output<typeof integrationSchema> {
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

function presentInstall(method: NonNullable<IntegrationState['method']>, context: Context): z.output<typeof installSchema> {
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
function nextStep(step: WizardStep, base: string): z.output<typeof nextStepSchema> | null {
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
