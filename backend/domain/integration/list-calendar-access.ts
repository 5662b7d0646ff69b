import type { DomainDeps } from '../deps.js';
import type { AccessStatus, PersonCalendarAccess } from '../../store/generated/prisma/client.js';
import { idKeyset, literalText, personMatching, toIdPage, type CountedPage, type PersonPageInput } from './id-paging.js';

/** A person's current calendar access, with who the person is. */
export type CalendarAccessRow = PersonCalendarAccess & { person: { email: string; displayName: string } };

export interface ListCalendarAccessInput extends PersonPageInput {
  organizationId: string;
  status?: AccessStatus | undefined;
  /** Case-insensitive text the reason contains. */
  reason?: string | undefined;
  /** Case-insensitive text the person's name or email contains. */
  q?: string | undefined;
}

/** Whether the integration currently works for each person (from the last test), with the reason and fix, paged and counted. */
export async function listCalendarAccess(deps: DomainDeps, input: ListCalendarAccessInput): Promise<CountedPage<CalendarAccessRow>> {
  const query = idKeyset(input);
  const where = {
    organizationId: input.organizationId,
    ...(input.status && { status: input.status }),
    ...(input.reason !== undefined && { reason: { contains: literalText(input.reason), mode: 'insensitive' as const } }),
    ...personMatching(input.q),
  };
  const [rows, total] = await Promise.all([
    deps.prisma.personCalendarAccess.findMany({
      ...query,
      where: { ...where, ...query.where },
      include: { person: { select: { email: true, displayName: true } } },
    }),
    deps.prisma.personCalendarAccess.count({ where }),
  ]);
  return { ...toIdPage(rows, input.limit), total };
}
