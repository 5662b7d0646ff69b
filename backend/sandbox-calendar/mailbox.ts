// The port the Mail page reads through: the mail Together "sent" a demo user, which the sandbox captures
// instead of sending (there is no SMTP server). main.ts fills it from the outbox; the Calendar itself
// imports nothing of domain/ or store/ (backend/README.md's layer table).

/** One captured mail, as Together recorded it. */
export interface CapturedMail {
  id: string;
  subject: string;
  /** The plain-text body. */
  text: string | null;
  /** The iCalendar part (`text/calendar`), and its METHOD: `REQUEST` an invitation, `CANCEL` a cancellation. */
  calendar: string | null;
  calendarMethod: string | null;
  /** When Together recorded it. */
  createdAt: Date;
  /** When the capture took it; null while it still waits in the outbox. */
  sentAt: Date | null;
}

/** The demo users' mail. Addresses are matched without regard to case; a user never gets another's mail. */
export interface Mailbox {
  /** The mail to `email`, newest first. */
  mailTo(email: string): Promise<CapturedMail[]>;
  /** One mail to `email`; null when there is none with that id, or it was sent to someone else. */
  message(email: string, id: string): Promise<CapturedMail | null>;
}

/** What an iCalendar part is, by its METHOD, in words; undefined for a method the page does not know. */
export const INVITATION_WORDS: Record<string, string> = { REQUEST: 'Invitation', CANCEL: 'Cancellation' };

/** A METHOD safe to put in a Content-Type (RFC 5545 methods are IANA tokens: letters and hyphens). */
export const calendarMethodOf = (mail: CapturedMail): string | undefined => {
  const method = mail.calendarMethod?.trim().toUpperCase();
  return mail.calendar && method && /^[A-Z-]{1,32}$/.test(method) ? method : undefined;
};
