import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../backend/config.js';

describe('loadConfig', () => {
  it('runs with no configuration at all: port 8080 on the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(8080);
    expect(config.database.url).toBe(`pglite:${path.resolve('data/pglite')}`);
    expect(config.database.migrateOnStart).toBe(true);
    expect(config.env).toBe('development');
  });

  it('uses PostgreSQL when DATABASE_URL is a postgres URL, migrating only when asked', () => {
    const url = 'postgresql://postgres@127.0.0.1:5432/test';
    expect(loadConfig({ DATABASE_URL: url }).database).toMatchObject({ url, migrateOnStart: false });
    expect(loadConfig({ DATABASE_URL: url, MIGRATE_ON_START: 'true' }).database.migrateOnStart).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).http.port).toBe(8080);
  });

  it('lists every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging', MIGRATE_ON_START: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'NODE_ENV', 'MIGRATE_ON_START']) expect(problems).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(5);
  });
});
