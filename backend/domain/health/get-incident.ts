import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { isLowerCaseUuid } from '../uuid.js';
import type { IncidentWithNotifications } from './list-incidents.js';

/** One incident of the organization with its owner mails (oldest first); another organization's is "not found". */
export async function getIncident(
  deps: DomainDeps,
  input: { organizationId: string; incidentId: string },
): Promise<IncidentWithNotifications> {
  const incident = isLowerCaseUuid(input.incidentId)
    ? await deps.prisma.incident.findFirst({
        where: { id: input.incidentId, organizationId: input.organizationId },
        include: { notifications: { where: { organizationId: input.organizationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
      })
    : null;
  if (!incident) throw new AppError('not_found', 'No such incident in this organization.');
  return incident;
}
