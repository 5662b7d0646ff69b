import { Router, type Request } from 'express';
import { z } from 'zod';
import { acceptNotification, type ChannelDirectory } from '../../domain/sync/accept-notification.js';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { route, serve } from '../openapi/route.js';

/** What the webhook needs: channel lookups and a durable "this calendar owes a sync". */
export interface WebhookDeps {
  channels: ChannelDirectory;
  /** Resolves once the request is stored (the sync itself runs later, in a job). */
  requestSync: (syncStateId: string) => Promise<void>;
}

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Google Calendar's push notification: headers only, no body. */
export const webhookRoutes = {
  googleCalendar: route({
    method: 'post',
    path: '/google-calendar',
    tag: 'Webhooks',
    summary: "Google Calendar's push notification for a watched calendar",
    description:
      'Checks the channel and its token (`X-Goog-Channel-Token`, the secret Together gave Google when it opened the channel), ' +
      'records that the calendar owes a sync and answers 202 at once; the sync runs in a job. No body is read.',
    headers: z.object({
      'x-goog-channel-id': z.string().meta({ description: 'The channel Together opened.' }),
      'x-goog-resource-state': z.string().meta({ description: '`sync` (the channel opened) or `exists` (something changed).' }),
    }),
    responses: { 202: { description: 'Accepted: a sync is owed (or the notification needed none)' } },
    errors: ['unknown_channel', 'forbidden'],
  }),
};

/**
 * Google Calendar's push notifications (`POST /webhooks/google-calendar`): checks the channel and
 * its token, stores that the calendar owes a sync and answers 202 — within milliseconds, the sync
 * runs in a job. See backend/domain/sync/README.md for the answers to unknown channels and bad tokens.
 */
export function webhookRouter(deps: WebhookDeps & DomainDeps): Router {
  const router = Router();
  serve(router, webhookRoutes.googleCalendar, async (req, res) => {
    const channelId = header(req, 'x-goog-channel-id');
    const resourceState = header(req, 'x-goog-resource-state');
    if (!channelId || !resourceState) {
      throw new AppError('invalid_request', 'X-Goog-Channel-ID and X-Goog-Resource-State are required.');
    }
    const syncStateId = await acceptNotification(deps, { channelId, token: header(req, 'x-goog-channel-token'), resourceState });
    if (syncStateId) await deps.requestSync(syncStateId);
    res.status(202).end();
  });
  return router;
}
