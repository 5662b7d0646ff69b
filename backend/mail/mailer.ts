import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

/** A mail to one recipient: plain text, a fixed Message-ID (with angle brackets), maybe an iCalendar part. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  calendar?: { method: string; content: string };
}

/** Sends mail (fills domain/outbox's NotificationMailer). `CAPTURE` keeps nothing itself: the message is already stored on its row. */
export interface Mailer {
  readonly transport: 'SMTP' | 'CAPTURE';
  /** MAIL_FROM's name and address: the From header, the invitations' ORGANIZER, the Message-IDs' domain. */
  readonly sender: { name: string; address: string };
  /** Resolves once the server accepted the message; rejects on any failure (the queue retries). */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Timeouts short enough that a dead server fails an attempt quickly, and the queue's backoff takes over. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** MAIL_FROM's name and address ("Together Calendar <calendar@together.invalid>"). */
export function senderOf(from: string): { name: string; address: string } {
  const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return named ? { name: named[1] || 'Together', address: named[2]!.trim() } : { name: 'Together', address: from.trim() };
}

/**
 * The mailer configuration asks for: nodemailer over the SMTP server at `url` (smtp:// or smtps://,
 * credentials in the URL, never logged), or, with no SMTP server (sandbox), a capture that sends nothing.
 * Each message carries its deterministic Message-ID, and an iCalendar part (nodemailer's `icalEvent`:
 * a `text/calendar; method=…` alternative beside the plain text) when it has one.
 */
export function createMailer(config: Config['mail']): Mailer {
  const sender = senderOf(config.from);
  if (config.transport === 'capture') {
    return { transport: 'CAPTURE', sender, send: async () => undefined, close: () => undefined };
  }
  const transporter = nodemailer.createTransport(config.url, { ...SMTP_TIMEOUTS, from: config.from });
  return {
    transport: 'SMTP',
    sender,
    send: async (message) => {
      await transporter.sendMail({
        from: config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        ...(message.calendar
          ? { icalEvent: { method: message.calendar.method, filename: 'invite.ics', content: message.calendar.content } }
          : {}),
      });
    },
    close: () => transporter.close(),
  };
}
