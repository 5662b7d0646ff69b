import { hashToken } from '../admin/token-secret.js';
import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { CONSOLE_SECRET_PATTERN, openConsoleSession, type ConsoleSignIn } from './console-secret.js';

/**
 * Signs in with a sign-in link's code: once, before it expires, while its token is active. Unknown,
 * used and expired codes fail the same way (`unauthenticated`) and open nothing.
 */
export async function useConsoleSignInLink(deps: DomainDeps, input: { code: string }): Promise<ConsoleSignIn> {
  if (!CONSOLE_SECRET_PATTERN.test(input.code)) throw usedOrExpired();
  const codeHash = hashToken(input.code);
  return deps.prisma.$transaction(async (tx) => {
    const now = deps.clock();
    // Conditional update: of two concurrent uses exactly one marks the link used and opens a session.
    const { count } = await tx.consoleSignInLink.updateMany({
      where: { codeHash, usedAt: null, expiresAt: { gt: now }, token: { revokedAt: null } },
      data: { usedAt: now },
    });
    if (count !== 1) throw usedOrExpired();
    const link = await tx.consoleSignInLink.findUniqueOrThrow({ where: { codeHash } });
    return openConsoleSession(tx, { tokenId: link.tokenId, organizationId: link.organizationId }, now);
  });
}

function usedOrExpired(): AppError {
  return new AppError('unauthenticated', 'This sign-in link has been used or has expired: sign in with an admin API token.');
}
