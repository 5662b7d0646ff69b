import { Router } from 'express';
import { z } from 'zod';
import type { Actor, DomainDeps } from '../../domain/deps.js';
import type { AdminConnectionsDeps } from '../../domain/connections/deps.js';
import { connectLinkRecipient, sendConnectLink } from '../../domain/connections/send-connect-link.js';
import { AppError } from '../../domain/errors.js';
import { actorOf, organizationOf } from './authenticate.js';
import { route, serve } from '../openapi/route.js';
import { isoInstant } from '../presenters/wire.js';

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
export const connectLinkRoutes = {
  send: route({
    method: 'post',
    path: '/people/:personId/connect-link',
    tag: 'People',
    summary: 'Mail a person a single-use link to connect their calendar (per-user method)',
    description:
      'The link is valid 72 hours and ends the earlier unused ones; only its hash is stored. Audited `calendar.connect_link.sent`.',
    responses: { 202: { description: 'Queued for mailing', body: z.strictObject({ recipient: z.string(), expiresAt: isoInstant }) } },
    errors: ['not_found', 'person_inactive', 'not_per_user', 'token_keys_missing'],
  }),
};

/** POST /people/:personId/connect-link: mails the person a single-use connect link (per-user method, 72 hours, audited). */
export function connectLinksRouter(deps: DomainDeps & { connections?: AdminConnectionsDeps | undefined }): Router {
  const router = Router({ mergeParams: true });
  serve(router, connectLinkRoutes.send, async (req, res) => {
    const sent = await sendConnectLinkAs(deps, {
      organizationId: organizationOf(res),
      personId: String(req.params.personId),
      actor: actorOf(res),
    });
    res.status(202).json({ recipient: sent.recipient, expiresAt: sent.expiresAt.toISOString() });
  });
  return router;
}
