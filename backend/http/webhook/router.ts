import { Router, type Request } from 'express';
import { acceptNotification, type ChannelDirectory } from '../../domain/sync/accept-notification.js';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';

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

/**
 * Google Calendar's push notifications (`POST /webhooks/google-calendar`): checks the channel and
 * its token, stores that the calendar owes a sync and answers 202 — within milliseconds, the sync
 * runs in a job. See backend/domain/sync/README.md for the answers to unknown channels and bad tokens.
 */
export function webhookRouter(deps: WebhookDeps & DomainDeps): Router {
  const router = Router();
  router.post('/google-calendar', async (req, res) => {
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
