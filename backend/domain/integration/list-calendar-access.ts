import type { DomainDeps } from '../deps.js';
import type { Page, PageInput } from '../paging.js';
import type { AccessStatus, PersonCalendarAccess } from '../../store/generated/prisma/client.js';
import { idKeyset, toIdPage } from './id-paging.js';

/** A person's current calendar access, with who the person is. */
export type CalendarAccessRow = PersonCalendarAccess & { person: { email: string; displayName: string } };

export interface ListCalendarAccessInput extends PageInput {
  organizationId: string;
  status?: AccessStatus | undefined;
  /** Case-insensitive text the reason contains. */
  reason?: string | undefined;
}

/** Whether the integration currently works for each person (from the last test), with the reason and fix, paged. */
export async function listCalendarAccess(deps: DomainDeps, input: ListCalendarAccessInput): Promise<Page<CalendarAccessRow>> {
  const query = idKeyset(input);
  const rows = await deps.prisma.personCalendarAccess.findMany({
    ...query,
    where: {
      organizationId: input.organizationId,
      ...(input.status && { status: input.status }),
      ...(input.reason && { reason: { contains: input.reason, mode: 'insensitive' as const } }),
      ...query.where,
    },
    include: { person: { select: { email: true, displayName: true } } },
  });
  return toIdPage(rows, input.limit);
}
