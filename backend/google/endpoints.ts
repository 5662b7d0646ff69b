// The gaxios that google-auth-library itself loads (the CommonJS build): its types and classes match.
import type { gaxios } from 'google-auth-library';
import type { GoogleCallHooks } from './call-gate.js';

/** google-auth-library hard-codes this token URL; only a request interceptor can send it elsewhere. */
const GOOGLE_TOKEN_ORIGIN = 'https://oauth2.googleapis.com';
const GOOGLE_CERTS_URL = 'https://www.googleapis.com/oauth2/v1/certs';

/**
 * Where Google is. In production every URL is Google's own; with `baseUrl` (the emulator, in tests
 * and sandbox mode) API calls, token exchanges and ID-token certificates all go there instead.
 */
export class GoogleEndpoints {
  /**
   * Every API call to Google passes through these: the deployment's shared quota gate and the
   * metrics observer (both optional, set once at startup).
   */
  readonly calls: GoogleCallHooks;

  constructor(
    readonly baseUrl?: string,
    calls: GoogleCallHooks = {},
  ) {
    this.calls = calls;
  }

  /** Options for `google.calendar({...})` and friends: the API root, when redirected. */
  apiOptions(): { rootUrl?: string } {
    return this.baseUrl ? { rootUrl: `${this.baseUrl.replace(/\/$/, '')}/` } : {};
  }

  get certsUrl(): string {
    return this.baseUrl ? new URL('/oauth2/v1/certs', this.baseUrl).toString() : GOOGLE_CERTS_URL;
  }

  /**
   * Endpoints of a user's "Sign in with Google" for google-auth-library's OAuth2Client: the
   * authorization page, the code exchange and the ID-token certificates. Empty in production, where
   * the library's defaults are Google's own.
   */
  signInEndpoints(): {
    oauth2AuthBaseUrl?: string;
    oauth2TokenUrl?: string;
    oauth2RevokeUrl?: string;
    oauth2FederatedSignonPemCertsUrl?: string;
  } {
    const base = this.baseUrl;
    if (!base) return {};
    return {
      oauth2AuthBaseUrl: new URL('/o/oauth2/v2/auth', base).toString(),
      oauth2TokenUrl: new URL('/token', base).toString(),
      oauth2RevokeUrl: new URL('/revoke', base).toString(),
      oauth2FederatedSignonPemCertsUrl: this.certsUrl,
    };
  }

  /** Google's token revocation endpoint (`POST /revoke`, the token in the form body). */
  get revokeUrl(): string {
    return this.baseUrl ? new URL('/revoke', this.baseUrl).toString() : 'https://oauth2.googleapis.com/revoke';
  }

  /** A gaxios interceptor that rewrites the token endpoint to `baseUrl`; undefined in production. */
  tokenInterceptor(): gaxios.GaxiosInterceptor<gaxios.GaxiosOptionsPrepared> | undefined {
    const base = this.baseUrl;
    if (!base) return undefined;
    return {
      resolved: async (options) => {
        const url = new URL(options.url.toString());
        if (url.origin === GOOGLE_TOKEN_ORIGIN) options.url = new URL(url.pathname + url.search, base);
        return options;
      },
    };
  }
}
