import { authenticateAdminToken } from '../admin/authenticate-admin-token.js';
import type { DomainDeps } from '../deps.js';
import { openConsoleSession, type ConsoleSignIn } from './console-secret.js';

/**
 * Signs in to the console with an admin token. A wrong, malformed or revoked token fails exactly as
 * it does on the admin API (`unauthenticated`), and opens nothing.
 */
export async function startConsoleSession(deps: DomainDeps, input: { token: string }): Promise<ConsoleSignIn> {
  const principal = await authenticateAdminToken(deps, input);
  return openConsoleSession(deps.prisma, principal, deps.clock());
}
