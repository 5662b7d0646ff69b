// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL that takes the
// existing migrations to prisma/schema.prisma. Runs offline on an in-memory PGlite shadow database.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration:new -- <snake_case_name>');
  process.exit(64);
}
const out = path.join(mkdtempSync(path.join(tmpdir(), 'migration-')), 'migration.sql');
const env = { ...process.env };
delete env.DATABASE_URL;
const diff = spawnSync(
  'prisma',
  [
    'migrate',
    'diff',
    '--from-migrations',
    'prisma/migrations',
    '--to-schema-datamodel',
    'prisma/schema.prisma',
    '--script',
    '--exit-code',
    '-o',
    out,
  ],
  { stdio: ['ignore', 'inherit', 'inherit'], env },
);
if (diff.status === 0) {
  console.log('No schema changes: nothing to write.');
} else if (diff.status === 2) {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join('prisma', 'migrations', `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(out, path.join(dir, 'migration.sql')); // copy, not rename: tmp may be another filesystem
  console.log(`Wrote ${dir}/migration.sql`);
} else {
  process.exit(diff.status ?? 1);
}
