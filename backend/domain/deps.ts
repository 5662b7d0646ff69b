import type { PrismaClient } from '../store/database.js';
import type { ActorType, Prisma } from '../store/generated/prisma/client.js';

/** What every use case gets: the database and the time. */
export interface DomainDeps {
  prisma: PrismaClient;
  /** Now; tests pass a fixed clock. */
  clock: () => Date;
}

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/** Who performs a change, as the audit log records it. */
export interface Actor {
  type: ActorType;
  /** The admin token's id for ADMIN_TOKEN; a free label (e.g. "cli") or null for SYSTEM. */
  id: string | null;
}

/** Interactive transactions that may touch thousands of rows (bulk upserts) need more than Prisma's 5 s. */
export const LONG_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;
