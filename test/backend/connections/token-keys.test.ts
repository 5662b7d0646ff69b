// Refresh tokens at rest: AES-256-GCM under TOKEN_ENCRYPTION_KEYS (the first encrypts), bound to their
// person, and `tokens:reencrypt`'s use case moving every row to the newest key, idempotent and resumable.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../backend/config.js';
import { reencryptTokens } from '../../../backend/domain/connections/reencrypt-tokens.js';
import { TokenKeyError, TokenKeyring } from '../../../backend/domain/connections/token-keyring.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/** The fixed instant these rows were connected (and the re-encryption runs at): no wall clock. */
const CONNECTED_AT = new Date(Date.UTC(2031, 2, 3, 10, 0));
const key = (id: string) => ({ id, secret: randomBytes(32) });

describe('TokenKeyring', () => {
  const old = key('2025-01');
  const next = key('2026-12');

  it('seals with the first key, opens with any configured one, and only for the same person', () => {
    const before = new TokenKeyring([old]);
    const sealed = before.seal('1//refresh-token', 'person-a');
    expect(sealed.keyId).toBe('2025-01');
    expect(Buffer.from(sealed.sealed).toString('utf8')).not.toContain('refresh-token');
    const rotated = new TokenKeyring([next, old]);
    expect(rotated.open(sealed, 'person-a')).toBe('1//refresh-token');
    expect(rotated.seal('x', 'person-a').keyId).toBe('2026-12');
    expect(() => rotated.open(sealed, 'person-b')).toThrow(TokenKeyError);
    expect(() => new TokenKeyring([next]).open(sealed, 'person-a')).toThrow('No configured TOKEN_ENCRYPTION_KEYS entry has the id 2025-01');
    const tampered = Buffer.from(sealed.sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => rotated.open({ keyId: sealed.keyId, sealed: tampered }, 'person-a')).toThrow('does not authenticate');
  });

  it('never prints or serialises its keys', () => {
    const ring = new TokenKeyring([old, next]);
    const base64 = old.secret.toString('base64');
    expect(JSON.stringify({ ring })).not.toContain(base64);
    expect(inspect(ring)).toBe('TokenKeyring(2025-01, 2026-12)');
  });
});

describe('TOKEN_ENCRYPTION_KEYS', () => {
  const b64 = randomBytes(32).toString('base64');
  it('reads id:base64 entries in order', () => {
    const config = loadConfig({ TOKEN_ENCRYPTION_KEYS: `k2:${b64}, k1:${randomBytes(32).toString('base64')}` });
    expect(config.tokenEncryptionKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config.tokenEncryptionKeys[0]!.secret.equals(Buffer.from(b64, 'base64'))).toBe(true);
  });
  it('refuses short keys, missing ids and repeated ids without echoing a key', () => {
    const short = randomBytes(16).toString('base64');
    let error: unknown;
    try {
      loadConfig({ TOKEN_ENCRYPTION_KEYS: `a:${short},${b64},a:${b64},a:${b64}` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).problems.join('\n');
    expect(text).toContain('entry 1 (a): the key must be 32 bytes in base64');
    expect(text).toContain('entry 2 must be id:base64');
    expect(text).toContain('entry 4 (a): the id is used twice');
    expect(text).not.toContain(short);
    expect(text).not.toContain(b64);
  });
  it('is empty when unset (the sandbox then makes its own)', () => {
    expect(loadConfig({}).tokenEncryptionKeys).toEqual([]);
  });
});

describe('reencryptTokens', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('moves every connection to the newest key in batches, resumably, and a second run changes nothing', async () => {
    const old = key('old');
    const next = key('new');
    const before = new TokenKeyring([old]);
    const org = await db.prisma.organization.create({ data: { name: 'Reencrypt' } });
    const tokens = new Map<string, string>();
    for (let i = 0; i < 7; i++) {
      const person = await db.prisma.person.create({
        data: { organizationId: org.id, email: `p${i}@r.test`, displayName: `P${i}`, workingHours: {} },
      });
      const token = `1//token-${i}-${randomBytes(8).toString('hex')}`;
      tokens.set(person.id, token);
      const sealed = before.seal(token, person.id);
      const previous = i === 0 ? before.seal(`${token}-replaced`, person.id) : null;
      await db.prisma.calendarConnection.create({
        data: {
          organizationId: org.id,
          personId: person.id,
          encryptedRefreshToken: Buffer.from(sealed.sealed),
          keyId: sealed.keyId,
          ...(previous ? { previousEncryptedRefreshToken: Buffer.from(previous.sealed), previousKeyId: previous.keyId } : {}),
          grantedScopes: [],
          connectedAt: CONNECTED_AT,
        },
      });
    }
    const after = new TokenKeyring([next, old]);
    const batches: number[] = [];
    const deps = { prisma: db.prisma, clock: () => CONNECTED_AT, keyring: after, batchSize: 3, onBatch: (n: number) => batches.push(n) };
    expect(await reencryptTokens(deps)).toEqual({ reencrypted: 7, unreadable: [] });
    expect(batches).toEqual([3, 6, 7]);
    const rows = await db.prisma.calendarConnection.findMany({ where: { organizationId: org.id } });
    const onlyNew = new TokenKeyring([next]);
    for (const row of rows) {
      expect(row.keyId).toBe('new');
      expect(onlyNew.open({ keyId: row.keyId, sealed: row.encryptedRefreshToken }, row.personId)).toBe(tokens.get(row.personId));
      if (row.previousKeyId) expect(row.previousKeyId).toBe('new');
    }
    expect(await reencryptTokens(deps)).toEqual({ reencrypted: 0, unreadable: [] });
  });
});
