import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp, type AppDeps } from '../../backend/http/app.js';
import { createLogger, type Logger } from '../../backend/logger.js';
import type { Database } from '../../backend/store/database.js';

/** Log lines written during a test, parsed, for assertions (and to keep test output quiet). */
export interface CapturedLogs {
  readonly lines: Record<string, unknown>[];
  readonly text: () => string;
}

export function captureLogs(level = 'info'): { logger: Logger; logs: CapturedLogs } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    logs: {
      get lines() {
        return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
      },
      text: () => raw.join('\n'),
    },
  };
}

/** The real app over a test database, with logs captured. Pass overrides for other deps. */
export function createTestApp(db: Database, overrides: Partial<AppDeps> = {}): { app: Express; logs: CapturedLogs } {
  const { logger, logs } = captureLogs();
  const app = createApp({ db, logger, bodyLimit: '100kb', ...overrides });
  return { app, logs };
}

/** A status assertion that shows the body when it fails. */
export function expectStatus(response: { status: number; body: unknown }, status: number): void {
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body, null, 2)}`);
  }
}
