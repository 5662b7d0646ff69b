import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ServiceAccountKey } from './google/service-account-key.js';

const databaseUrl = z
  .string()
  .regex(/^(postgres(ql)?:\/\/|pglite:)/, 'must be a postgresql:// URL (or pglite:<dir> for an embedded database)');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: databaseUrl.optional(),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  MIGRATE_ON_START: z.stringbool().optional(),
  MIGRATIONS_DIR: z.string().min(1).default('prisma/migrations'),
  HTTP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb')
    .default('10mb'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: z
    .string()
    .transform((file, ctx) => {
      let json: string;
      try {
        json = readFileSync(file, 'utf8');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
        return z.NEVER;
      }
      return parseKey(json, ctx);
    })
    .optional(),
  GOOGLE_SERVICE_ACCOUNT_KEY: z.string().transform(parseKey).optional(),
  GOOGLE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  GOOGLE_MARKETPLACE_LISTING_URL: z.url({ protocol: /^https?$/ }).optional(),
  ADDON_OAUTH_CLIENT_IDS: z.string().min(1).optional(),
  GOOGLE_CLIENT_CACHE_SIZE: z.coerce.number().int().min(1).default(10_000),
  SANDBOX_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8085),
  SANDBOX_CALENDAR_PORT: z.coerce.number().int().min(0).max(65535).default(8087),
  GOOGLE_PROJECT_QUOTA_PER_MINUTE: z.coerce.number().int().positive().default(10_000),
  GOOGLE_USER_QUOTA_PER_MINUTE: z.coerce.number().int().positive().default(600),
  INTEGRATION_TEST_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
  HEALTH_RETEST_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(360),
  HEALTH_FAILING_SHARE: z.coerce.number().min(0).max(1).default(0.2),
  GOOGLE_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  SYNC_CHANNEL_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(168),
  SYNC_CHANNEL_RENEWAL_MARGIN_HOURS: z.coerce.number().positive().default(24),
  SYNC_RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(59).default(15),
  SYNC_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(300),
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(100),
  GOOGLE_OAUTH_CLIENT_ID: z.string().trim().min(1).optional(),
  GOOGLE_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !url.includes('?') && !url.includes('#'), 'must be a base URL without query or fragment')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Together Calendar <calendar@together.invalid>'),
  TOKEN_ENCRYPTION_KEYS: z.string().transform(parseTokenKeys).optional(),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,512}$/, 'must be 16 to 512 printable characters without spaces (e.g. `openssl rand -hex 32`)')
    .optional(),
});

/** Where Google is and how the backend authenticates to it. */
export type GoogleConfig =
  | {
      mode: 'google';
      key: ServiceAccountKey;
      /** Set to send every Google call to another base URL (a standalone emulator). */
      apiUrl?: string;
      marketplaceListingUrl: string;
      /** The OAuth web client super administrators sign in with to verify domains. */
      oauthClient: { clientId: string; clientSecret: string };
      clientCacheSize: number;
    }
  | {
      /** No credentials: an in-process emulator with a demo company stands in for Google. */
      mode: 'sandbox';
      emulatorPort: number;
      /** The sandbox Calendar's port (loopback only; 0 picks one). */
      calendarPort: number;
      clientCacheSize: number;
    };

/** The backend's whole configuration, validated once at boot and passed to whatever needs it. */
export interface Config {
  env: 'development' | 'test' | 'production';
  http: {
    host: string;
    port: number;
    bodyLimit: string;
    shutdownTimeoutMs: number;
    /**
     * The backend's external base URL, without a trailing slash: Google sends super administrators
     * back to `publicUrl` + /admin/oauth/callback. Unset in the sandbox: http://localhost:<port>.
     */
    publicUrl?: string;
    /** METRICS_TOKEN: a bearer token that lets a scraper elsewhere read GET /metrics; unset, only this machine may. */
    metricsToken?: string;
  };
  log: { level: string };
  /** Local state: the embedded database, the sandbox's admin token. */
  dataDir: string;
  database: {
    /** postgresql://… for PostgreSQL, pglite:<dir> or pglite:memory:// for the embedded engine. */
    url: string;
    connectTimeoutMs: number;
    /** Apply pending migrations at start (always for the embedded engine). */
    migrateOnStart: boolean;
    migrationsDir: string;
  };
  google: GoogleConfig;
  /** Google's quotas (calls per minute) that integration tests and syncs stay under, and test concurrency. */
  quotas: { projectPerMinute: number; userPerMinute: number; integrationTestConcurrency: number };
  health: {
    /** Scheduled re-tests of an active integration run this often. */
    retestIntervalMinutes: number;
    /** An organization is failing when more than this share of its people fail (0..1). */
    failingShare: number;
  };
  /** Changes made in Google Calendar: push channels, their webhook, reconciliation. */
  sync: {
    /**
     * Our public HTTPS address for Google's notifications (…/webhooks/google-calendar). Unset with
     * real Google: no channels are opened and only the reconciliation notices changes. The sandbox
     * uses the local server's own address.
     */
    webhookUrl?: string;
    channelTtlMs: number;
    /** Channels expiring within this margin are replaced. */
    renewalMarginMs: number;
    reconcileIntervalMinutes: number;
    /** Calendar syncs run at once per process. */
    concurrency: number;
    /** A notified calendar is synced this long after the first notification of a burst. */
    debounceMs: number;
  };
  /** Owner notifications: an SMTP server, or (no SMTP_URL) a capture readable through the admin API. */
  mail: { transport: 'smtp'; url: string; from: string } | { transport: 'capture'; from: string };
  /** OAuth client ids of the Calendar add-on's Apps Script projects: the accepted ID-token audiences. */
  addonAudiences: string[];
  /**
   * Keys that encrypt people's refresh tokens (per-user method), the first one encrypting. Empty
   * when TOKEN_ENCRYPTION_KEYS is unset: the sandbox then makes and keeps its own, elsewhere the
   * per-user method is refused.
   */
  tokenEncryptionKeys: Array<{ id: string; secret: Buffer }>;
}

/** Raised when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from environment variables; every problem is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = blankToUndefined(env);
  const parsed = envSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  problems.push(...combinationProblems(raw));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const url = e.DATABASE_URL ?? `pglite:${path.resolve(e.DATA_DIR, 'pglite')}`;
  const embedded = url.startsWith('pglite:');
  const key = e.GOOGLE_SERVICE_ACCOUNT_KEY_FILE ?? e.GOOGLE_SERVICE_ACCOUNT_KEY;
  const google: GoogleConfig =
    key && e.GOOGLE_MARKETPLACE_LISTING_URL && e.GOOGLE_OAUTH_CLIENT_ID && e.GOOGLE_OAUTH_CLIENT_SECRET
      ? {
          mode: 'google',
          key,
          apiUrl: e.GOOGLE_API_URL,
          marketplaceListingUrl: e.GOOGLE_MARKETPLACE_LISTING_URL,
          oauthClient: { clientId: e.GOOGLE_OAUTH_CLIENT_ID, clientSecret: e.GOOGLE_OAUTH_CLIENT_SECRET },
          clientCacheSize: e.GOOGLE_CLIENT_CACHE_SIZE,
        }
      : {
          mode: 'sandbox',
          emulatorPort: e.SANDBOX_EMULATOR_PORT,
          calendarPort: e.SANDBOX_CALENDAR_PORT,
          clientCacheSize: e.GOOGLE_CLIENT_CACHE_SIZE,
        };
  return {
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimit: e.HTTP_BODY_LIMIT,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
      ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
    },
    log: { level: e.LOG_LEVEL },
    dataDir: path.resolve(e.DATA_DIR),
    database: {
      url,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      // The sandbox provisions demo data at start, so it needs the schema: it always migrates.
      migrateOnStart: embedded || google.mode === 'sandbox' || (e.MIGRATE_ON_START ?? false),
      migrationsDir: path.resolve(e.MIGRATIONS_DIR),
    },
    google,
    quotas: {
      projectPerMinute: e.GOOGLE_PROJECT_QUOTA_PER_MINUTE,
      userPerMinute: e.GOOGLE_USER_QUOTA_PER_MINUTE,
      integrationTestConcurrency: e.INTEGRATION_TEST_CONCURRENCY,
    },
    health: { retestIntervalMinutes: e.HEALTH_RETEST_INTERVAL_MINUTES, failingShare: e.HEALTH_FAILING_SHARE },
    sync: {
      ...(e.GOOGLE_WEBHOOK_URL ? { webhookUrl: e.GOOGLE_WEBHOOK_URL } : {}),
      channelTtlMs: e.SYNC_CHANNEL_TTL_HOURS * 3_600_000,
      renewalMarginMs: e.SYNC_CHANNEL_RENEWAL_MARGIN_HOURS * 3_600_000,
      reconcileIntervalMinutes: e.SYNC_RECONCILE_INTERVAL_MINUTES,
      concurrency: e.SYNC_CONCURRENCY,
      debounceMs: e.SYNC_DEBOUNCE_MS,
    },
    mail: e.SMTP_URL ? { transport: 'smtp', url: e.SMTP_URL, from: e.MAIL_FROM } : { transport: 'capture', from: e.MAIL_FROM },
    addonAudiences: (e.ADDON_OAUTH_CLIENT_IDS ?? SANDBOX_ADDON_CLIENT_ID)
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    tokenEncryptionKeys: e.TOKEN_ENCRYPTION_KEYS ?? [],
  };
}

/** The audience the sandbox's emulator mints add-on ID tokens for. */
export const SANDBOX_ADDON_CLIENT_ID = 'together-addon-sandbox.apps.googleusercontent.com';

/** Rules between variables, checked on the raw values so they are reported with the others. */
function combinationProblems(raw: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const keyFile = raw.GOOGLE_SERVICE_ACCOUNT_KEY_FILE;
  const keyJson = raw.GOOGLE_SERVICE_ACCOUNT_KEY;
  if (keyFile && keyJson) problems.push('GOOGLE_SERVICE_ACCOUNT_KEY_FILE, GOOGLE_SERVICE_ACCOUNT_KEY: set one, not both');
  if (!keyFile && !keyJson) {
    if (raw.NODE_ENV === 'production') {
      problems.push(
        'GOOGLE_SERVICE_ACCOUNT_KEY_FILE or GOOGLE_SERVICE_ACCOUNT_KEY: required when NODE_ENV=production (sandbox mode is for development only)',
      );
    }
    return problems;
  }
  if (!raw.GOOGLE_MARKETPLACE_LISTING_URL) {
    problems.push("GOOGLE_MARKETPLACE_LISTING_URL: required with Google credentials (the app's Marketplace listing, shown to admins)");
  }
  if (raw.GOOGLE_WEBHOOK_URL && !raw.GOOGLE_WEBHOOK_URL.startsWith('https://')) {
    problems.push('GOOGLE_WEBHOOK_URL: must be https:// with Google credentials (Google delivers notifications over HTTPS only)');
  }
  if (!raw.SMTP_URL) problems.push('SMTP_URL: required with Google credentials (owner notifications are mailed through it)');
  for (const name of ['GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET'] as const) {
    if (!raw[name]?.trim())
      problems.push(
        `${name}: required with Google credentials (the OAuth web client a Workspace super administrator signs in with to verify a domain)`,
      );
  }
  if (!raw.PUBLIC_URL) {
    problems.push(
      "PUBLIC_URL: required with Google credentials (the backend's external base URL: Google sends administrators back to PUBLIC_URL/admin/oauth/callback)",
    );
  } else if (raw.PUBLIC_URL.startsWith('http://') && !isLoopbackUrl(raw.PUBLIC_URL)) {
    problems.push('PUBLIC_URL: must be https:// with Google credentials (Google allows plain http redirects only to localhost)');
  }
  if (!raw.ADDON_OAUTH_CLIENT_IDS) {
    problems.push("ADDON_OAUTH_CLIENT_IDS: required with Google credentials (the add-on's OAuth client ids, comma-separated)");
  }
  return problems;
}

/** http://localhost, 127.0.0.1 or [::1], where Google accepts plain-http redirect URIs. */
function isLoopbackUrl(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** A service-account key given inline: parsed and checked, never echoed in a message. */
function parseKey(json: string, ctx: z.RefinementCtx): ServiceAccountKey {
  try {
    return ServiceAccountKey.parse(json);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
}

/**
 * TOKEN_ENCRYPTION_KEYS: `id:base64,…`, each key 32 random bytes (AES-256), ids unique. Messages
 * name the entry by position and id, never its key.
 */
function parseTokenKeys(value: string, ctx: z.RefinementCtx): Array<{ id: string; secret: Buffer }> {
  const keys: Array<{ id: string; secret: Buffer }> = [];
  value.split(',').forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator).trim() : '';
    const encoded = separator > 0 ? entry.slice(separator + 1).trim() : '';
    const where = `entry ${index + 1}${id ? ` (${id})` : ''}`;
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) {
      ctx.addIssue({ code: 'custom', message: `${where} must be id:base64, the id of letters, digits, '.', '_' or '-'` });
      return;
    }
    const secret = Buffer.from(encoded, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || secret.length !== 32) {
      ctx.addIssue({ code: 'custom', message: `${where}: the key must be 32 bytes in base64 (e.g. \`openssl rand -base64 32\`)` });
      return;
    }
    if (keys.some((key) => key.id === id)) {
      ctx.addIssue({ code: 'custom', message: `${where}: the id is used twice` });
      return;
    }
    keys.push({ id, secret });
  });
  return keys;
}

/** An empty variable (`PORT=`) means "use the default", as most deploy tools write unset values that way. */
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}
