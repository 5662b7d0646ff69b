import { OAuth2Client } from 'google-auth-library';
import type { GoogleEndpoints } from './endpoints.js';

/** The claims of a verified Google ID token that the backend relies on. */
export interface VerifiedIdentity {
  email: string;
  emailVerified: boolean;
  /** Google Workspace domain of the account, absent for consumer accounts. */
  hostedDomain?: string;
  subject: string;
  audience: string;
}

/**
 * Verifies Google ID tokens (Apps Script's `ScriptApp.getIdentityToken()`): signature against
 * Google's certificates, issuer, expiry and audience. Throws on any failure.
 */
export class IdTokenVerifier {
  readonly #client: OAuth2Client;

  constructor(
    endpoints: GoogleEndpoints,
    private readonly audiences: readonly string[],
  ) {
    this.#client = new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: endpoints.certsUrl } });
  }

  async verify(idToken: string): Promise<VerifiedIdentity> {
    const ticket = await this.#client.verifyIdToken({ idToken, audience: [...this.audiences] });
    const payload = ticket.getPayload();
    if (!payload?.email || !payload.sub || typeof payload.aud !== 'string') throw new Error('The ID token carries no email.');
    return {
      email: payload.email.toLowerCase(),
      emailVerified: payload.email_verified === true,
      hostedDomain: payload.hd?.toLowerCase(),
      subject: payload.sub,
      audience: payload.aud,
    };
  }
}
