import type { Logger } from '../../logger.js';
import type { DomainDeps } from '../deps.js';

/** A notification to mail, as the delivery queue names it. */
import type { MailRef } from '../outbox/outbox.js';

export type NotificationRef = MailRef;

/** What health evaluation needs besides the database and the clock. */
export interface HealthDeps extends DomainDeps {
  /** Failing when more than this share of the people checked fail (config.health.failingShare). */
  failingShare: number;
  /** Queues a notification's mail; called after the transaction that created it commits. */
  deliverNotification: (notification: NotificationRef) => Promise<void>;
  /** For what must not break the caller, such as a delivery that could not be queued. */
  logger: Logger;
}
