import { SMTPServer } from 'smtp-server';
import { freePort } from './backend-process.js';

/** A mail the test SMTP server received, decoded. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The body of a single-part message (multipart ones: parse `raw`, e.g. with mailparser). */
  text: string;
  /** The Message-ID header, with its angle brackets. */
  messageId: string;
  /** The whole message as the server received it. */
  raw: string;
}

/** A real SMTP server on loopback, recording what it receives; it can be started late and stopped. */
export interface TestSmtpServer {
  readonly port: number;
  readonly url: string;
  readonly mails: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createSmtpServer(options: { started?: boolean } = {}): Promise<TestSmtpServer> {
  const port = await freePort();
  const mails: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  const smtp: TestSmtpServer = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    start: async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(raw), raw });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    stop: async () => {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    },
  };
  if (options.started ?? true) await smtp.start();
  return smtp;
}

/** Subject and plain-text body of a single-part message (quoted-printable, base64 or 7bit). */
function parseMessage(raw: string): { subject: string; text: string; messageId: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headerText)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  let text = body;
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    text = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  } else if (encoding === 'base64') {
    text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { subject: header('Subject'), text: text.replace(/\r\n/g, '\n').trimEnd(), messageId: header('Message-ID').trim() };
}
