import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
}

/** A real SMTP server (smtp-server) on a loopback port, keeping every message it accepts. */
export class SmtpTestServer {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  private boundPort = 0;

  /** Starts listening (on `port`, or on an ephemeral one the first time); returns the port. */
  async start(port = this.boundPort): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.messages.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.boundPort = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
    return this.boundPort;
  }

  /** Stops listening; the port stays reserved for the next start() (SMTP « down », then « up » again). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async ensureStarted(): Promise<void> {
    if (!this.server) await this.start();
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.boundPort}`;
  }
}

export interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  contentTypes: string[];
}

/** Just enough MIME to read what nodemailer sends: headers, encoded words, multipart/alternative, quoted-printable and base64. */
export function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitHeaders(raw);
  const parts: Array<{ type: string; content: string }> = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitHeaders(chunk.replace(/^\r?\n/, ''));
      parts.push({
        type: (part.headers['content-type'] ?? '').split(';')[0].trim(),
        content: decodeBody(part.body, part.headers['content-transfer-encoding']),
      });
    }
  } else {
    parts.push({ type: (headers['content-type'] ?? 'text/plain').split(';')[0].trim(), content: decodeBody(body, headers['content-transfer-encoding']) });
  }
  return {
    headers,
    subject: decodeWords(headers.subject ?? ''),
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
    contentTypes: parts.map((p) => p.type),
  };
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end >= 0 ? raw.slice(0, end) : raw;
  const body = end >= 0 ? raw.slice(end).replace(/^\r?\n\r?\n/, '') : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, encoding = '7bit'): string {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n').trimEnd();
  if (enc === 'quoted-printable')
    return decodeQuotedPrintable(body.replace(/=\r?\n/g, ''))
      .replace(/\r\n/g, '\n')
      .trimEnd();
  return body.replace(/\r\n/g, '\n').trimEnd();
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '=' && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

/** A test SMTP server started for the whole test file and emptied before each test. */
export function useSmtpTestServer(): SmtpTestServer {
  const smtp = new SmtpTestServer();
  beforeAll(async () => {
    await smtp.start();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
  });
  return smtp;
}
