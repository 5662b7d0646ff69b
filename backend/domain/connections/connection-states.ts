import type { DomainDeps } from '../deps.js';
import type { AccessStatus } from '../../store/generated/prisma/client.js';

/**
 * Each named person's calendar access as it is now (their PersonCalendarAccess), for the console's
 * per-person table next to a test's older result. People never checked are left out.
 */
export async function currentAccessOf(
  deps: DomainDeps,
  input: { organizationId: string; personIds: readonly string[] },
): Promise<Map<string, AccessStatus>> {
  if (input.personIds.length === 0) return new Map();
  const rows = await deps.prisma.personCalendarAccess.findMany({
    where: { organizationId: input.organizationId, personId: { in: [...input.personIds] } },
    select: { personId: true, status: true },
  });
  return new Map(rows.map((row) => [row.personId, row.status]));
}
