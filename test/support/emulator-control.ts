/**
 * The emulator's control API (`/emulator/v1`) over HTTP, as any client of the emulator uses it: tests
 * read its request log and set its faults through it rather than through its in-memory state.
 */
import type { RequestLog } from '../../backend/emulator/request-log.js';
import type { FaultConfig } from '../../backend/emulator/faults.js';
import type { NewOAuthClient, OAuthClient } from '../../backend/emulator/auth/oauth-clients.js';
import type { RestrictableService } from '../../backend/emulator/auth/admin-policies.js';

/** A user's grant to a web client, as `GET /users/{email}/oauthGrants` lists it. */
export interface OAuthGrantView {
  clientId: string;
  scopes: string[];
  /** Live refresh tokens of the grant. */
  refreshTokens: number;
  createdAt: string;
  /** When one of its refresh tokens was last used (or issued); null without any. */
  lastUsedAt: string | null;
}

export interface AdminPolicyView {
  customerId: string;
  clientId: string;
  restrictedServices: RestrictableService[];
  /** Every domain of the customer the policy covers. */
  domains: string[];
}

export type RequestLogSnapshot = ReturnType<RequestLog['snapshot']>;

export interface EmulatorControl {
  /** Any control call: `method` `/emulator/v1{path}` with a JSON body; the JSON answer, or an error naming the status. */
  send<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** `GET /requests`: counts per method, per subject, token requests, the last 1000 calls (each logged once answered). */
  requests(): Promise<RequestLogSnapshot>;
  /** `DELETE /requests`. */
  resetRequests(): Promise<void>;
  /** `PUT /faults`: replaces the fault configuration (latency, error rules, quotas). */
  setFaults(faults: FaultConfig): Promise<void>;
  /** `DELETE /faults`. */
  clearFaults(): Promise<void>;
  /** `POST /users/{email}/suspend` or `…/unsuspend`. */
  setSuspended(email: string, suspended: boolean): Promise<void>;
  /** `DELETE /users/{email}`. */
  deleteUser(email: string): Promise<void>;
  /** `POST /oauthClients`: registers a web client, or replaces the one with that `clientId` (e.g. other redirect URIs). */
  registerOAuthClient(client: NewOAuthClient): Promise<OAuthClient>;
  /** `PATCH /oauthClients/{clientId} {rotateRefreshTokens}`: every refresh answers a new refresh token (opt-in, not Google's default). */
  setRefreshTokenRotation(clientId: string, rotate: boolean): Promise<OAuthClient>;
  /** `POST /refreshTokens/forget {token}`: Google loses its record of one refresh token (the grant and its other tokens stay). */
  forgetRefreshToken(token: string): Promise<void>;
  /** `GET /users/{email}/oauthGrants`: what the user granted each web client. */
  oauthGrants(email: string): Promise<OAuthGrantView[]>;
  /** `DELETE /users/{email}/oauthGrants/{clientId}`: the user removes the app's access in their Google Account. */
  removeAppAccess(email: string, clientId: string): Promise<void>;
  /** `PATCH /settings {refreshTokenIdleMs}`: refresh tokens unused this long stop working (emulator clock). */
  setRefreshTokenIdleMs(ms: number): Promise<void>;
  /** `PUT /adminPolicies`: the domain's Workspace does not trust the app for these restricted services. */
  setAdminPolicy(policy: { domain: string; clientId: string; restrictedServices: RestrictableService[] }): Promise<AdminPolicyView>;
  /** `DELETE /adminPolicies?domain=&clientId=`. */
  clearAdminPolicy(domain: string, clientId: string): Promise<void>;
  /** `GET /channels`: the live push channels (without their tokens) and their delivery stats. */
  channels(): Promise<
    Array<{ id: string; calendarId: string; address: string; resourceId: string; expiration: string; messageNumber: number }>
  >;
}

export function emulatorControl(emulatorUrl: string): EmulatorControl {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${emulatorUrl}/emulator/v1${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator control ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    send: call,
    requests: () => call('GET', '/requests'),
    resetRequests: () => call('DELETE', '/requests'),
    setFaults: (faults) => call('PUT', '/faults', faults),
    clearFaults: () => call('DELETE', '/faults'),
    setSuspended: (email, suspended) => call('POST', `/users/${encodeURIComponent(email)}/${suspended ? 'suspend' : 'unsuspend'}`),
    deleteUser: (email) => call('DELETE', `/users/${encodeURIComponent(email)}`),
    registerOAuthClient: (client) => call('POST', '/oauthClients', client),
    setRefreshTokenRotation: (clientId, rotate) =>
      call('PATCH', `/oauthClients/${encodeURIComponent(clientId)}`, { rotateRefreshTokens: rotate }),
    forgetRefreshToken: async (token) => {
      await call('POST', '/refreshTokens/forget', { token });
    },
    oauthGrants: async (email) =>
      (await call<{ grants: OAuthGrantView[] }>('GET', `/users/${encodeURIComponent(email)}/oauthGrants`)).grants,
    removeAppAccess: (email, clientId) => call('DELETE', `/users/${encodeURIComponent(email)}/oauthGrants/${encodeURIComponent(clientId)}`),
    setRefreshTokenIdleMs: async (ms) => {
      await call('PATCH', '/settings', { refreshTokenIdleMs: ms });
    },
    setAdminPolicy: (policy) => call('PUT', '/adminPolicies', policy),
    clearAdminPolicy: (domain, clientId) => call('DELETE', `/adminPolicies?${new URLSearchParams({ domain, clientId }).toString()}`),
    channels: async () => (await call<{ channels: Awaited<ReturnType<EmulatorControl['channels']>> }>('GET', '/channels')).channels,
  };
}
