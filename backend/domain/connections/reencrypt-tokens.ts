import type { DomainDeps } from '../deps.js';
import type { TokenKeyring } from './token-keyring.js';

export interface ReencryptOutcome {
  /** Connections now sealed under the newest key by this pass. */
  reencrypted: number;
  /** Connections no configured key opens (left as they are, named by id). */
  unreadable: string[];
}

/**
 * Re-seals every stored refresh token (and a rotation's kept one) under the keyring's first key, in
 * batches of `batchSize` rows in id order. Idempotent and resumable: only rows not yet under the
 * newest key are read, each row is rewritten only if it is unchanged since it was read (a rotation
 * meanwhile wins), so running it again, or after a crash, finishes the job. Remove an old key from
 * TOKEN_ENCRYPTION_KEYS only once this reports nothing left under it.
 */
export async function reencryptTokens(
  deps: DomainDeps & { keyring: TokenKeyring; batchSize?: number; onBatch?: (done: number) => void },
): Promise<ReencryptOutcome> {
  const newest = deps.keyring.currentKeyId;
  const batchSize = deps.batchSize ?? 500;
  const outcome: ReencryptOutcome = { reencrypted: 0, unreadable: [] };
  let after: string | undefined;
  for (;;) {
    const rows = await deps.prisma.calendarConnection.findMany({
      where: {
        OR: [{ keyId: { not: newest } }, { previousKeyId: { not: newest } }],
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (rows.length === 0) return outcome;
    for (const row of rows) {
      try {
        const current = deps.keyring.seal(
          deps.keyring.open({ keyId: row.keyId, sealed: row.encryptedRefreshToken }, row.personId),
          row.personId,
        );
        const previous =
          row.previousEncryptedRefreshToken && row.previousKeyId
            ? deps.keyring.seal(
                deps.keyring.open({ keyId: row.previousKeyId, sealed: row.previousEncryptedRefreshToken }, row.personId),
                row.personId,
              )
            : null;
        const written = await deps.prisma.calendarConnection.updateMany({
          where: { id: row.id, keyId: row.keyId, encryptedRefreshToken: row.encryptedRefreshToken },
          data: {
            encryptedRefreshToken: Buffer.from(current.sealed),
            keyId: current.keyId,
            ...(previous ? { previousEncryptedRefreshToken: Buffer.from(previous.sealed), previousKeyId: previous.keyId } : {}),
          },
        });
        outcome.reencrypted += written.count;
      } catch {
        outcome.unreadable.push(row.id);
      }
    }
    after = rows[rows.length - 1]!.id;
    deps.onBatch?.(outcome.reencrypted);
  }
}
