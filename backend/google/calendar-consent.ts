// A person connecting their own Google Calendar (the per-user method): Google's OAuth 2.0 web-server
// flow with PKCE S256, offline access and incremental authorization.
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { GoogleEndpoints } from './endpoints.js';
import { GoogleApiError, type DelegationContext } from './errors.js';
import { CALENDAR_SCOPE } from './per-user-auth.js';
import type { AuthorizationRequest, OAuthWebClient } from './workspace-sign-in.js';
import { exchangeCode } from './workspace-sign-in.js';

/** What a person is asked for: who they are (to check it is them), and their calendars. */
export const CONNECT_SCOPES = ['openid', 'email', CALENDAR_SCOPE] as const;

/** A finished consent: the account, what it granted, and the refresh token (which stays in the backend). */
export interface CalendarGrant {
  /** From the verified ID token, lower case. */
  email: string;
  grantedScopes: string[];
  refreshToken: string;
}

export class CalendarConsent {
  readonly #oauth: OAuth2Client;
  readonly #context: DelegationContext;

  constructor(
    endpoints: GoogleEndpoints,
    private readonly settings: { client: OAuthWebClient; redirectUri: () => string; marketplaceListingUrl: string },
  ) {
    const { clientId, clientSecret } = settings.client;
    this.#oauth = new OAuth2Client({ clientId, clientSecret, endpoints: endpoints.signInEndpoints() });
    this.#context = { clientId, scopes: CONNECT_SCOPES, marketplaceListingUrl: settings.marketplaceListingUrl };
  }

  /**
   * Google's consent page for `loginHint`: offline access (a refresh token), earlier grants included,
   * `prompt=consent` so Google issues a refresh token even to someone who connected before.
   */
  async authorizationRequest(input: { state: string; loginHint: string }): Promise<AuthorizationRequest> {
    const { codeVerifier, codeChallenge } = await this.#oauth.generateCodeVerifierAsync();
    if (!codeChallenge) throw new Error('google-auth-library made no PKCE code challenge');
    const url = this.#oauth.generateAuthUrl({
      redirect_uri: this.settings.redirectUri(),
      scope: [...CONNECT_SCOPES],
      state: input.state,
      access_type: 'offline',
      include_granted_scopes: true,
      prompt: 'consent',
      login_hint: input.loginHint,
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
    return { url, codeVerifier };
  }

  /** Exchanges the code with the PKCE verifier; the ID token's email says who consented. */
  async complete(input: { code: string; codeVerifier: string }): Promise<CalendarGrant> {
    const { tokens, payload } = await exchangeCode(this.#oauth, this.#context, { ...input, redirectUri: this.settings.redirectUri() });
    const grantedScopes = (tokens.scope ?? '').split(/\s+/).filter(Boolean);
    if (!tokens.refresh_token) {
      throw new GoogleApiError('invalid_request', 'Google answered the code exchange without a refresh token.', {
        reason: 'no_refresh_token',
      });
    }
    return { email: payload.email, grantedScopes, refreshToken: tokens.refresh_token };
  }
}
