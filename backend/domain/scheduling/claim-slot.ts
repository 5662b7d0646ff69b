// One session per person per slot, under any concurrency and on any number of replicas.
import type { Tx } from '../deps.js';
import { AppError } from '../errors.js';
import { blockedBy, togetherSessions } from './availability.js';
import type { SchedulingDeps } from './deps.js';
import { mergeIntervals, type Interval } from './slots.js';

/** What a booking or a move claims: a slot of two people, with the program's buffer around it. */
export interface SlotClaim {
  organizationId: string;
  personIds: readonly [string, string];
  slot: Interval;
  bufferMinutes: number;
  /** The session being moved: its own time does not block the move. */
  excludeSessionId?: string;
}

/**
 * Runs `write` (the PENDING row of a booking, the claim of a move) in one transaction with a last
 * check of both members' Together sessions, under transaction-scoped advisory locks of both members
 * taken in a fixed order. Google's free/busy is read before, outside (it is slow); what it cannot
 * show yet — a session another request wrote a moment ago — is seen here. Two requests for one
 * person wait for each other, so exactly one of two overlapping claims is written; the other is
 * `409 slot_unavailable` with the interval. PostgreSQL and PGlite alike.
 */
export async function claimSlot<T>(deps: SchedulingDeps, claim: SlotClaim, write: (tx: Tx) => Promise<T>): Promise<T> {
  return deps.prisma.$transaction(
    async (tx) => {
      for (const personId of [...new Set(claim.personIds)].sort()) {
        await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`together:person-slot:${personId}`}, 0))`;
      }
      const buffer = claim.bufferMinutes * 60_000;
      const window = { start: claim.slot.start - buffer, end: claim.slot.end + buffer };
      const sessions = await togetherSessions(
        tx,
        {
          organizationId: claim.organizationId,
          personIds: claim.personIds,
          ...(claim.excludeSessionId ? { exclude: { id: claim.excludeSessionId } } : {}),
        },
        new Date(window.start),
        new Date(window.end),
      );
      const conflict = mergeIntervals(sessions.flatMap(blockedBy)).find((busy) => busy.start < window.end && busy.end > window.start);
      if (conflict) {
        throw new AppError('slot_unavailable', 'That time is no longer free.', {
          reason: 'busy',
          conflict: { start: new Date(conflict.start).toISOString(), end: new Date(conflict.end).toISOString() },
        });
      }
      return write(tx);
    },
    // Claims queue behind each other's locks: each is a few statements, so waiting is short.
    { maxWait: 10_000, timeout: 15_000 },
  );
}
