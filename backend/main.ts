// Composition root: config → logger → database → HTTP app. The only module that wires things
// together, reads process.env (through loadConfig) and owns the process lifecycle.
import { ConfigError, loadConfig, type Config } from './config.js';
import { createApp } from './http/app.js';
import { listen } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { DatabaseUnavailableError, openDatabase, redactUrl } from './store/database.js';

/** Exit codes from sysexits.h, so supervisors can tell a bad config from a crash. */
const EXIT_CONFIG = 78;
const EXIT_UNAVAILABLE = 69;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md › Configuration.\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level });
  await run(config, logger).catch((error: unknown) => {
    if (error instanceof DatabaseUnavailableError) {
      logger.fatal(error.message);
      process.exit(EXIT_UNAVAILABLE);
    }
    logger.fatal({ err: error }, 'startup failed');
    process.exit(1);
  });
}

async function run(config: Config, logger: Logger): Promise<void> {
  const db = await openDatabase({
    ...config.database,
    onLockLost: (error) => {
      logger.fatal({ err: error }, 'lost the lock on the embedded data directory; stopping');
      process.kill(process.pid, 'SIGTERM');
    },
  });
  logger.info({ engine: db.engine, database: redactUrl(config.database.url) }, 'database open');
  const app = createApp({ db, logger, bodyLimit: config.http.bodyLimit });
  const server = await listen(app, config.http);
  logger.info({ host: config.http.host, port: server.port }, `listening on http://${config.http.host}:${server.port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    try {
      await server.close(config.http.shutdownTimeoutMs);
      await db.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
