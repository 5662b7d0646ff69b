import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The few SQL operations the migrator needs, implemented for PGlite and for node-postgres. */
export interface SqlExecutor {
  /** Runs statements without parameters (may contain several). */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` in one transaction on one connection. */
  transaction<R>(work: (tx: SqlExecutor) => Promise<R>): Promise<R>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma Migrate's own bookkeeping table, byte for byte, so `prisma migrate status/deploy` agree with us. */
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

/** The advisory lock key Prisma Migrate takes, so our migrator and `prisma migrate deploy` never race. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Reads prisma/migrations/<name>/migration.sql files in name order. */
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Names of migrations in `dir` not yet applied to the database (empty when up to date). */
export async function pendingMigrations(db: SqlExecutor, dir: string): Promise<string[]> {
  const files = await readMigrations(dir);
  const exists = await db.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!exists[0]?.present) return files.map((f) => f.name);
  const rows = await db.query<AppliedRow>(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`);
  const done = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
  return files.filter((f) => !done.has(f.name)).map((f) => f.name);
}

/**
 * Applies pending migrations, each in its own transaction under Prisma Migrate's advisory lock, and
 * records them exactly as Prisma Migrate does. Refuses to go on past a migration that an earlier run
 * left half-applied.
 */
export async function applyMigrations(db: SqlExecutor, dir: string): Promise<string[]> {
  await db.exec(MIGRATIONS_TABLE_DDL);
  const applied: string[] = [];
  for (const file of await readMigrations(dir)) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
      const rows = await tx.query<AppliedRow>(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`);
      const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
      if (failed) {
        throw new Error(`Migration ${failed.migration_name} failed earlier and was never resolved; see \`prisma migrate resolve\`.`);
      }
      if (rows.some((r) => r.migration_name === file.name && !r.rolled_back_at)) return false;
      await tx.exec(file.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, now(), 1)`,
        [randomUUID(), file.checksum, file.name],
      );
      return true;
    });
    if (didApply) applied.push(file.name);
  }
  return applied;
}
