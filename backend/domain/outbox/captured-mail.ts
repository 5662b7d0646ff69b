// The mail the sandbox "sent": its outbox rows that a capture kept instead of an SMTP server, read for
// the sandbox Calendar's Mail page (backend/sandbox-calendar/README.md). Nothing here sends or changes a row.
import type { DomainDeps } from '../deps.js';
import { isUuid } from '../uuid.js';

/** One captured mail, as recorded: what the recipient would have received. */
export interface CapturedMail {
  id: string;
  subject: string;
  /** The plain-text body. */
  text: string | null;
  /** The iCalendar part, and its METHOD (`REQUEST`, `CANCEL`), when the mail carries an invitation. */
  calendar: string | null;
  calendarMethod: string | null;
  createdAt: Date;
  /** When the capture took it; null while it still waits in the outbox. */
  sentAt: Date | null;
}

/** The newest mails a page lists; a demo user gets a handful. */
export const CAPTURED_MAIL_LIMIT = 100;

const FIELDS = { id: true, subject: true, text: true, calendar: true, calendarMethod: true, createdAt: true, sentAt: true } as const;

/**
 * Captured, or not sent yet: never a mail an SMTP server delivered. The recipient is matched without
 * regard to case, as mail systems match addresses' local parts in practice and domains always.
 * Prisma's case-insensitive `equals` is PostgreSQL's ILIKE, so the address's `%` and `_` (common in
 * addresses) are escaped to stand for themselves (the tests hold both an address with `_` and one it must not match).
 */
const capturedTo = (organizationId: string, recipient: string) => ({
  organizationId,
  recipient: { equals: recipient.trim().replace(/[\\%_]/g, (c) => `\\${c}`), mode: 'insensitive' as const },
  OR: [{ transport: 'CAPTURE' as const }, { transport: null }],
});

/** The organization's captured mail to `recipient`, newest first (at most CAPTURED_MAIL_LIMIT). */
export async function listCapturedMail(
  deps: Pick<DomainDeps, 'prisma'>,
  input: { organizationId: string; recipient: string },
): Promise<CapturedMail[]> {
  return deps.prisma.notification.findMany({
    where: capturedTo(input.organizationId, input.recipient),
    select: FIELDS,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: CAPTURED_MAIL_LIMIT,
  });
}

/** One captured mail of the organization to `recipient`; null when there is none with that id, or it is someone else's. */
export async function findCapturedMail(
  deps: Pick<DomainDeps, 'prisma'>,
  input: { organizationId: string; recipient: string; id: string },
): Promise<CapturedMail | null> {
  if (!isUuid(input.id)) return null;
  return deps.prisma.notification.findFirst({
    where: { id: input.id, ...capturedTo(input.organizationId, input.recipient) },
    select: FIELDS,
  });
}
