import type { CalendarAdapter } from '../../google/calendar.js';
import type { SchedulingDeps } from '../scheduling/deps.js';
import { LIVE_STATUSES } from '../scheduling/session-state.js';

/** The Google Calendar calls sync makes (CalendarAdapter in production, the same over the emulator in tests). */
export type SyncGateway = Pick<
  CalendarAdapter,
  'freeBusy' | 'insertEvent' | 'getEvent' | 'moveEvent' | 'deleteEvent' | 'listEventChanges' | 'busyEvents' | 'watchEvents' | 'stopChannel'
>;

/** How push channels are opened and kept. */
export interface ChannelSettings {
  /** Our public HTTPS webhook, e.g. https://together.example.com/webhooks/google-calendar. */
  webhookUrl: string;
  /** Lifetime asked of Google for a new channel. */
  ttlMs: number;
  /** A channel expiring within this margin is replaced (new one first, then the old one is stopped). */
  renewalMarginMs: number;
}

/** What sync use cases need: scheduling's deps (availability re-checks) with the wider gateway. */
export interface SyncDeps extends SchedulingDeps {
  /** As scheduling's: a refusal Google gives a user also records their calendar access (see SchedulingDeps.calendar). */
  calendar: SyncGateway;
  channels: ChannelSettings;
  /** A first (or 410-forced) full sync lists events from this long ago; older ones cannot matter. */
  fullSyncLookbackMs?: number;
  /** Told when this process stops a channel, so the webhook refuses its late notifications at once. */
  onChannelStopped?: (channelId: string) => void;
}

/**
 * Sessions starting within this horizon are reconciled (read from Google periodically). Channels do not
 * depend on it: every member of any upcoming session is watched.
 */
export const RECONCILE_HORIZON_MS = 30 * 24 * 3_600_000;
export const DEFAULT_FULL_SYNC_LOOKBACK_MS = 24 * 3_600_000;

/**
 * Session statuses that still follow their Google event: the live ones (session-state.ts). Unlike
 * "changeable", a change in progress or a session that is over does not stop sync from following it.
 */
export const FOLLOWED_STATUSES = LIVE_STATUSES;
