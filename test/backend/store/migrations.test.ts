import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from '@jest/globals';
import { applyMigrations, readMigrations } from '../../../backend/store/migrations.js';
import {
  createPostgresDatabase,
  createTestDatabase,
  MIGRATIONS_DIR,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../../support/database.js';

const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
});

async function emptyDatabase() {
  const db = await createTestDatabase({ migrate: false });
  opened.push(db);
  return db;
}

describe('migrations', () => {
  it('takes an empty database to the current schema, once', async () => {
    const db = await emptyDatabase();
    const names = (await readMigrations(MIGRATIONS_DIR)).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await db.pendingMigrations()).toEqual(names);

    expect(await applyMigrations(db.sql, MIGRATIONS_DIR)).toEqual(names);
    expect(await db.pendingMigrations()).toEqual([]);
    expect(await applyMigrations(db.sql, MIGRATIONS_DIR)).toEqual([]);

    const organization = await db.prisma.organization.create({ data: { name: 'Acme' } });
    expect(organization.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records migrations the way Prisma Migrate does', async () => {
    const db = await emptyDatabase();
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    const rows = await db.sql.query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
      'SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const files = await readMigrations(MIGRATIONS_DIR);
    expect(rows).toEqual(files.map((f) => ({ migration_name: f.name, checksum: f.checksum, applied_steps_count: 1 })));
  });

  it('refuses to continue past a migration left half-applied', async () => {
    const db = await emptyDatabase();
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    await db.sql.exec(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
    await expect(applyMigrations(db.sql, MIGRATIONS_DIR)).rejects.toThrow(/failed earlier/);
  });

  const onPostgres = TEST_DATABASE_URL ? it : it.skip;
  onPostgres(
    "agrees with Prisma's own CLI: `migrate deploy` from empty, then `migrate status`",
    async () => {
      const { url, drop } = await createPostgresDatabase();
      try {
        const prisma = (args: string[]) =>
          spawnSync('prisma', args, { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', timeout: 120_000 });
        const deploy = prisma(['migrate', 'deploy']);
        expect(deploy.stdout + deploy.stderr).toMatch(/successfully applied/);
        expect(deploy.status).toBe(0);
        const status = prisma(['migrate', 'status']);
        expect(status.stdout).toMatch(/Database schema is up to date/);
      } finally {
        await drop();
      }
    },
    180_000,
  );
});
