/**
 * The emulator's control API (`/emulator/v1`) over HTTP, as any client of the emulator uses it: tests
 * read its request log and set its faults through it rather than through its in-memory state.
 */
import type { RequestLog } from '../../backend/emulator/request-log.js';
import type { FaultConfig } from '../../backend/emulator/faults.js';

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
    channels: async () => (await call<{ channels: Awaited<ReturnType<EmulatorControl['channels']>> }>('GET', '/channels')).channels,
  };
}
