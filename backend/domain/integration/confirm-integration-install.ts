import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { assertReached, lockIntegration, stepAfter, type IntegrationState } from './wizard.js';

/**
 * Wizard step 3: the admin says the app is installed, which opens the test step. Needs the method
 * chosen; confirming again later changes nothing (the test is what tells whether it really is).
 */
export async function confirmIntegrationInstall(
  deps: DomainDeps,
  input: { organizationId: string; actor: Actor },
): Promise<IntegrationState> {
  return deps.prisma.$transaction(async (tx) => {
    const current = await lockIntegration(tx, input.organizationId);
    assertReached(current.wizardStep, 'INSTALL', 'confirm the installation');
    if (current.wizardStep !== 'INSTALL') return current;
    const updated = await tx.calendarIntegration.update({ where: { id: current.id }, data: { wizardStep: stepAfter('INSTALL') } });
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: 'integration.install.confirmed',
      target: { type: 'CalendarIntegration', id: current.id },
      details: { method: current.method, wizardStep: updated.wizardStep },
      at: deps.clock(),
    });
    return updated;
  });
}
