import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

type Adapter = Awaited<ReturnType<PrismaPGlite['connect']>>;
type RawQuery = Parameters<Adapter['executeRaw']>[0];

/**
 * The schema engine applies each migration.sql through executeRaw(sql) with no arguments. PGlite's
 * query() uses the extended protocol, which rejects multi-statement SQL, so those go through exec().
 */
function withScripts(adapter: Adapter, db: PGlite): Adapter {
  const fail = (error: unknown): never => {
    (adapter as unknown as { onError(e: unknown): void }).onError(error);
    throw error;
  };
  return Object.assign(Object.create(adapter) as Adapter, {
    async executeRaw(query: RawQuery) {
      if (query.args.length > 0) return adapter.executeRaw(query);
      try {
        return (await db.exec(query.sql)).reduce((n, r) => n + (r.affectedRows ?? 0), 0);
      } catch (error) {
        return fail(error);
      }
    },
    async executeScript(script: string) {
      try {
        await db.exec(script);
      } catch (error) {
        fail(error);
      }
    },
  });
}

/** Driver adapter for the Prisma CLI on PGlite (the app itself uses plain PrismaPGlite). */
export class PGliteMigrationAdapter {
  readonly provider = 'postgres' as const;
  readonly adapterName = 'pglite-prisma-adapter';
  constructor(private readonly db: PGlite) {}

  async connect() {
    const adapter = await new PrismaPGlite(this.db).connect();
    return Object.assign(withScripts(adapter, this.db), { dispose: () => this.db.close() });
  }

  async connectToShadowDb() {
    const shadow = new PGlite();
    const adapter = await new PrismaPGlite(shadow).connect();
    return Object.assign(withScripts(adapter, shadow), { dispose: () => shadow.close() });
  }
}
