import type { Knex } from 'knex';
import { claimAttempt, markAttemptFailed } from '../db/outbox';
import type { Database } from '../db/database';
import { rawRows } from '../db/dialect';

/**
 * The e-mails a complainant receives: the acknowledgement when the complaint is filed, the answer when
 * staff send it; and `callback`, the acknowledgement of a callback request (a row with callback_id, no complaint).
 */
export const CITIZEN_MAIL_KINDS = ['acknowledgement', 'answer', 'callback'] as const;
export type CitizenMailKind = (typeof CITIZEN_MAIL_KINDS)[number];
export type CitizenMailStatus = 'pending' | 'sent' | 'failed';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface NewCitizenMail extends RenderedMail {
  complaintId: number;
  reference: string;
  kind: CitizenMailKind;
  lang: 'fr' | 'en';
  recipient: string;
}

/** One row of the citizen_mails outbox. */
export interface CitizenMail {
  id: number;
  complaintId: number;
  reference: string;
  kind: CitizenMailKind;
  lang: 'fr' | 'en';
  createdAt: Date;
  status: CitizenMailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt?: Date;
  lastErrorCode?: string;
  sentAt?: Date;
  /** Blank once sent. */
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
}

/** What staff tools may show: no address, no bodies. */
export type CitizenMailSummary = Omit<CitizenMail, 'recipient' | 'textBody' | 'htmlBody'>;

interface Row {
  id: number;
  complaint_id: number | null;
  reference: string;
  kind: CitizenMailKind;
  lang: 'fr' | 'en';
  created_at: string;
  status: CitizenMailStatus;
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_error_code: string | null;
  sent_at: string | null;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
}

/** The SQL of the citizens' outbox (migration 011). */
export class CitizenMailRepository {
  constructor(private readonly db: Database) {}

  /**
   * Queues a mail unless this complaint already has one of this kind (unique complaint, kind): a
   * repeated confirmation or a second « send » queues nothing. Returns the row's id either way.
   */
  async enqueue(mail: NewCitizenMail, now: Date, db: Knex | Knex.Transaction = this.db): Promise<{ id: number; created: boolean }> {
    const at = now.toISOString();
    const inserted = await rawRows<{ id: number }>(
      db,
      `insert into citizen_mails (complaint_id, reference, kind, lang, created_at, status, attempts, next_attempt_at, recipient, subject, text_body, html_body)
       values (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)
       on conflict (complaint_id, kind) do nothing
       returning id`,
      [mail.complaintId, mail.reference, mail.kind, mail.lang, at, at, mail.recipient, mail.subject, mail.text, mail.html],
    );
    if (inserted.length > 0) return { id: Number(inserted[0].id), created: true };
    const existing = (await db('citizen_mails').where({ complaint_id: mail.complaintId, kind: mail.kind }).first('id')) as { id: number };
    return { id: Number(existing.id), created: false };
  }

  async find(complaintId: number, kind: CitizenMailKind): Promise<CitizenMail | undefined> {
    const row = (await this.db('citizen_mails').where({ complaint_id: complaintId, kind }).first()) as Row | undefined;
    return row && toMail(row);
  }

  /** Queued mails whose next attempt is due, oldest first. */
  async due(now: Date, limit = 100): Promise<CitizenMail[]> {
    const rows = (await this.db('citizen_mails')
      .whereIn('status', ['pending', 'failed'])
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('id')
      .limit(limit)) as Row[];
    return rows.map(toMail);
  }

  /**
   * Takes one delivery attempt: counts it and moves the next attempt to `nextAttemptAt`, only if
   * nobody did since `mail` was read. Returns false when another pass or instance took it.
   */
  beginAttempt(mail: CitizenMail, now: Date, nextAttemptAt: Date): Promise<boolean> {
    return claimAttempt(this.db, 'citizen_mails', mail, now, nextAttemptAt);
  }

  /** Sent: the address and the bodies (personal information) are blanked; the subject only names the reference. */
  async markSent(id: number, sentAt: Date): Promise<void> {
    await this.db('citizen_mails').where({ id }).update({ status: 'sent', sent_at: sentAt.toISOString(), last_error_code: null, recipient: '', text_body: '', html_body: '' });
  }

  markFailed(id: number, errorCode: string): Promise<void> {
    return markAttemptFailed(this.db, 'citizen_mails', id, errorCode);
  }

  /** The outbox for staff tools, newest first: no address, no bodies. */
  async list(filter: { statuses?: CitizenMailStatus[]; reference?: string; limit?: number } = {}): Promise<CitizenMailSummary[]> {
    const query = this.db('citizen_mails')
      .select('id', 'complaint_id', 'reference', 'kind', 'lang', 'created_at', 'status', 'attempts', 'next_attempt_at', 'last_attempt_at', 'last_error_code', 'sent_at', 'subject')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100);
    if (filter.statuses?.length) query.whereIn('status', filter.statuses);
    if (filter.reference) query.where({ reference: filter.reference });
    return ((await query) as Row[]).map(toSummary);
  }

  async queuedCount(): Promise<number> {
    const [row] = (await this.db('citizen_mails').whereIn('status', ['pending', 'failed']).count({ n: '*' })) as Array<{ n: number }>;
    return Number(row.n);
  }
}

function toSummary(r: Row): CitizenMailSummary {
  return {
    id: Number(r.id),
    // 0 for a callback's acknowledgement (migration 012: callback_id instead of complaint_id).
    complaintId: r.complaint_id === null ? 0 : Number(r.complaint_id),
    reference: r.reference,
    kind: r.kind,
    lang: r.lang,
    createdAt: new Date(r.created_at),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at),
    lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at) : undefined,
    lastErrorCode: r.last_error_code ?? undefined,
    sentAt: r.sent_at ? new Date(r.sent_at) : undefined,
    subject: r.subject,
  };
}

function toMail(r: Row): CitizenMail {
  return { ...toSummary(r), recipient: r.recipient, textBody: r.text_body, htmlBody: r.html_body };
}
