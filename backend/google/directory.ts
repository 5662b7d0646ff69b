// Only the Directory API: `googleapis`' index loads every Google API (≈ 100 MB).
import { admin_directory_v1 } from 'googleapis/build/src/apis/admin/directory_v1.js';
import type { DelegatedAuth } from './delegated-auth.js';
import type { GoogleEndpoints } from './endpoints.js';
import type { Impersonation } from './impersonation.js';
import { translateGoogleError, type DelegationContext } from './errors.js';

/** What the integration test needs to know about a Workspace user. */
export interface DirectoryUser {
  primaryEmail: string;
  suspended: boolean;
}

/**
 * The Admin SDK Directory, read as an impersonated user of the domain (normally an admin: the
 * integration owner) with `admin.directory.user.readonly`. Translates data and errors only.
 */
export class DirectoryAdapter {
  constructor(
    private readonly auth: DelegatedAuth,
    private readonly endpoints: GoogleEndpoints,
    private readonly context: DelegationContext,
  ) {}

  /** The user `userKey` (email or id) as `actingAs` sees it, or null when the Directory has no such user (404). */
  async getUser(actingAs: Impersonation, userKey: string): Promise<DirectoryUser | null> {
    // No googleapis retries: callers back off, honouring Retry-After.
    const directory = new admin_directory_v1.Admin({ auth: this.auth.clientFor(actingAs), retry: false, ...this.endpoints.apiOptions() });
    let user: admin_directory_v1.Schema$User;
    try {
      user = (await directory.users.get({ userKey })).data;
    } catch (error) {
      const translated = translateGoogleError(error, this.context);
      if (translated.kind === 'not_found') return null;
      if (translated.kind === 'unauthenticated') this.auth.forget(actingAs.subject);
      throw translated;
    }
    return { primaryEmail: (user.primaryEmail ?? userKey).toLowerCase(), suspended: user.suspended === true };
  }
}
