import { Router } from 'express';
import { AppError } from '../domain/errors.js';
import type { Database } from '../store/database.js';

/** Liveness (the process answers) and readiness (the database answers and is fully migrated). */
export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    let pending: string[];
    try {
      pending = await db.pendingMigrations();
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      throw new AppError('not_ready', 'The database does not answer.', { database: db.engine });
    }
    if (pending.length > 0) {
      throw new AppError('not_ready', 'Database migrations are not applied: run `npm run db:deploy`.', {
        database: db.engine,
        pendingMigrations: pending,
      });
    }
    res.json({ status: 'ready', database: db.engine });
  });
  return router;
}
