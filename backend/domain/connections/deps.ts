import type { ConnectDeps } from './connect-calendar.js';
import type { DomainDeps } from '../deps.js';
import type { MailOutbox } from '../outbox/outbox.js';

/** What the HTTP edge needs for the per-user method's connections (main.ts builds it when keys are configured). */
export type ConnectionsDeps = Omit<ConnectDeps, keyof DomainDeps> & {
  /** Stops the person's push channels at Google while their token still works (before a disconnect revokes it). */
  stopChannels: (personId: string) => Promise<void>;
  /** The backend's external base URL (PUBLIC_URL, or the sandbox's own): connect links point under it. */
  publicUrl: () => string;
  /** Where an admin's mailed connect links go (the mail outbox). */
  outbox: MailOutbox;
};

export type AdminConnectionsDeps = ConnectionsDeps;
