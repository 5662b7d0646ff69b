import type { DomainDeps } from '../deps.js';
import { NOT_STARTED, type IntegrationState } from './wizard.js';

/** The integration's configuration and wizard position; the defaults when setup has not started. */
export async function getIntegration(deps: DomainDeps, input: { organizationId: string }): Promise<IntegrationState> {
  const row = await deps.prisma.calendarIntegration.findUnique({ where: { organizationId: input.organizationId } });
  return row ?? NOT_STARTED;
}
