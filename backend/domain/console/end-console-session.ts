import type { DomainDeps } from '../deps.js';

/** Signs out: the session stops working at once. Ending an ended session changes nothing. */
export async function endConsoleSession(deps: DomainDeps, input: { organizationId: string; sessionId: string }): Promise<void> {
  await deps.prisma.consoleSession.updateMany({
    where: { id: input.sessionId, organizationId: input.organizationId, endedAt: null },
    data: { endedAt: deps.clock() },
  });
}
