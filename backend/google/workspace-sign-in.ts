// "Sign in with Google" for Workspace super administrators proving a domain: the authorization URL,
// the code exchange, the ID token, and Directory reads made with the administrator's own access
// token — never through the service account's delegation. Only the Directory API is loaded:
// `googleapis`' index loads every Google API (≈ 100 MB).
import { CodeChallengeMethod, OAuth2Client, gaxios, type Credentials } from 'google-auth-library';
import { admin_directory_v1 } from 'googleapis/build/src/apis/admin/directory_v1.js';
import { withBackoff, type BackoffOptions } from './backoff.js';
import { gatedCall } from './call-gate.js';
import type { GoogleEndpoints } from './endpoints.js';
import { GoogleApiError, translateGoogleError, type DelegationContext } from './errors.js';

const DIRECTORY_USERS = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
const DIRECTORY_DOMAINS = 'https://www.googleapis.com/auth/admin.directory.domain.readonly';

/** What the administrator is asked for: who they are, then read access to their users (isAdmin) and domains. */
export const ADMIN_SIGN_IN_SCOPES = ['openid', 'email', DIRECTORY_USERS, DIRECTORY_DOMAINS] as const;

/** The scopes without which the Directory checks cannot be made (a user may untick them at Google). */
export const DIRECTORY_SCOPES = [DIRECTORY_USERS, DIRECTORY_DOMAINS] as const;

/** Directory reads happen while a person waits in the browser: 3 attempts within about a second and a half. */
const DIRECTORY_BACKOFF: BackoffOptions = { attempts: 3, baseDelayMs: 200, maxDelayMs: 1_500 };

/** The backend's OAuth web client at Google (GOOGLE_OAUTH_CLIENT_ID / _SECRET). */
export interface OAuthWebClient {
  clientId: string;
  clientSecret: string;
}

export interface WorkspaceSignInSettings {
  client: OAuthWebClient;
  /**
   * Where Google sends the browser back (PUBLIC_URL + /admin/oauth/callback), registered with the
   * client. A function: the sandbox knows its own port only once it listens.
   */
  redirectUri: () => string;
  /** Named in fix messages of translated errors. */
  marketplaceListingUrl: string;
  backoff?: BackoffOptions;
}

/** An authorization request: the URL for the browser, and the PKCE code verifier, which stays on the server. */
export interface AuthorizationRequest {
  url: string;
  codeVerifier: string;
}

/** A signed-in Google account, from the verified ID token and the token response. */
export interface SignedInAccount {
  /** Lower-case. */
  email: string;
  emailVerified: boolean;
  /** The ID token's `hd`: the account's Workspace domain; absent for consumer accounts. */
  hostedDomain?: string;
  /** Google's stable id of the account. */
  subject: string;
  /** What the person granted (they may untick scopes). */
  grantedScopes: string[];
  /** The Directory as this account: its own access token, nothing impersonated. */
  directory: AdminDirectory;
}

/** A Workspace user as the Directory shows them. */
export interface WorkspaceUser {
  primaryEmail: string;
  /** A super administrator. */
  isAdmin: boolean;
  customerId?: string;
}

/** A domain of the administrator's Workspace customer (a secondary domain, or an alias of one). */
export interface CustomerDomain {
  domainName: string;
  isPrimary: boolean;
  /** Verified in Google (DNS ownership proven to Google). */
  verified: boolean;
  /** For a domain alias: the domain it is an alias of. */
  aliasOf?: string;
}

/**
 * The OAuth web-server flow for one Google client, with PKCE S256. Translates data and errors only:
 * what a signed-in account may do is the domain's decision.
 */
export class WorkspaceSignIn {
  readonly #oauth: OAuth2Client;
  readonly #context: DelegationContext;

  constructor(
    private readonly endpoints: GoogleEndpoints,
    private readonly settings: WorkspaceSignInSettings,
  ) {
    const { clientId, clientSecret } = settings.client;
    this.#oauth = new OAuth2Client({ clientId, clientSecret, endpoints: endpoints.signInEndpoints() });
    this.#context = { clientId, scopes: ADMIN_SIGN_IN_SCOPES, marketplaceListingUrl: settings.marketplaceListingUrl };
  }

  /** Google's authorization URL for a super administrator of `hostedDomain`, carrying `state`. */
  async authorizationRequest(input: { state: string; hostedDomain: string }): Promise<AuthorizationRequest> {
    const { codeVerifier, codeChallenge } = await this.#oauth.generateCodeVerifierAsync();
    if (!codeChallenge) throw new Error('google-auth-library made no PKCE code challenge');
    const url = this.#oauth.generateAuthUrl({
      redirect_uri: this.settings.redirectUri(),
      scope: [...ADMIN_SIGN_IN_SCOPES],
      state: input.state,
      hd: input.hostedDomain,
      prompt: 'select_account',
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
    return { url, codeVerifier };
  }

  /**
   * Exchanges the authorization code (once: Google burns it, so no retry) and verifies the ID token
   * against Google's certificates with our client id as the audience. Throws a GoogleApiError:
   * `unavailable` / `rate_limited` when Google could not answer, `invalid_request` when it refused.
   */
  async completeSignIn(input: { code: string; codeVerifier: string }): Promise<SignedInAccount> {
    const { tokens, payload } = await exchangeCode(this.#oauth, this.#context, { ...input, redirectUri: this.settings.redirectUri() });
    return {
      email: payload.email,
      emailVerified: payload.emailVerified,
      ...(payload.hostedDomain ? { hostedDomain: payload.hostedDomain } : {}),
      subject: payload.subject,
      grantedScopes: (tokens.scope ?? '').split(/\s+/).filter(Boolean),
      directory: new AdminDirectory(tokens.access_token!, this.endpoints, this.#context, this.settings.backoff ?? DIRECTORY_BACKOFF),
    };
  }
}

/** The verified ID token's claims the backend reads. */
export interface VerifiedIdentity {
  email: string;
  emailVerified: boolean;
  hostedDomain?: string;
  subject: string;
}

/**
 * Exchanges an authorization code (once: Google burns it, so no retry) and verifies the ID token
 * against Google's certificates with the client id as the audience. Throws a GoogleApiError:
 * `unavailable` / `rate_limited` when Google could not answer, `invalid_request` when it refused.
 */
export async function exchangeCode(
  oauth: OAuth2Client,
  context: DelegationContext,
  input: { code: string; codeVerifier: string; redirectUri: string },
): Promise<{ tokens: Credentials; payload: VerifiedIdentity }> {
  let tokens;
  try {
    ({ tokens } = await oauth.getToken({ code: input.code, codeVerifier: input.codeVerifier, redirect_uri: input.redirectUri }));
  } catch (error) {
    throw translateExchangeError(error, context, input.redirectUri);
  }
  if (!tokens.id_token || !tokens.access_token) {
    throw new GoogleApiError('invalid_request', 'Google answered the code exchange without an ID token or an access token.', {
      reason: 'incomplete_token_response',
    });
  }
  let payload;
  try {
    payload = (await oauth.verifyIdToken({ idToken: tokens.id_token, audience: context.clientId })).getPayload();
  } catch (error) {
    if (error instanceof gaxios.GaxiosError) throw translateGoogleError(error, context); // the certificates could not be fetched
    throw new GoogleApiError(
      'invalid_request',
      `Google's ID token did not verify: ${(error as Error).message}`,
      { reason: 'invalid_id_token' },
      { cause: error },
    );
  }
  if (!payload?.email || !payload.sub) {
    throw new GoogleApiError('invalid_request', 'The ID token names no email: was the email scope granted?', {
      reason: 'invalid_id_token',
    });
  }
  return {
    tokens,
    payload: {
      email: payload.email.toLowerCase(),
      emailVerified: payload.email_verified === true,
      ...(payload.hd ? { hostedDomain: payload.hd.toLowerCase() } : {}),
      subject: payload.sub,
    },
  };
}

/** The token endpoint answers `{error, error_description}`; a refusal here is about this sign-in, not the service account. */
function translateExchangeError(error: unknown, context: DelegationContext, redirectUri: string): GoogleApiError {
  const response = error instanceof gaxios.GaxiosError ? error.response : undefined;
  const body = (response?.data ?? {}) as { error?: unknown; error_description?: unknown };
  if (!response || typeof body.error !== 'string') return translateGoogleError(error, context);
  const status = response.status;
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const kind = status >= 500 ? 'unavailable' : status === 429 ? 'rate_limited' : 'invalid_request';
  return new GoogleApiError(
    kind,
    `Google refused the sign-in code: ${body.error}${description ? ` (${description})` : ''}`,
    { status, reason: body.error, fix: EXCHANGE_FIXES[body.error]?.(redirectUri) },
    { cause: error },
  );
}

/** What an operator does about a refused exchange that is our configuration's fault. */
const EXCHANGE_FIXES: Record<string, (redirectUri: string) => string> = {
  invalid_client: () => 'Check GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET against the OAuth client in the Google Cloud console.',
  unauthorized_client: () => 'Check GOOGLE_OAUTH_CLIENT_ID: the code was issued to another OAuth client.',
  redirect_uri_mismatch: (uri) => `Check PUBLIC_URL: the OAuth client must list ${uri} among its authorized redirect URIs.`,
};

/**
 * The Admin SDK Directory read with a signed-in administrator's own access token (the token stays
 * in here). Google answers 403 to anyone who is not an administrator (kind `forbidden`).
 */
export class AdminDirectory {
  readonly #directory: admin_directory_v1.Admin;

  constructor(
    accessToken: string,
    private readonly endpoints: GoogleEndpoints,
    private readonly context: DelegationContext,
    private readonly backoff: BackoffOptions,
  ) {
    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: accessToken, token_type: 'Bearer' });
    // No googleapis retries: withBackoff honours Retry-After and bounds the attempts.
    this.#directory = new admin_directory_v1.Admin({ auth, retry: false, ...endpoints.apiOptions() });
  }

  /** `users.get`: whether the user is a super administrator, and their customer. */
  async getUser(userKey: string): Promise<WorkspaceUser> {
    const user = await this.call('directory.users.get', () => this.#directory.users.get({ userKey }));
    return {
      primaryEmail: (user.data.primaryEmail ?? userKey).toLowerCase(),
      isAdmin: user.data.isAdmin === true,
      ...(user.data.customerId ? { customerId: user.data.customerId } : {}),
    };
  }

  /** `domains.list` of the administrator's own customer (`my_customer`): its domains and their aliases. */
  async listCustomerDomains(): Promise<CustomerDomain[]> {
    const response = await this.call('directory.domains.list', () => this.#directory.domains.list({ customer: 'my_customer' }));
    return (response.data.domains ?? []).flatMap((domain): CustomerDomain[] => {
      if (!domain.domainName) return [];
      const parent: CustomerDomain = {
        domainName: domain.domainName.toLowerCase(),
        isPrimary: domain.isPrimary === true,
        verified: domain.verified === true,
      };
      const aliases = (domain.domainAliases ?? []).flatMap((alias): CustomerDomain[] =>
        alias.domainAliasName
          ? [
              {
                domainName: alias.domainAliasName.toLowerCase(),
                isPrimary: false,
                verified: alias.verified === true,
                aliasOf: parent.domainName,
              },
            ]
          : [],
      );
      return [parent, ...aliases];
    });
  }

  /** One Directory call with the administrator's own token: the project's quota only (no impersonated user). */
  private async call<T>(method: string, request: () => Promise<T>): Promise<T> {
    return withBackoff(
      () =>
        gatedCall(this.endpoints.calls, { method, subject: '' }, async () => {
          try {
            return await request();
          } catch (error) {
            throw translateGoogleError(error, this.context);
          }
        }),
      this.backoff,
    );
  }
}
