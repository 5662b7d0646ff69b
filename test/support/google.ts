/** The backend's Google adapters over an emulator, built as main.ts builds them over Google. */
import { CalendarAdapter } from '../../backend/google/calendar.js';
import { DELEGATED_SCOPES, DelegatedAuth } from '../../backend/google/delegated-auth.js';
import { DirectoryAdapter } from '../../backend/google/directory.js';
import { GoogleEndpoints } from '../../backend/google/endpoints.js';
import { ServiceAccountKey } from '../../backend/google/service-account-key.js';

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
}

/**
 * One DelegatedAuth for `key` (a ServiceAccountKey, or key JSON as the emulator hands it out) against
 * the emulator at `emulatorUrl`, and the Calendar and Directory adapters sharing it.
 */
export function emulatedGoogle(emulatorUrl: string, key: ServiceAccountKey | object, options: EmulatedGoogleOptions = {}) {
  const serviceAccount = key instanceof ServiceAccountKey ? key : ServiceAccountKey.parse(JSON.stringify(key));
  const endpoints = new GoogleEndpoints(emulatorUrl);
  const auth = new DelegatedAuth(serviceAccount, endpoints, {
    maxCachedSubjects: options.maxCachedSubjects ?? 100,
    ...(options.maxLiveClients === undefined ? {} : { maxLiveClients: options.maxLiveClients }),
  });
  const delegation = {
    clientId: options.clientId ?? serviceAccount.clientId,
    scopes: DELEGATED_SCOPES,
    marketplaceListingUrl: options.marketplaceListingUrl ?? TEST_LISTING_URL,
  };
  return {
    key: serviceAccount,
    endpoints,
    auth,
    calendar: new CalendarAdapter(auth, endpoints, delegation),
    directory: new DirectoryAdapter(auth, endpoints, delegation),
  };
}
