import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../backend/store/database.js';

export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

/** Set to a PostgreSQL URL to run the database tests against PostgreSQL instead of in-memory PGlite. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface TestDatabase extends Database {
  /** The URL the database was opened with (a fresh PostgreSQL database, or pglite:memory://). */
  readonly url: string;
}

/**
 * A fresh, fully migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL (dropped again on close).
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrateOnStart = options.migrate ?? true;
  if (!TEST_DATABASE_URL) {
    const url = 'pglite:memory://';
    const db = await openDatabase({ url, connectTimeoutMs: 5000, migrateOnStart, migrationsDir: MIGRATIONS_DIR });
    return Object.assign(db, { url });
  }
  const { url, drop } = await createPostgresDatabase();
  const db = await openDatabase({ url, connectTimeoutMs: 5000, migrateOnStart, migrationsDir: MIGRATIONS_DIR });
  const close = db.close.bind(db);
  return Object.assign(db, {
    url,
    close: async () => {
      await close();
      await drop();
    },
  });
}

/** Creates an empty database on the TEST_DATABASE_URL server; `drop` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `together_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
