import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

/** A plain-text mail to one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. `CAPTURE` keeps nothing itself: the message is already stored on its Notification row. */
export interface Mailer {
  readonly transport: 'SMTP' | 'CAPTURE';
  /** Resolves once the server accepted the message; rejects on any failure (the queue retries). */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Timeouts short enough that a dead server fails an attempt quickly, and the queue's backoff takes over. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/**
 * The mailer configuration asks for: nodemailer over the SMTP server at `url` (smtp:// or smtps://,
 * credentials in the URL, never logged), or, with no SMTP server (sandbox), a capture that sends nothing.
 */
export function createMailer(config: Config['mail']): Mailer {
  if (config.transport === 'capture') {
    return { transport: 'CAPTURE', send: async () => undefined, close: () => undefined };
  }
  const transporter = nodemailer.createTransport(config.url, { ...SMTP_TIMEOUTS, from: config.from });
  return {
    transport: 'SMTP',
    send: async (message) => {
      await transporter.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transporter.close(),
  };
}
