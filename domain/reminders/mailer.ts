import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Where a reply goes, when not to the sender. */
  replyTo?: string;
  /** Stable per digest, so a retried digest keeps its Message-ID and mail clients can tell it is the same. */
  messageId: string;
}

/** Sends one e-mail; throws when the server does not accept it. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer: `smtp://host:25`, `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://host:465`. */
export class SmtpMailer implements Mailer {
  private readonly transport: nodemailer.Transporter<SMTPTransport.SentMessageInfo>;

  constructor(url: string, timeouts: { connectionMs?: number; socketMs?: number } = {}) {
    this.transport = nodemailer.createTransport(
      new SMTPTransport({
        url,
        connectionTimeout: timeouts.connectionMs ?? 15_000,
        greetingTimeout: timeouts.connectionMs ?? 15_000,
        socketTimeout: timeouts.socketMs ?? 60_000,
        logger: false,
      }),
    );
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    });
    if (info.rejected.length > 0 && info.accepted.length === 0) {
      throw Object.assign(new Error('every recipient was rejected'), { code: 'EENVELOPE' });
    }
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * What may be stored and logged about a failed send: nodemailer's error code and the SMTP reply code
 * (e.g. ECONNECTION, EAUTH, EENVELOPE:550). Never the message, which can quote addresses.
 */
export function mailErrorCode(err: unknown): string {
  // Duck-typed: errors raised by Node's own modules may come from another realm (e.g. under jest).
  if (typeof err !== 'object' || err === null) return 'UNKNOWN';
  const { code, responseCode, name } = err as { code?: unknown; responseCode?: unknown; name?: unknown };
  const fallback = typeof name === 'string' ? name.replace(/[^A-Za-z0-9_]/g, '').slice(0, 32) : '';
  const base = typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? code : fallback || 'UNKNOWN';
  return typeof responseCode === 'number' ? `${base}:${responseCode}` : base;
}
