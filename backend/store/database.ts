import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import lockfile from 'proper-lockfile';
import { PrismaClient } from './generated/prisma/client.js';
import { applyMigrations, pendingMigrations, type SqlExecutor } from './migrations.js';

export type { PrismaClient } from './generated/prisma/client.js';

export interface DatabaseOptions {
  /** postgresql://… or pglite:<dir> or pglite:memory:// */
  url: string;
  connectTimeoutMs: number;
  migrateOnStart: boolean;
  migrationsDir: string;
  /** Called if another process takes over the embedded data directory's lock. */
  onLockLost?: (error: Error) => void;
}

/** An open database: the Prisma client plus what boot, readiness and shutdown need. */
export interface Database {
  readonly engine: 'pglite' | 'postgresql';
  readonly prisma: PrismaClient;
  /** Raw SQL on the same database, for migrations and infrastructure. */
  readonly sql: SqlExecutor;
  /** How the job queue reaches this same database. */
  readonly queueConnection: { backend: 'pglite'; pglite: PGlite } | { backend: 'postgres'; connectionString: string };
  /** Migrations in the migrations directory that this database has not applied. */
  pendingMigrations(): Promise<string[]>;
  close(): Promise<void>;
}

const driverOfClient = new WeakMap<PrismaClient, SqlExecutor>();

/**
 * The driver under a Prisma client (its own pool, or the same PGlite), for the few statements that run
 * a thousand times a second in a burst: Prisma compiles every query anew, raw ones too, which costs
 * about three times the driver's own work per statement (measured in backend/domain/sync/README.md).
 * Plain SQL with `$1` parameters; the rows as the driver gives them (timestamptz as Date, arrays parsed).
 */
export function directSql(prisma: PrismaClient): SqlExecutor {
  const driver = driverOfClient.get(prisma);
  if (!driver) throw new Error('This Prisma client was not opened by openDatabase: it has no driver to share.');
  return driver;
}

/** Raised when the database cannot be opened; the message says what to do. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Opens PostgreSQL or embedded PGlite, checks it answers, and applies migrations if asked to. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.url.startsWith('pglite:') ? await openPGlite(options) : await openPostgres(options);
  try {
    if (options.migrateOnStart) await applyMigrations(db.sql, options.migrationsDir);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function openPostgres(options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // The adapter mis-stores timestamptz on a non-UTC session (prisma/orm#26786): pin the session to UTC.
    options: '-c TimeZone=UTC',
    max: 10,
  });
  pool.on('error', () => undefined); // an idle client dropped by the server; the next checkout reconnects
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(
      `Cannot reach PostgreSQL at ${redactUrl(options.url)}: ${(error as Error).message || String(error)}. ` +
        'Check DATABASE_URL and that the server is running.',
      { cause: error },
    );
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql = postgresExecutor(pool);
  driverOfClient.set(prisma, sql);
  return {
    engine: 'postgresql',
    prisma,
    sql,
    queueConnection: { backend: 'postgres', connectionString: options.url },
    pendingMigrations: () => pendingMigrations(sql, options.migrationsDir),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPGlite(options: DatabaseOptions): Promise<Database> {
  const location = options.url.slice('pglite:'.length);
  const inMemory = location === '' || location.startsWith('memory://');
  let release: (() => Promise<void>) | undefined;
  if (!inMemory) release = await lockDataDirectory(location, options.onLockLost);
  let pglite: PGlite;
  try {
    pglite = inMemory ? new PGlite() : new PGlite(location);
    await pglite.waitReady;
  } catch (error) {
    await release?.();
    throw new DatabaseUnavailableError(`Cannot open the embedded database in ${location}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const sql = pgliteExecutor(pglite);
  driverOfClient.set(prisma, sql);
  return {
    engine: 'pglite',
    prisma,
    sql,
    queueConnection: { backend: 'pglite', pglite },
    pendingMigrations: () => pendingMigrations(sql, options.migrationsDir),
    close: async () => {
      await prisma.$disconnect();
      // PGlite keeps a WASM timer alive until closed.
      await pglite.close();
      await release?.();
    },
  };
}

/**
 * PGlite takes no lock of its own, and two processes on one data directory corrupt it: hold a lock
 * file beside the directory for as long as the database is open.
 */
async function lockDataDirectory(dir: string, onLockLost?: (error: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const lockPath = `${path.resolve(dir)}.lock`;
  try {
    return await lockfile.lock(dir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: 15_000,
      update: 5_000,
      onCompromised: (error) => onLockLost?.(error),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new DatabaseUnavailableError(
        `The embedded database in ${dir} is in use by another running backend (lock ${lockPath}). ` +
          'Stop that process first, or point DATA_DIR elsewhere.',
        { cause: error },
      );
    }
    throw error;
  }
}

type PGliteLike = Pick<PGlite, 'exec' | 'query'> | Transaction;

function pgliteExecutor(db: PGlite): SqlExecutor {
  const over = (target: PGliteLike): Omit<SqlExecutor, 'transaction'> => ({
    exec: async (text) => {
      await target.exec(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await target.query<T>(text, params)).rows,
  });
  return {
    ...over(db),
    transaction: (work) => db.transaction((tx) => work({ ...over(tx), transaction: () => nestedTransaction() })),
  };
}

function postgresExecutor(pool: pg.Pool): SqlExecutor {
  const over = (target: pg.Pool | pg.PoolClient): Omit<SqlExecutor, 'transaction'> => ({
    exec: async (text) => {
      await target.query(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await target.query(text, params)).rows as T[],
  });
  return {
    ...over(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ ...over(client), transaction: () => nestedTransaction() });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

function nestedTransaction(): never {
  throw new Error('Nested transactions are not supported by SqlExecutor.');
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable DATABASE_URL>';
  }
}
