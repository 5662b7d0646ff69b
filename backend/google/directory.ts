// Only the Directory API: `googleapis`' index loads every Google API (≈ 100 MB).
import { admin_directory_v1 } from 'googleapis/build/src/apis/admin/directory_v1.js';
import type { DelegatedAuth, TokenOptions } from './delegated-auth.js';
import type { GoogleEndpoints } from './endpoints.js';
import type { Impersonation } from './impersonation.js';
import { gatedCall } from './call-gate.js';
import { GoogleApiError, translateGoogleError, type DelegationContext } from './errors.js';

/** What the integration test needs to know about a Workspace user. */
export interface DirectoryUser {
  primaryEmail: string;
  suspended: boolean;
}

/**
 * The Admin SDK Directory, read as an impersonated user of the domain (a super administrator: Google
 * refuses others, or shows them less) with `admin.directory.user.readonly`. Translates data and errors only.
 */
export class DirectoryAdapter {
  constructor(
    private readonly auth: DelegatedAuth,
    private readonly endpoints: GoogleEndpoints,
    private readonly context: DelegationContext,
  ) {}

  /**
   * The user `userKey` (email or id) as `actingAs` sees it, or null when the Directory has no such user
   * (404). With `freshToken`, a new delegated token for `actingAs` is asked for first.
   */
  async getUser(actingAs: Impersonation, userKey: string, options: TokenOptions = {}): Promise<DirectoryUser | null> {
    const auth = options.freshToken ? this.auth.freshClientFor(actingAs) : this.auth.clientFor(actingAs);
    // No googleapis retries: callers back off, honouring Retry-After.
    const directory = new admin_directory_v1.Admin({ auth, retry: false, ...this.endpoints.apiOptions() });
    let user: admin_directory_v1.Schema$User;
    try {
      user = (
        await gatedCall(this.endpoints.calls, { method: 'directory.users.get', subject: actingAs.subject }, async () => {
          try {
            return await directory.users.get({ userKey });
          } catch (error) {
            throw translateGoogleError(error, this.context);
          }
        })
      ).data;
    } catch (error) {
      if (!(error instanceof GoogleApiError)) throw error;
      if (error.kind === 'not_found') return null;
      if (error.kind === 'unauthenticated') this.auth.forget(actingAs.subject);
      throw error;
    }
    return { primaryEmail: (user.primaryEmail ?? userKey).toLowerCase(), suspended: user.suspended === true };
  }
}
