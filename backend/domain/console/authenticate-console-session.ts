import type { AdminPrincipal } from '../admin/authenticate-admin-token.js';
import { LAST_USED_RESOLUTION_MS } from '../admin/authenticate-admin-token.js';
import { hashToken } from '../admin/token-secret.js';
import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { CONSOLE_SECRET_PATTERN, CONSOLE_SESSION_IDLE_MS } from './console-secret.js';

/** The console's caller: the admin token it acts as (what the admin API sees) and the session. */
export interface ConsolePrincipal extends AdminPrincipal {
  sessionId: string;
}

/**
 * Resolves a console cookie to its session. Unknown, ended, expired (8 hours after sign-in), idle
 * (an hour without a request) and revoked-token sessions all fail the same way, `unauthenticated`;
 * a session whose token was revoked is ended on the way.
 */
export async function authenticateConsoleSession(deps: DomainDeps, input: { secret: string }): Promise<ConsolePrincipal> {
  if (!CONSOLE_SECRET_PATTERN.test(input.secret)) throw signedOut();
  const row = await deps.prisma.consoleSession.findUnique({
    where: { secretHash: hashToken(input.secret) },
    include: { token: { select: { revokedAt: true } } },
  });
  const now = deps.clock();
  if (!row || row.endedAt || row.expiresAt <= now || row.lastSeenAt.getTime() + CONSOLE_SESSION_IDLE_MS <= now.getTime()) {
    throw signedOut();
  }
  if (row.token.revokedAt) {
    // Revocation ends its sessions in its own transaction; this catches a token revoked any other way.
    await deps.prisma.consoleSession.updateMany({ where: { id: row.id, endedAt: null }, data: { endedAt: now } });
    throw signedOut();
  }
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (row.lastSeenAt < staleBefore) {
    // Conditional, so concurrent requests write once, and a sign-out in between stays signed out.
    await deps.prisma.consoleSession.updateMany({
      where: { id: row.id, endedAt: null, lastSeenAt: { lt: staleBefore } },
      data: { lastSeenAt: now },
    });
  }
  return { tokenId: row.tokenId, organizationId: row.organizationId, sessionId: row.id };
}

function signedOut(): AppError {
  return new AppError('unauthenticated', 'Your console session has ended: sign in again with an admin API token.');
}
