import { z } from 'zod';
import type { Matching } from '../../store/generated/prisma/client.js';
import { id, instant } from './wire.js';

/** A mentor–mentee pair in a program. */
export const matchingSchema = z
  .strictObject({
    id,
    externalId: z.string().nullable(),
    programId: id,
    mentorId: id,
    menteeId: id,
    status: z.enum(['ACTIVE', 'PAUSED', 'ENDED']),
    agenda: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Matching', description: 'A mentor–mentee pair in a program.' });

/** A mentor–mentee pair in a program. */
export function presentMatching(matching: Matching): z.output<typeof matchingSchema> {
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
