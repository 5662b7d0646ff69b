import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { IntegrationStatus, Prisma, WizardStep } from '../../store/generated/prisma/client.js';
import { assertReached, lockIntegration, type IntegrationState } from './wizard.js';

export interface IntegrationTestOutcome {
  organizationId: string;
  /** The IntegrationTestRun of this organization that produced the outcome. */
  runId: string;
  /** People for whom delegated calendar access works. */
  active: number;
  /** People checked. */
  total: number;
  /** Counts per AccessStatus, if known. */
  byReason?: Record<string, number> | undefined;
  /** Who asked for the run; SYSTEM for scheduled re-tests. */
  actor?: Actor | undefined;
}

/**
 * What a finished run records on the integration (the integration test calls it). At TEST: the
 * outcome only (lastTestSummary, lastTestedAt), the wizard stays at TEST, CONFIGURING: completing the
 * setup is the admin's explicit `finalizeIntegrationSetup`. At DONE (a re-test): ACTIVE when anyone
 * is active, else FAILING. Before TEST: invalid transition.
 */
export async function recordIntegrationTestOutcome(deps: DomainDeps, input: IntegrationTestOutcome): Promise<IntegrationState> {
  if (!Number.isInteger(input.active) || !Number.isInteger(input.total) || input.active < 0 || input.active > input.total) {
    throw new AppError('invalid_request', 'A test outcome needs whole numbers with 0 <= active <= total.', {
      active: input.active,
      total: input.total,
    });
  }
  return deps.prisma.$transaction(async (tx) => {
    const run = /^[0-9a-f-]{36}$/i.test(input.runId)
      ? await tx.integrationTestRun.findFirst({ where: { id: input.runId, organizationId: input.organizationId }, select: { id: true } })
      : null;
    if (!run) throw new AppError('not_found', 'No such integration test run in this organization.');
    const current = await lockIntegration(tx, input.organizationId);
    assertReached(current.wizardStep, 'TEST', 'record an integration test outcome');

    const wizardStep: WizardStep = current.wizardStep;
    const status: IntegrationStatus = wizardStep !== 'DONE' ? current.status : input.active > 0 ? 'ACTIVE' : 'FAILING';
    const at = deps.clock();
    const summary: Prisma.InputJsonObject = {
      runId: input.runId,
      total: input.total,
      active: input.active,
      ...(input.byReason && { byReason: input.byReason }),
    };
    const updated = await tx.calendarIntegration.update({
      where: { id: current.id },
      data: { wizardStep, status, lastTestSummary: summary, lastTestedAt: at },
    });
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: input.actor ?? { type: 'SYSTEM', id: null },
      action: 'integration.test.recorded',
      target: { type: 'IntegrationTestRun', id: input.runId },
      details: { ...summary, wizardStep: { from: current.wizardStep, to: wizardStep }, status: { from: current.status, to: status } },
      at,
    });
    return updated;
  });
}
