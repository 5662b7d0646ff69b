import path from 'node:path';
import { z } from 'zod';

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
  HTTP_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb').default('1mb'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

/** The backend's whole configuration, validated once at boot and passed to whatever needs it. */
export interface Config {
  env: 'development' | 'test' | 'production';
  http: { host: string; port: number; bodyLimit: string; shutdownTimeoutMs: number };
  log: { level: string };
  database: {
    /** postgresql://… for PostgreSQL, pglite:<dir> or pglite:memory:// for the embedded engine. */
    url: string;
    connectTimeoutMs: number;
    /** Apply pending migrations at start (always for the embedded engine). */
    migrateOnStart: boolean;
    migrationsDir: string;
  };
}

/** Raised when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const url = e.DATABASE_URL ?? `pglite:${path.resolve(e.DATA_DIR, 'pglite')}`;
  const embedded = url.startsWith('pglite:');
  return {
    env: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT, bodyLimit: e.HTTP_BODY_LIMIT, shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    log: { level: e.LOG_LEVEL },
    database: {
      url,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      migrateOnStart: embedded || (e.MIGRATE_ON_START ?? false),
      migrationsDir: path.resolve(e.MIGRATIONS_DIR),
    },
  };
}

/** An empty variable (`PORT=`) means "use the default", as most deploy tools write unset values that way. */
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}
