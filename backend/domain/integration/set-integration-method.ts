import { writeAuditEntry } from '../audit.js';
import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { IntegrationMethod } from '../../store/generated/prisma/client.js';
import { assertReached, lockIntegration, stepAfter, type IntegrationState } from './wizard.js';

export interface SetIntegrationMethodInput {
  organizationId: string;
  /** DOMAIN_WIDE (recommended: one Marketplace install for the domain) or PER_USER. */
  method: IntegrationMethod;
  actor: Actor;
  /** Whether refresh tokens can be encrypted here (TOKEN_ENCRYPTION_KEYS, or the sandbox's own key): PER_USER needs it. */
  tokenKeysConfigured?: boolean;
}

/** Wizard step 2: how Together gets calendar access. Needs step 1 done; changing it later keeps the step and status. */
export async function setIntegrationMethod(deps: DomainDeps, input: SetIntegrationMethodInput): Promise<IntegrationState> {
  return deps.prisma.$transaction(async (tx) => {
    const current = await lockIntegration(tx, input.organizationId);
    assertReached(current.wizardStep, 'METHOD', 'set the integration method');
    if (current.method === input.method) return current;
    if (input.method === 'PER_USER' && !input.tokenKeysConfigured) {
      throw new AppError(
        'token_keys_missing',
        "The per-user method stores each person's Google refresh token, encrypted: set TOKEN_ENCRYPTION_KEYS (see README › Configuration) and restart the backend first.",
      );
    }
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
