/** The client recipe the backend uses (reference §A2): real googleapis / google-auth-library pointed at the emulator. */
import { google, type admin_directory_v1, type calendar_v3, type people_v1 } from 'googleapis';
import type { ServiceAccountKeyJson } from '../../../backend/emulator/index.js';

export type Jwt = InstanceType<typeof google.auth.JWT>;

const G = 'https://www.googleapis.com/auth/';
export const SCOPES = {
  calendar: `${G}calendar`,
  calendarEvents: `${G}calendar.events`,
  directoryUsers: `${G}admin.directory.user.readonly`,
  profile: `${G}userinfo.profile`,
  email: `${G}userinfo.email`,
};

/** A JWT client for one subject whose token requests go to the emulator instead of oauth2.googleapis.com. */
export function jwtFor(emulatorUrl: string, key: ServiceAccountKeyJson, subject: string | undefined, scopes: string[]): Jwt {
  const jwt = new google.auth.JWT({ email: key.client_email, key: key.private_key, keyId: key.private_key_id, scopes, subject });
  jwt.transporter.interceptors.request.add({
    resolved: async (config) => {
      const url = new URL(String(config.url));
      if (url.origin === 'https://oauth2.googleapis.com') config.url = new URL(url.pathname + url.search, emulatorUrl);
      return config;
    },
  });
  return jwt;
}

/** Retries are off by default in tests so fault assertions see the first answer; pass `retry: true` to test them. */
export const calendarFor = (emulatorUrl: string, auth: Jwt, retry = false): calendar_v3.Calendar =>
  google.calendar({ version: 'v3', auth, rootUrl: `${emulatorUrl}/`, retry });

export const directoryFor = (emulatorUrl: string, auth: Jwt): admin_directory_v1.Admin =>
  google.admin({ version: 'directory_v1', auth, rootUrl: `${emulatorUrl}/`, retry: false });

export const peopleFor = (emulatorUrl: string, auth: Jwt): people_v1.People =>
  google.people({ version: 'v1', auth, rootUrl: `${emulatorUrl}/`, retry: false });

/** The Google error a client call rejected with: status, message and reasons. */
export async function googleError(
  call: Promise<unknown>,
): Promise<{ status: number; message: string; reasons: string[]; data: unknown; headers: Record<string, string> }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status?: number; message: string; response?: { status: number; data: unknown; headers?: Headers } };
    const data = e.response?.data as { error?: { errors?: Array<{ reason: string }> } } | undefined;
    const rawHeaders = e.response?.headers;
    const headers: Record<string, string> = {};
    // gaxios hands a fetch Headers object (possibly from another realm under Jest): read it by its methods.
    rawHeaders?.forEach((value, name) => (headers[name] = value));
    return {
      status: e.status ?? e.response?.status ?? 0,
      message: e.message,
      reasons: data?.error?.errors?.map((x) => x.reason) ?? [],
      data: e.response?.data,
      headers,
    };
  }
  throw new Error('expected the call to fail');
}
