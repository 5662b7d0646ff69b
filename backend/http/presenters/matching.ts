import type { Matching } from '../../store/generated/prisma/client.js';

/** A mentor–mentee pair in a program. */
export function presentMatching(matching: Matching) {
  return {
    id: matching.id,
    externalId: matching.externalId,
    programId: matching.programId,
    mentorId: matching.mentorId,
    menteeId: matching.menteeId,
    status: matching.status,
    agenda: matching.agenda,
    createdAt: matching.createdAt,
    updatedAt: matching.updatedAt,
  };
}
