/** Shared world of the Marketplace listing tests: the test company with a listing for its app, reset to the seed's install before each test. */
import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals';
import { CLIENT_ID, startTestEmulator, testSeed, type TestEmulator } from './emulator.js';
import { SCOPES } from './google-clients.js';
import { submitListing, type ListingPage } from './marketplace.js';

/** The listing's own scopes: what an install grants when the app holds none in the Workspace. */
export const LISTING_SCOPES = [SCOPES.calendar, SCOPES.directoryUsers];
export const APP = 'Together (test)';

// Live bindings: set by useMarketplaceWorld's beforeAll, read by the tests once they run.
export let emu: TestEmulator;
/** The app's listing URL (without `?domain=`). */
export let listing: string;

/** A grant as `GET /emulator/v1/grants` shows it. */
export interface GrantJson {
  clientId: string;
  domain: string;
  scopes: string[];
  reach: { kind: string; orgUnits?: string[]; groups?: string[] };
  source: string;
}

export const grants = async (): Promise<GrantJson[]> => (await emu.control<{ grants: GrantJson[] }>('GET', '/grants')).body.grants;

/** The app's grants in acme.test of one source (`marketplace` installs, `adminConsole` delegations). */
export const acmeGrants = async (source: string): Promise<GrantJson[]> =>
  (await grants()).filter((g) => g.clientId === CLIENT_ID && g.domain === 'acme.test' && g.source === source);

/** Submits the Admin install form for acme.test with these fields. */
export const install = (fields: Array<[string, string]>): Promise<ListingPage> =>
  submitListing(listing, [['domain', 'acme.test'], ['action', 'install'], ...fields]);

export function useMarketplaceWorld(): void {
  beforeAll(async () => {
    const seed = testSeed();
    seed.marketplaceApps = [{ clientId: CLIENT_ID, name: APP, scopes: LISTING_SCOPES }];
    emu = await startTestEmulator({ seed });
    listing = `${emu.url}/marketplace/app/${CLIENT_ID}`;
  });
  afterAll(async () => {
    await emu.close();
  });
  // Every test starts from the seed's acme.test grants: the Marketplace install for /Engineering and /Sales, the admins@ delegation.
  beforeEach(async () => {
    await emu.control('DELETE', `/grants?clientId=${CLIENT_ID}&domain=acme.test`);
    for (const grant of testSeed().grants!.filter((g) => g.domain === 'acme.test')) {
      expect((await emu.control('POST', '/grants', grant)).status).toBe(200);
    }
  });
}
