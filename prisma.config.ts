import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGliteMigrationAdapter } from './prisma/adapters.js';

// The Prisma CLI runs offline on its WASM engine through a driver adapter:
//   DATABASE_URL=postgresql://…  → that PostgreSQL server (`npm run db:deploy` in production)
//   DATABASE_URL=pglite:<dir>    → an embedded data directory (only while the app is stopped)
//   unset                        → a throwaway in-memory PGlite (authoring and checking migrations)
const url = process.env.DATABASE_URL ?? 'pglite:memory://';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  async adapter() {
    if (/^postgres(ql)?:/.test(url)) {
      const pg = new PrismaPg({ connectionString: url, options: '-c TimeZone=UTC' });
      // adapter-pg's own shadow database is the main database; use an in-memory PGlite instead.
      return Object.assign(pg, {
        connectToShadowDb: () => new PGliteMigrationAdapter(new PGlite()).connect(),
      }) as never;
    }
    const dataDir = url.replace(/^pglite:/, '');
    if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
    return new PGliteMigrationAdapter(new PGlite(dataDir)) as never;
  },
});
