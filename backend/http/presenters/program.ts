import type { Program } from '../../store/generated/prisma/client.js';

/** A mentoring program and its scheduling rules. */
export function presentProgram(program: Program) {
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
