import type { OAuth2Client } from 'google-auth-library';
import type { DelegatedAuth, TokenOptions } from './delegated-auth.js';
import type { Impersonation } from './impersonation.js';
import type { ConnectionVault, PerUserAuth } from './per-user-auth.js';

/**
 * The one way to a person's calendar: the organization's method picks the credential — the service
 * account's domain-wide JWT, or the person's own connection — so no caller knows which. The method
 * comes from the vault, found through the subject's verified domain (a verified domain belongs to
 * exactly one organization).
 */
export class GoogleCredentials {
  constructor(
    readonly delegated: DelegatedAuth,
    readonly perUser: PerUserAuth,
    private readonly vault: Pick<ConnectionVault, 'methodOf'>,
  ) {}

  async clientFor(who: Impersonation, options: TokenOptions = {}): Promise<OAuth2Client> {
    if ((await this.vault.methodOf(who)) === 'PER_USER') return this.perUser.clientFor(who, options);
    return options.freshToken ? this.delegated.freshClientFor(who) : this.delegated.clientFor(who);
  }

  /** After Google refused an access token (401): the next call starts from a new one, whichever the credential. */
  forget(subject: string): void {
    this.delegated.forget(subject);
    this.perUser.forget(subject);
  }
}
