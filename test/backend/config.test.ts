import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, type Config } from '../../backend/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyJson = JSON.stringify({
  type: 'service_account',
  project_id: 'together',
  private_key_id: 'abc123',
  private_key: privateKey,
  client_email: 'together@together.iam.gserviceaccount.com',
  client_id: '123456789012345678901',
});
const googleEnv = {
  GOOGLE_MARKETPLACE_LISTING_URL: 'https://workspace.google.com/marketplace/app/together/1',
  ADDON_OAUTH_CLIENT_IDS: 'a.apps.googleusercontent.com, b.apps.googleusercontent.com',
  SMTP_URL: 'smtp://mail.internal:587',
  GOOGLE_OAUTH_CLIENT_ID: '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com',
  GOOGLE_OAUTH_CLIENT_SECRET: 'GOCSPX-not-really-a-secret',
  PUBLIC_URL: 'https://together.example.com/',
};

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
    const withGoogle = { DATABASE_URL: url, GOOGLE_SERVICE_ACCOUNT_KEY: keyJson, ...googleEnv };
    expect(loadConfig(withGoogle).database).toMatchObject({ url, migrateOnStart: false });
    expect(loadConfig({ ...withGoogle, MIGRATE_ON_START: 'true' }).database.migrateOnStart).toBe(true);
    // The sandbox writes demo data at start, so it always brings the schema up to date.
    expect(loadConfig({ DATABASE_URL: url }).database.migrateOnStart).toBe(true);
  });

  it('accepts a webhook address over http only in the sandbox: Google delivers notifications over HTTPS only', () => {
    const withGoogle = { GOOGLE_SERVICE_ACCOUNT_KEY: keyJson, ...googleEnv };
    expect(problemsOf({ ...withGoogle, GOOGLE_WEBHOOK_URL: 'http://together.example.com/webhooks/google-calendar' }).join()).toMatch(
      /GOOGLE_WEBHOOK_URL: must be https:\/\//,
    );
    expect(loadConfig({ ...withGoogle, GOOGLE_WEBHOOK_URL: 'https://together.example.com/webhooks/google-calendar' }).sync.webhookUrl).toBe(
      'https://together.example.com/webhooks/google-calendar',
    );
    expect(loadConfig({ GOOGLE_WEBHOOK_URL: 'http://127.0.0.1:8080/webhooks/google-calendar' }).sync.webhookUrl).toBe(
      'http://127.0.0.1:8080/webhooks/google-calendar',
    );
  });

  it('reads METRICS_TOKEN for scrapers elsewhere, refusing a short or spaced one without echoing it', () => {
    expect(loadConfig({}).http.metricsToken).toBeUndefined();
    const token = 'b'.repeat(32);
    expect(loadConfig({ METRICS_TOKEN: token }).http.metricsToken).toBe(token);
    for (const bad of ['short-secret', 'a token with spaces in it']) {
      const problems = problemsOf({ METRICS_TOKEN: bad });
      expect(problems).toEqual([expect.stringMatching(/^METRICS_TOKEN: must be 16 to 512 printable characters/)]);
      expect(problems.join('\n')).not.toContain(bad);
    }
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

  it('runs in sandbox mode without Google credentials, but never in production', () => {
    expect(loadConfig({}).google.mode).toBe('sandbox');
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toMatch(
      /GOOGLE_SERVICE_ACCOUNT_KEY_FILE or GOOGLE_SERVICE_ACCOUNT_KEY: required when NODE_ENV=production/,
    );
  });

  it("gives the sandbox its emulator's and its Calendar's ports (0 picks one)", () => {
    expect(loadConfig({}).google).toMatchObject({ mode: 'sandbox', emulatorPort: 8085, calendarPort: 8087 });
    expect(loadConfig({ SANDBOX_CALENDAR_PORT: '0' }).google).toMatchObject({ calendarPort: 0 });
    expect(problemsOf({ SANDBOX_CALENDAR_PORT: '70000' }).join()).toMatch(/SANDBOX_CALENDAR_PORT/);
  });

  it('reads the service-account key from a file or from the environment', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'key-')), 'key.json');
    writeFileSync(file, keyJson);
    for (const env of [{ GOOGLE_SERVICE_ACCOUNT_KEY_FILE: file }, { GOOGLE_SERVICE_ACCOUNT_KEY: keyJson }]) {
      const google = loadConfig({ ...env, ...googleEnv, NODE_ENV: 'production' }).google as Extract<Config['google'], { mode: 'google' }>;
      expect(google.mode).toBe('google');
      expect(google.key.clientId).toBe('123456789012345678901');
    }
    expect(loadConfig({ GOOGLE_SERVICE_ACCOUNT_KEY: keyJson, ...googleEnv }).addonAudiences).toEqual([
      'a.apps.googleusercontent.com',
      'b.apps.googleusercontent.com',
    ]);
  });

  it('needs the OAuth web client and PUBLIC_URL with credentials (domain verification), over https unless on loopback', () => {
    const withKey = { GOOGLE_SERVICE_ACCOUNT_KEY: keyJson, ...googleEnv };
    const config = loadConfig(withKey);
    expect(config.http.publicUrl).toBe('https://together.example.com');
    expect((config.google as Extract<Config['google'], { mode: 'google' }>).oauthClient).toEqual({
      clientId: googleEnv.GOOGLE_OAUTH_CLIENT_ID,
      clientSecret: googleEnv.GOOGLE_OAUTH_CLIENT_SECRET,
    });
    const missing = problemsOf({ ...withKey, GOOGLE_OAUTH_CLIENT_ID: '', GOOGLE_OAUTH_CLIENT_SECRET: '', PUBLIC_URL: '' }).join('\n');
    expect(missing).toMatch(/GOOGLE_OAUTH_CLIENT_ID: required with Google credentials/);
    expect(missing).toMatch(/GOOGLE_OAUTH_CLIENT_SECRET: required with Google credentials/);
    expect(missing).toMatch(/PUBLIC_URL: required with Google credentials/);
    expect(missing).not.toContain(googleEnv.GOOGLE_OAUTH_CLIENT_SECRET);
    expect(problemsOf({ ...withKey, PUBLIC_URL: 'http://together.example.com' }).join()).toMatch(/PUBLIC_URL: must be https:\/\//);
    expect(problemsOf({ ...withKey, PUBLIC_URL: 'https://together.example.com/?x=1' }).join()).toMatch(
      /PUBLIC_URL: must be a base URL without query or fragment/,
    );
    expect(problemsOf({ ...withKey, PUBLIC_URL: 'ftp://together.example.com' }).join()).toMatch(/PUBLIC_URL/);
    expect(loadConfig({ ...withKey, PUBLIC_URL: 'http://localhost:9000' }).http.publicUrl).toBe('http://localhost:9000');
    // The sandbox uses the emulator's client and, without PUBLIC_URL, its own port.
    expect(loadConfig({}).http.publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:9000/' }).http.publicUrl).toBe('http://localhost:9000');
  });

  it('names what is wrong with a key without echoing it, together with every other problem', () => {
    const problems = problemsOf({ GOOGLE_SERVICE_ACCOUNT_KEY: '{"type":"service_account","private_key":"hunter2"}', PORT: 'x' });
    const text = problems.join('\n');
    expect(text).toMatch(/GOOGLE_SERVICE_ACCOUNT_KEY: .*client_email/);
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/GOOGLE_MARKETPLACE_LISTING_URL: required/);
    expect(text).toMatch(/ADDON_OAUTH_CLIENT_IDS: required/);
    expect(text).not.toContain('hunter2');
    expect(problemsOf({ GOOGLE_SERVICE_ACCOUNT_KEY_FILE: '/no/such/key.json', ...googleEnv }).join()).toMatch(
      /cannot read \/no\/such\/key.json \(ENOENT\)/,
    );
    expect(problemsOf({ GOOGLE_SERVICE_ACCOUNT_KEY_FILE: '/x', GOOGLE_SERVICE_ACCOUNT_KEY: keyJson, ...googleEnv }).join()).toMatch(
      /set one, not both/,
    );
  });
});
