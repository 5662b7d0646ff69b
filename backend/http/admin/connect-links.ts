import { Router } from 'express';
import type { DomainDeps } from '../../domain/deps.js';
import type { AdminConnectionsDeps } from '../../domain/connections/deps.js';
import { connectLinkRecipient, sendConnectLink } from '../../domain/connections/send-connect-link.js';
import type { Actor } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { actorOf, organizationOf } from './authenticate.js';

/** The connections an admin acts on, or 409 `token_keys_missing` (no key: nobody can connect here). */
export function requireAdminConnections(connections: AdminConnectionsDeps | undefined): AdminConnectionsDeps {
  if (!connections)
    throw new AppError('token_keys_missing', 'TOKEN_ENCRYPTION_KEYS is not configured: calendars cannot be connected here.');
  return connections;
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
