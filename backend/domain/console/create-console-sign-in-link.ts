import { authenticateAdminToken } from '../admin/authenticate-admin-token.js';
import type { DomainDeps } from '../deps.js';
import { CONSOLE_SIGN_IN_LINK_TTL_MS, newConsoleSecret } from './console-secret.js';

/**
 * A single-use code that signs its holder in to the console as `token`, valid for an hour (the
 * sandbox prints it as a link). Only its SHA-256 is stored; the code is returned once.
 */
export async function createConsoleSignInLink(deps: DomainDeps, input: { token: string }): Promise<{ code: string; expiresAt: Date }> {
  const principal = await authenticateAdminToken(deps, input);
  const now = deps.clock();
  const { secret: code, hash } = newConsoleSecret();
  const expiresAt = new Date(now.getTime() + CONSOLE_SIGN_IN_LINK_TTL_MS);
  await deps.prisma.consoleSignInLink.create({ data: { ...principal, codeHash: hash, createdAt: now, expiresAt } });
  return { code, expiresAt };
}
