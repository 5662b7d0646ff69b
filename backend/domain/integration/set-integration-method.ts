import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import type { IntegrationMethod } from '../../store/generated/prisma/client.js';
import { assertReached, lockIntegration, stepAfter, type IntegrationState } from './wizard.js';

export interface SetIntegrationMethodInput {
  organizationId: string;
  /** DOMAIN_WIDE (recommended: one Marketplace install for the domain) or PER_USER. */
  method: IntegrationMethod;
  actor: Actor;
}

/** Wizard step 2: how Together gets calendar access. Needs step 1 done; changing it later keeps the step and status. */
export async function setIntegrationMethod(deps: DomainDeps, input: SetIntegrationMethodInput): Promise<IntegrationState> {
  return deps.prisma.$transaction(async (tx) => {
    const current = await lockIntegration(tx, input.organizationId);
    assertReached(current.wizardStep, 'METHOD', 'set the integration method');
    if (current.method === input.method) return current;
    const first = current.wizardStep === 'METHOD';
    const updated = await tx.calendarIntegration.update({
      where: { id: current.id },
      data: { method: input.method, ...(first && { wizardStep: stepAfter('METHOD') }) },
    });
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: 'integration.method.set',
      target: { type: 'CalendarIntegration', id: current.id },
      details: { method: input.method, previous: current.method, wizardStep: updated.wizardStep },
      at: deps.clock(),
    });
    return updated;
  });
}
