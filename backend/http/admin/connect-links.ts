import { Router } from 'express';
import type { Actor, DomainDeps } from '../../domain/deps.js';
import type { AdminConnectionsDeps } from '../../domain/connections/deps.js';
import { connectLinkRecipient, sendConnectLink } from '../../domain/connections/send-connect-link.js';
import { AppError } from '../../domain/errors.js';
import { actorOf, organizationOf } from './authenticate.js';

/**
 * Mails one person of the organization a connect link (the API's route and the console's button):
 * an unknown or another organization's person is 404 first, then no key is 409 `token_keys_missing`.
 */
export async function sendConnectLinkAs(
  deps: DomainDeps & { connections?: AdminConnectionsDeps | undefined },
  input: { organizationId: string; personId: string; actor: Actor },
): Promise<{ recipient: string; expiresAt: Date }> {
  await connectLinkRecipient(deps, input);
  const connections = deps.connections;
  if (!connections)
    throw new AppError('token_keys_missing', 'TOKEN_ENCRYPTION_KEYS is not configured: calendars cannot be connected here.');
  return sendConnectLink({ prisma: deps.prisma, clock: deps.clock, ...connections }, input);
}

/** POST /people/:personId/connect-link: mails the person a single-use connect link (per-user method, 72 hours, audited). */
export function connectLinksRouter(deps: DomainDeps & { connections?: AdminConnectionsDeps | undefined }): Router {
  const router = Router({ mergeParams: true });
  router.post('/people/:personId/connect-link', async (req, res) => {
    const sent = await sendConnectLinkAs(deps, {
      organizationId: organizationOf(res),
      personId: String(req.params.personId),
      actor: actorOf(res),
    });
    res.status(202).json({ recipient: sent.recipient, expiresAt: sent.expiresAt.toISOString() });
  });
  return router;
}
