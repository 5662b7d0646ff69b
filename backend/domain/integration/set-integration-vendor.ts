import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import type { CalendarVendor } from '../../store/generated/prisma/client.js';
import { lockIntegration, stepAfter, type IntegrationState } from './wizard.js';

export interface SetIntegrationVendorInput {
  organizationId: string;
  vendor: CalendarVendor;
  /** Lower-case email of who is told when the integration fails or recovers. */
  ownerEmail: string;
  actor: Actor;
}

/**
 * Wizard step 1: the calendar vendor and the integration owner. Allowed at any time; done again
 * later it only changes these fields, never the step or status.
 */
export async function setIntegrationVendor(deps: DomainDeps, input: SetIntegrationVendorInput): Promise<IntegrationState> {
  return deps.prisma.$transaction(async (tx) => {
    const current = await lockIntegration(tx, input.organizationId);
    if (current.vendor === input.vendor && current.ownerEmail === input.ownerEmail) return current;
    const first = current.wizardStep === 'VENDOR';
    const at = deps.clock();
    const updated = await tx.calendarIntegration.update({
      where: { id: current.id },
      data: {
        vendor: input.vendor,
        ownerEmail: input.ownerEmail,
        ...(first && { wizardStep: stepAfter('VENDOR'), status: 'CONFIGURING' }),
      },
    });
    await writeAuditEntry(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: 'integration.vendor.set',
      target: { type: 'CalendarIntegration', id: current.id },
      details: {
        vendor: input.vendor,
        ownerEmail: input.ownerEmail,
        previous: { vendor: current.vendor, ownerEmail: current.ownerEmail },
        wizardStep: updated.wizardStep,
      },
      at,
    });
    return updated;
  });
}
