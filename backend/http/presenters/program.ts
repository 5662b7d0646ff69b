import { z } from 'zod';
import type { Program } from '../../store/generated/prisma/client.js';
import { id, instant } from './wire.js';

/** A mentoring program and its scheduling rules. */
export const programSchema = z
  .strictObject({
    id,
    externalId: z.string().nullable(),
    name: z.string(),
    status: z.enum(['ACTIVE', 'ARCHIVED']),
    /** Session lengths offered, in minutes (a subset of 30, 45, 60). */
    sessionDurations: z.array(z.int()),
    bufferMinutes: z.int(),
    minimumNoticeMinutes: z.int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Program', description: 'A mentoring program and its scheduling rules.' });

/** A mentoring program and its scheduling rules. */
export function presentProgram(program: Program): z.output<typeof programSchema> {
  return {
    id: program.id,
    externalId: program.externalId,
    name: program.name,
    status: program.status,
    sessionDurations: program.sessionDurations,
    bufferMinutes: program.bufferMinutes,
    minimumNoticeMinutes: program.minimumNoticeMinutes,
    createdAt: program.createdAt,
    updatedAt: program.updatedAt,
  };
}
