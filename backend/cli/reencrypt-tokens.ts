// Re-encrypts every stored refresh token (the per-user method) under the newest key, the first of
// TOKEN_ENCRYPTION_KEYS. Rotate a key: put the new one first (keep the old ones after it), restart
// the backend, run this, and drop an old key only once this reports nothing unreadable.
//
//   npm run tokens:reencrypt [-- --batch-size 500]
//
// Idempotent and resumable (run it again after an interruption). Prints one JSON line of counts.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { reencryptTokens } from '../domain/connections/reencrypt-tokens.js';
import { TokenKeyring } from '../domain/connections/token-keyring.js';
import { DatabaseUnavailableError, openDatabase } from '../store/database.js';

const EXIT_USAGE = 64;
const EXIT_DATA = 65;
const EXIT_UNAVAILABLE = 69;
const EXIT_CONFIG = 78;

async function main(): Promise<number> {
  let batchSize = 500;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { 'batch-size': { type: 'string' } }, strict: true });
    if (values['batch-size'] !== undefined) batchSize = Number(values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
      throw new Error('--batch-size must be an integer from 1 to 10000');
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nUsage: npm run tokens:reencrypt [-- --batch-size <1..10000>]\n`);
    return EXIT_USAGE;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_CONFIG;
    }
    throw error;
  }
  if (config.tokenEncryptionKeys.length === 0) {
    process.stderr.write('TOKEN_ENCRYPTION_KEYS is not set: there is no key to re-encrypt under.\n');
    return EXIT_CONFIG;
  }
  let db;
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_UNAVAILABLE;
    }
    throw error;
  }
  try {
    const keyring = new TokenKeyring(config.tokenEncryptionKeys);
    const outcome = await reencryptTokens({
      prisma: db.prisma,
      clock: () => new Date(),
      keyring,
      batchSize,
      onBatch: (done) => process.stderr.write(`re-encrypted ${done} so far\n`),
    });
    process.stdout.write(
      `${JSON.stringify({ key: keyring.currentKeyId, reencrypted: outcome.reencrypted, unreadable: outcome.unreadable.length })}\n`,
    );
    if (outcome.unreadable.length > 0) {
      process.stderr.write(`No configured key opens these connections: ${outcome.unreadable.join(', ')}\n`);
      return EXIT_DATA;
    }
    return 0;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
