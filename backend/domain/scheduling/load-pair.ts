import type { DomainDeps } from '../deps.js';
import { forbidden, type UserPrincipal } from './access.js';
import type { AvailabilityMember } from './availability.js';

/** A member as scheduling reads them. */
export interface PairMember extends AvailabilityMember {
  displayName: string;
}

/** A matching the viewer belongs to, with its program's rules and both members, read in one query. */
export interface PairContext {
  matching: { id: string; status: string };
  program: { name: string; sessionDurations: number[]; bufferMinutes: number; minimumNoticeMinutes: number };
  viewerPerson: PairMember;
  matchPerson: PairMember;
  /** The organization's verified Workspace domains: Google is asked only as people in them. */
  verifiedDomains: string[];
}

interface PairRow {
  id: string;
  status: string;
  programName: string;
  sessionDurations: number[];
  bufferMinutes: number;
  minimumNoticeMinutes: number;
  mentorId: string;
  mentor: Omit<PairMember, 'calendarAccess'>;
  mentee: Omit<PairMember, 'calendarAccess'>;
  mentorAccess: string | null;
  menteeAccess: string | null;
  verifiedDomains: string[];
}

/**
 * The viewer's matching and both members in a single SQL round trip (this is the hot path of every
 * slot search and booking: Prisma's includes would take six). 403 when it is not the viewer's.
 */
export async function loadPair(
  deps: DomainDeps,
  viewer: Pick<UserPrincipal, 'organizationId' | 'personId'>,
  matchingId: string,
): Promise<PairContext> {
  const rows = await deps.prisma.$queryRaw<PairRow[]>`
    SELECT m.id, m.status::text AS status, p.name AS "programName", p."sessionDurations", p."bufferMinutes", p."minimumNoticeMinutes",
           m."mentorId",
           json_build_object('id', mt.id, 'email', mt.email, 'displayName', mt."displayName", 'timeZone', mt."timeZone", 'workingHours', mt."workingHours") AS mentor,
           json_build_object('id', me.id, 'email', me.email, 'displayName', me."displayName", 'timeZone', me."timeZone", 'workingHours', me."workingHours") AS mentee,
           ma.status::text AS "mentorAccess", mea.status::text AS "menteeAccess",
           ARRAY(SELECT d.domain FROM "WorkspaceDomain" d WHERE d."organizationId" = m."organizationId" AND d."verifiedAt" IS NOT NULL) AS "verifiedDomains"
      FROM "Matching" m
      JOIN "Program" p ON p."organizationId" = m."organizationId" AND p.id = m."programId"
      JOIN "Person" mt ON mt."organizationId" = m."organizationId" AND mt.id = m."mentorId"
      JOIN "Person" me ON me."organizationId" = m."organizationId" AND me.id = m."menteeId"
      LEFT JOIN "PersonCalendarAccess" ma ON ma."organizationId" = m."organizationId" AND ma."personId" = mt.id
      LEFT JOIN "PersonCalendarAccess" mea ON mea."organizationId" = m."organizationId" AND mea."personId" = me.id
     WHERE m.id = ${matchingId}::uuid AND m."organizationId" = ${viewer.organizationId}::uuid
       AND (m."mentorId" = ${viewer.personId}::uuid OR m."menteeId" = ${viewer.personId}::uuid)`;
  const row = rows[0];
  if (!row) throw forbidden();
  const access = (status: string | null) => (status ? { status } : null);
  const mentor: PairMember = { ...row.mentor, calendarAccess: access(row.mentorAccess) };
  const mentee: PairMember = { ...row.mentee, calendarAccess: access(row.menteeAccess) };
  const viewerIsMentor = row.mentorId === viewer.personId;
  return {
    matching: { id: row.id, status: row.status },
    program: {
      name: row.programName,
      sessionDurations: row.sessionDurations,
      bufferMinutes: row.bufferMinutes,
      minimumNoticeMinutes: row.minimumNoticeMinutes,
    },
    viewerPerson: viewerIsMentor ? mentor : mentee,
    matchPerson: viewerIsMentor ? mentee : mentor,
    verifiedDomains: row.verifiedDomains,
  };
}
