import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { hashToken } from '../../../backend/domain/admin/token-secret.js';
import { openDatabase, type Database } from '../../../backend/store/database.js';
import { createTestApp, expectStatus } from '../../support/app.js';
import { MIGRATIONS_DIR, TEST_DATABASE_URL, createTestDatabase } from '../../support/database.js';

/** Runs the CLI as `npm run admin:token` would (from source through tsx) against `databaseUrl`. */
function runCli(databaseUrl: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', NODE_ENV: 'test' };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, ['--import', 'tsx', 'backend/cli/admin-token.ts', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let databaseUrl: string;
let cleanUp: () => Promise<void>;
beforeAll(async () => {
  if (TEST_DATABASE_URL) {
    const db = await createTestDatabase();
    databaseUrl = db.url;
    await db.prisma.$disconnect();
    cleanUp = () => db.close();
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'admin-token-cli-'));
    databaseUrl = `pglite:${path.join(dir, 'pglite')}`;
    cleanUp = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await cleanUp();
});

/** Opens the CLI's database in this process (the CLI has exited, so PGlite's lock is free). */
async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url: databaseUrl, connectTimeoutMs: 5000, migrateOnStart: false, migrationsDir: MIGRATIONS_DIR });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

describe('npm run admin:token', () => {
  let organizationId: string;
  let firstToken: string;

  it('creates an organization with its domains and prints its first token, alone, on stdout', async () => {
    const result = await runCli(databaseUrl, ['--organization-name', 'Acme', '--domain', 'Acme.COM', '--domain', 'acme.io']);
    expect(result).toMatchObject({ code: 0 });
    firstToken = result.stdout.trim();
    expect(result.stdout).toMatch(/^tgc_[A-Za-z0-9_-]{43}\n$/);
    expect(result.stderr).toContain('Created organization "Acme"');
    expect(result.stderr).not.toContain(firstToken);

    await withDatabase(async (db) => {
      const organization = await db.prisma.organization.findFirstOrThrow({ where: { name: 'Acme' }, include: { domains: true } });
      organizationId = organization.id;
      expect(organization.domains.map((d) => d.domain).sort()).toEqual(['acme.com', 'acme.io']);
      const tokens = await db.prisma.adminApiToken.findMany({ where: { organizationId } });
      expect(tokens).toHaveLength(1);
      expect(tokens[0]?.tokenHash).toBe(hashToken(firstToken));
      expect(JSON.stringify(tokens)).not.toContain(firstToken);
      const audit = await db.prisma.auditLogEntry.findMany({ where: { organizationId }, orderBy: { action: 'asc' } });
      expect(audit.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
        ['admin_token.created', 'SYSTEM', 'cli:admin-token'],
        ['organization.created', 'SYSTEM', 'cli:admin-token'],
      ]);

      // The printed token opens the admin API of exactly that organization.
      const { app } = createTestApp(db);
      const response = await request(app).get(`/admin/v1/organizations/${organizationId}`).set('Authorization', `Bearer ${firstToken}`);
      expectStatus(response, 200);
      expect(response.body.organization).toMatchObject({ id: organizationId, name: 'Acme' });
    });
  });

  it('finds the organization by domain when run again, and issues another token', async () => {
    const result = await runCli(databaseUrl, ['--organization-name', 'Whatever', '--domain', 'acme.io', '--name', 'second']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('already owns these domains');
    await withDatabase(async (db) => {
      expect(await db.prisma.organization.count()).toBe(1);
      expect(await db.prisma.adminApiToken.count({ where: { organizationId } })).toBe(2);
    });
  });

  it('adds a named token to an existing organization by id', async () => {
    const result = await runCli(databaseUrl, ['--organization', organizationId, '--name', 'HR sync']);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    await withDatabase(async (db) => {
      const stored = await db.prisma.adminApiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
      expect(stored).toMatchObject({ organizationId, name: 'HR sync' });
    });
  });

  it.each([
    ['no arguments', [] as string[], 64],
    ['a domain that is not a DNS name', ['--organization-name', 'X', '--domain', 'not a domain'], 64],
    ['an unknown option', ['--organization-name', 'X', '--domain', 'x.com', '--admin'], 64],
    ['an unknown organization', ['--organization', '00000000-0000-4000-8000-000000000000', '--name', 'x'], 65],
  ])('fails for %s, printing no token', async (_label, args, code) => {
    const result = await runCli(databaseUrl, args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
  });
});
