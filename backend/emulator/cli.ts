/**
 * Standalone emulator: `npm run emulator -- --port 8085 --seed path/to/seed.json` (or EMULATOR_PORT,
 * EMULATOR_SEED; the seed defaults to the demo company). Writes each seeded service account's key file
 * to --key-dir (default data/emulator; a key already there is reused so it stays valid across restarts)
 * and prints the URL, the key file locations and the key JSON.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { demoSeed } from './seeds/demo.js';
import { readSeed, type Seed } from './seed.js';
import { startEmulator } from './index.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' }, 'key-dir': { type: 'string' } },
});
const port = Number(values.port ?? process.env.EMULATOR_PORT ?? 8085);
const seedPath = values.seed ?? process.env.EMULATOR_SEED ?? 'demo';
const keyDir = resolve(values['key-dir'] ?? join('data', 'emulator'));

function loadSeed(): Seed {
  const seed = seedPath === 'demo' ? demoSeed(Date.now()) : readSeed(JSON.parse(readFileSync(resolve(seedPath), 'utf8')));
  mkdirSync(keyDir, { recursive: true });
  // Reuse keys written by an earlier run, so a configured backend keeps working after a restart.
  for (const account of seed.serviceAccounts ?? []) {
    const file = join(keyDir, `${account.clientEmail}.json`);
    if (account.privateKey || !existsSync(file)) continue;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { private_key?: string; private_key_id?: string; client_id?: string };
    if (saved.client_id === (account.clientId ?? saved.client_id)) {
      account.privateKey = saved.private_key;
      account.privateKeyId = saved.private_key_id;
      account.clientId = saved.client_id;
    }
  }
  return seed;
}

const emulator = await startEmulator({ port, host: values.host ?? '127.0.0.1', seed: loadSeed() });
console.log(`Google emulator listening on ${emulator.url} (seed: ${seedPath})`);
for (const key of emulator.serviceAccounts) {
  const file = join(keyDir, `${key.client_email}.json`);
  writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  console.log(`Service account ${key.client_email} (client id ${key.client_id}) key file: ${file}`);
  console.log(
    `Point a backend at it: GOOGLE_API_URL=${emulator.url} GOOGLE_SERVICE_ACCOUNT_KEY_FILE=${file} ` +
      `GOOGLE_MARKETPLACE_LISTING_URL=${emulator.url}/marketplace/app/${key.client_id} ADDON_OAUTH_CLIENT_IDS=<audience of minted ID tokens> npm start`,
  );
}
for (const client of emulator.state.oauthClients.list()) {
  console.log(
    `OAuth client "${client.name}": client id ${client.clientId}, secret ${client.clientSecret}, redirect URIs ${client.redirectUris.join(' ')}; ` +
      `sign-in starts at ${emulator.url}/o/oauth2/v2/auth`,
  );
}
const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
