import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startBackendProcess, type BackendProcess } from '../support/backend-process.js';
import { createPostgresDatabase, TEST_DATABASE_URL } from '../support/database.js';

const dataDirs: string[] = [];
const running: BackendProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'together-data-'));
  dataDirs.push(dir);
  return dir;
}

/** A well-formed service-account key of a project that does not exist. */
function serviceAccountKeyJson(): string {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return JSON.stringify({
    type: 'service_account',
    private_key_id: 'k1',
    private_key: privateKey,
    client_email: 'together@together-test.iam.gserviceaccount.com',
    client_id: '123456789012345678901',
  });
}

function start(env: Record<string, string>): BackendProcess {
  const p = startBackendProcess(env);
  running.push(p);
  return p;
}

describe('the backend process', () => {
  it('refuses to boot on invalid configuration, listing every problem', async () => {
    const p = start({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://db/x' });
    expect(await p.exited).toBe(78);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL']) expect(p.stderr()).toContain(name);
  });

  it('exits promptly with a clear message when PostgreSQL refuses connections, without printing the password', async () => {
    const began = Date.now();
    const p = start({ DATABASE_URL: 'postgresql://together:hunter2@127.0.0.1:1/together' });
    expect(await p.exited).toBe(69);
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(p.stdout()).toContain('Cannot reach PostgreSQL at postgresql://together:***@127.0.0.1:1/together');
    expect(p.stdout() + p.stderr()).not.toContain('hunter2');
  });

  it('gives up within the connect timeout when the database host never answers', async () => {
    const silent: Server = createServer(() => undefined); // accepts, then says nothing
    silent.listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const began = Date.now();
      const p = start({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/test`, DATABASE_CONNECT_TIMEOUT_MS: '1000' });
      expect(await p.exited).toBe(69);
      expect(Date.now() - began).toBeLessThan(15_000);
      expect(p.stdout()).toContain('Cannot reach PostgreSQL');
    } finally {
      silent.close();
    }
  });

  it('runs a sandbox with no configuration: the emulated Google, a demo organization and its admin token', async () => {
    const dataDir = freshDataDir();
    const p = start({ DATA_DIR: dataDir });
    const port = await p.listening;
    expect(p.stdout()).toContain('SANDBOX MODE');
    const emulatorUrl = /"emulator":"(http:[^"]+)"/.exec(p.stdout())?.[1];
    expect((await fetch(`${emulatorUrl}/oauth2/v1/certs`)).status).toBe(200);
    const token = readFileSync(path.join(dataDir, 'sandbox-admin-token'), 'utf8').trim();
    expect(statSync(path.join(dataDir, 'sandbox-admin-token')).mode & 0o077).toBe(0);
    const organizationId = /"organizationId":"([0-9a-f-]{36})"/.exec(p.stdout())?.[1];
    const people = await fetch(`http://127.0.0.1:${port}/admin/v1/organizations/${organizationId}/people?limit=200`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(people.status).toBe(200);
    const body = (await people.json()) as { people: { email: string }[] };
    const directory = (await (await fetch(`${emulatorUrl}/emulator/v1/users`)).json()) as { users: { email: string }[] };
    const demoUsers = directory.users.filter((u) => u.email.endsWith('@acme.test'));
    expect(demoUsers.length).toBeGreaterThan(25);
    expect(body.people).toHaveLength(demoUsers.length + 1); // everyone, plus a person Workspace does not know
    expect(body.people.map((x) => x.email)).toContain('former.employee@acme.test');
    // main.ts's metrics: this request under its route pattern, and the job kinds main.ts registered.
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain(
      'together_http_requests_total{method="GET",route="/admin/v1/organizations/:organizationId/people",status="200"} 1',
    );
    expect(metrics).toMatch(/^together_job_queue_waiting_jobs\{queue="[^"]+"\} \d+$/m);
    expect(p.stdout()).not.toContain('PRIVATE KEY');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 60_000);

  it('refuses sandbox mode in production', async () => {
    const p = start({ NODE_ENV: 'production', DATA_DIR: freshDataDir() });
    expect(await p.exited).toBe(78);
    expect(p.stderr()).toContain('sandbox mode is for development only');
  });

  it('serves /healthz and /readyz on the embedded database with no configuration, refuses a second instance on the same data, and stops cleanly on SIGTERM', async () => {
    const dataDir = freshDataDir();
    const first = start({ DATA_DIR: dataDir });
    const port = await first.listening;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });

    const second = start({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(69);
    expect(second.stdout()).toContain('is in use by another running backend');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('"msg":"stopped"');

    // The lock went with it, and the data survived: a new instance opens the same directory at once.
    const third = start({ DATA_DIR: dataDir });
    const thirdPort = await third.listening;
    expect((await fetch(`http://127.0.0.1:${thirdPort}/readyz`)).status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 60_000);

  const onPostgres = TEST_DATABASE_URL ? it : it.skip;
  onPostgres(
    'runs on PostgreSQL with Google credentials: not ready until migrated, ready after',
    async () => {
      const { url, drop } = await createPostgresDatabase();
      const keyFile = path.join(freshDataDir(), 'key.json');
      writeFileSync(keyFile, serviceAccountKeyJson());
      const google = {
        GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile,
        GOOGLE_API_URL: 'http://127.0.0.1:9', // never called at boot
        GOOGLE_MARKETPLACE_LISTING_URL: 'https://workspace.google.com/marketplace/app/together/1',
        ADDON_OAUTH_CLIENT_IDS: 'addon.apps.googleusercontent.com',
        SMTP_URL: 'smtp://127.0.0.1:9',
        GOOGLE_OAUTH_CLIENT_ID: 'admin.apps.googleusercontent.com',
        GOOGLE_OAUTH_CLIENT_SECRET: 'GOCSPX-test',
        PUBLIC_URL: 'https://together.example.com',
      };
      try {
        const unmigrated = start({ DATABASE_URL: url, ...google });
        const port = await unmigrated.listening;
        expect(unmigrated.stdout()).not.toContain('SANDBOX MODE');
        expect(unmigrated.stdout()).not.toContain('PRIVATE KEY');
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(response.status).toBe(503);
        unmigrated.child.kill('SIGTERM');
        expect(await unmigrated.exited).toBe(0);

        const migrating = start({ DATABASE_URL: url, MIGRATE_ON_START: 'true', ...google });
        const readyPort = await migrating.listening;
        expect(await (await fetch(`http://127.0.0.1:${readyPort}/readyz`)).json()).toEqual({ status: 'ready', database: 'postgresql' });
        migrating.child.kill('SIGTERM');
        expect(await migrating.exited).toBe(0);
      } finally {
        await drop();
      }
    },
    60_000,
  );

  onPostgres(
    'runs the sandbox on PostgreSQL, migrating it first',
    async () => {
      const { url, drop } = await createPostgresDatabase();
      try {
        const p = start({ DATABASE_URL: url, DATA_DIR: freshDataDir() });
        const port = await p.listening;
        expect(p.stdout()).toContain('SANDBOX MODE');
        expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: 'ready', database: 'postgresql' });
        p.child.kill('SIGTERM');
        expect(await p.exited).toBe(0);
      } finally {
        await drop();
      }
    },
    60_000,
  );
});
