import type { Tx } from '../deps.js';
import { AppError } from '../errors.js';
import type { CalendarIntegration, WizardStep } from '../../store/generated/prisma/client.js';

/** What the install step shows: where to install Together's app and what it is granted. Comes from configuration. */
export interface InstallInfo {
  /** The Google Workspace Marketplace listing of Together's app. */
  marketplaceListingUrl: string;
  /** The OAuth client id of Together's service account (for domain-wide delegation). */
  clientId: string;
  /** The exact OAuth scopes the app needs. */
  scopes: string[];
  /** The per-user method: the OAuth web client people consent to, and the scopes each person grants. */
  perUser: { clientId: string; scopes: string[] };
}

/** The setup wizard's steps in order; `wizardStep` is the next step to complete. */
export const WIZARD_STEPS: readonly WizardStep[] = ['VENDOR', 'METHOD', 'INSTALL', 'TEST', 'DONE'];

/** The integration as the wizard sees it; before the first step there is no row, only these defaults. */
export type IntegrationState = Pick<
  CalendarIntegration,
  'vendor' | 'method' | 'ownerEmail' | 'wizardStep' | 'status' | 'lastTestSummary' | 'lastTestedAt'
> & { updatedAt: Date | null };

export const NOT_STARTED: IntegrationState = {
  vendor: null,
  method: null,
  ownerEmail: null,
  wizardStep: 'VENDOR',
  status: 'NOT_CONFIGURED',
  lastTestSummary: null,
  lastTestedAt: null,
  updatedAt: null,
};

/** True when the wizard has got as far as `step` (it may be further). */
export function hasReached(current: WizardStep, step: WizardStep): boolean {
  return WIZARD_STEPS.indexOf(current) >= WIZARD_STEPS.indexOf(step);
}

/** The step after `step` (DONE stays DONE). */
export function stepAfter(step: WizardStep): WizardStep {
  return WIZARD_STEPS[Math.min(WIZARD_STEPS.indexOf(step) + 1, WIZARD_STEPS.length - 1)] ?? 'DONE';
}

const WHAT_TO_DO: Record<WizardStep, string> = {
  VENDOR: 'choose the vendor and the integration owner',
  METHOD: 'choose the integration method',
  INSTALL: 'install the app and confirm the installation',
  TEST: 'run the integration test',
  DONE: 'nothing: the setup is complete',
};

/** Refuses an action that needs the wizard at `required` or later, naming where it is and what to do. */
export function assertReached(current: WizardStep, required: WizardStep, action: string): void {
  if (hasReached(current, required)) return;
  throw new AppError(
    'invalid_wizard_transition',
    `Cannot ${action} yet: the wizard is at step ${current}, and this needs step ${required}. Next, ${WHAT_TO_DO[current]}.`,
    { currentStep: current, expectedStep: required },
  );
}

/**
 * The organization's integration row, created on first use and locked until the transaction ends,
 * so concurrent wizard actions apply one after another.
 */
export async function lockIntegration(tx: Tx, organizationId: string): Promise<CalendarIntegration> {
  await tx.calendarIntegration.upsert({ where: { organizationId }, create: { organizationId }, update: {} });
  await tx.$executeRaw`SELECT 1 FROM "CalendarIntegration" WHERE "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  return tx.calendarIntegration.findUniqueOrThrow({ where: { organizationId } });
}
