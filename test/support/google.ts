/** The backend's Google adapters over an emulator, built as main.ts builds them over Google. */
import { CalendarAdapter } from '../../backend/google/calendar.js';
import { DELEGATED_SCOPES, DelegatedAuth } from '../../backend/google/delegated-auth.js';
import { GoogleCredentials } from '../../backend/google/credentials.js';
import { DirectoryAdapter } from '../../backend/google/directory.js';
import { PerUserAuth, type ConnectionVault } from '../../backend/google/per-user-auth.js';
import { GoogleEndpoints } from '../../backend/google/endpoints.js';
import type { GoogleCallHooks } from '../../backend/google/call-gate.js';
import { ServiceAccountKey } from '../../backend/google/service-account-key.js';
import { DEMO_OAUTH_CLIENT } from '../../backend/emulator/seeds/demo.js';

const SANDBOX_OAUTH_CLIENT = { clientId: DEMO_OAUTH_CLIENT.clientId, clientSecret: DEMO_OAUTH_CLIENT.clientSecret };

/** The Marketplace listing the adapters' "fix" texts point to, in tests. */
export const TEST_LISTING_URL = 'https://workspace.google.com/marketplace/app/together-test';

export interface EmulatedGoogleOptions {
  /** Users whose delegated token stays cached (DelegatedAuth's maxCachedSubjects); default 100. */
  maxCachedSubjects?: number;
  /** JWT clients alive at once (DelegatedAuth's maxLiveClients); DelegatedAuth's default when absent. */
  maxLiveClients?: number;
  /** The install's client id the fix texts name; default the key's. */
  clientId?: string;
  marketplaceListingUrl?: string;
  /** Where people's connections are (per-user method); absent, every organization is domain-wide. */
  vault?: ConnectionVault;
  /** The OAuth web client people connect with; default the emulator's sandbox client. */
  oauthClient?: { clientId: string; clientSecret: string };
  /** The quota gate and observer every call passes through (main.ts sets both); none by default. */
  calls?: GoogleCallHooks;
}

/** A vault for worlds without per-user organizations: every method is domain-wide, nobody is connected. */
export const DOMAIN_WIDE_ONLY: ConnectionVault = {
  methodOf: async () => 'DOMAIN_WIDE',
  connectionOf: async () => null,
  rotated: async () => undefined,
  rotationConfirmed: async () => undefined,
  refused: async () => undefined,
};

/**
 * One DelegatedAuth for `key` (a ServiceAccountKey, or key JSON as the emulator hands it out) against
 * the emulator at `emulatorUrl`, and the Calendar and Directory adapters sharing it.
 */
export function emulatedGoogle(emulatorUrl: string, key: ServiceAccountKey | object, options: EmulatedGoogleOptions = {}) {
  const serviceAccount = key instanceof ServiceAccountKey ? key : ServiceAccountKey.parse(JSON.stringify(key));
  const endpoints = new GoogleEndpoints(emulatorUrl, options.calls);
  const auth = new DelegatedAuth(serviceAccount, endpoints, {
    maxCachedSubjects: options.maxCachedSubjects ?? 100,
    ...(options.maxLiveClients === undefined ? {} : { maxLiveClients: options.maxLiveClients }),
  });
  const perUser = new PerUserAuth(options.oauthClient ?? SANDBOX_OAUTH_CLIENT, endpoints, options.vault ?? DOMAIN_WIDE_ONLY, {
    maxCachedSubjects: options.maxCachedSubjects ?? 100,
  });
  const credentials = new GoogleCredentials(auth, perUser, options.vault ?? DOMAIN_WIDE_ONLY);
  const delegation = {
    clientId: options.clientId ?? serviceAccount.clientId,
    scopes: DELEGATED_SCOPES,
    marketplaceListingUrl: options.marketplaceListingUrl ?? TEST_LISTING_URL,
  };
  return {
    key: serviceAccount,
    endpoints,
    auth,
    perUser,
    credentials,
    calendar: new CalendarAdapter(credentials, endpoints, delegation),
    directory: new DirectoryAdapter(auth, endpoints, delegation),
  };
}
