import type { Knex } from 'knex';
import type { LocalDate } from '../calendar/businessCalendar';
import type { Database } from '../db/database';
import { explainPlan, groupConcat, rawRows } from '../db/dialect';
import type { AlertLevel, DeadlineClock, PlannedAlert } from './alerts';

/** A complaint whose clock is running and has reached an alert level not recorded yet. */
export interface AlertCandidate {
  complaintId: number;
  reference: string;
  service: string;
  clock: DeadlineClock;
  dueDate: LocalDate;
  /** Levels already recorded on this clock. */
  recorded: AlertLevel[];
}

export type DigestStatus = 'pending' | 'sent' | 'failed';

/** One row of the reminder_digests outbox. */
export interface ReminderDigest {
  id: number;
  createdAt: Date;
  status: DigestStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt?: Date;
  lastErrorCode?: string;
  sentAt?: Date;
  recipients: string[];
  subject: string;
  textBody: string;
  htmlBody: string;
  alertCount: number;
}

/** What staff tools may show about the outbox: no bodies. */
export type ReminderDigestSummary = Omit<ReminderDigest, 'textBody' | 'htmlBody'>;

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

interface DigestRow {
  id: number;
  created_at: string;
  status: DigestStatus;
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_error_code: string | null;
  sent_at: string | null;
  recipients: string;
  subject: string;
  text_body: string;
  html_body: string;
  alert_count: number;
}

interface CandidateRow {
  id: number;
  reference: string;
  service: string;
  due_date: string;
  recorded: string | null;
}

/**
 * The columns of each clock and the condition that it still runs — the same as the WHERE clause of
 * its partial index (migration 005), written as literals so SQLite can use that index. These are
 * the only values ever spliced into SQL text here.
 */
const CLOCK_SQL: Record<DeadlineClock, { running: string; dueDate: string }> = {
  firstContact: { running: `c.status = 'received' and c.first_contact_at is null`, dueDate: 'first_contact_due_date' },
  answer: { running: `c.status in ('received', 'contacted') and c.answered_at is null`, dueDate: 'answer_due_date' },
};

/** Rows per INSERT: 9 parameters each, well under SQLite's 32 766. */
const INSERT_BATCH = 500;

/** All SQL of the deadline reminders: alerts (deadline_alerts) and the digest outbox (reminder_digests). */
export class ReminderRepository {
  constructor(private readonly db: Database) {}

  /**
   * Open complaints whose `clock` runs and is due on or before `windowEnd` (the last day of the
   * « à risque » window), less those whose current level — computed from `today` — is already
   * recorded. Reads only the clock's covering partial index and the unique key of the alerts.
   */
  async candidates(clock: DeadlineClock, today: LocalDate, windowEnd: LocalDate): Promise<AlertCandidate[]> {
    const { sql, bindings } = this.candidateQuery(clock, today, windowEnd);
    const rows = await rawRows<CandidateRow>(this.db, sql, bindings);
    return rows.map((r) => ({
      complaintId: r.id,
      reference: r.reference,
      service: r.service,
      clock,
      dueDate: r.due_date,
      recorded: r.recorded ? (r.recorded.split(',') as AlertLevel[]) : [],
    }));
  }

  /** The query plan of the candidate query (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL), for the benchmark and the README. */
  async explainCandidates(clock: DeadlineClock, today: LocalDate, windowEnd: LocalDate): Promise<string[]> {
    const { sql, bindings } = this.candidateQuery(clock, today, windowEnd);
    return this.explain(sql, bindings);
  }

  async explainDueDigests(now: Date): Promise<string[]> {
    const query = this.dueDigestsQuery(now).toSQL().toNative();
    return this.explain(query.sql, query.bindings as Knex.RawBinding[]);
  }

  /**
   * Claims alerts in one transaction: creates the digest row first (so the transaction holds the
   * write lock from its first statement), inserts the alerts with ON CONFLICT DO NOTHING — the unique
   * (complaint_id, clock, level) key lets exactly one run claim each — then lets `render` build the
   * digest from what this run actually claimed. When nothing mailable was claimed (another run got
   * there first), the digest row is removed and no digest id is returned.
   *
   * On PostgreSQL a concurrent run inserting the same key waits for this transaction, then does
   * nothing: each alert is claimed by exactly one run, and so mailed once. Alerts are inserted in
   * key order, so two runs never wait on each other in a cycle (no deadlock).
   */
  async claim(
    alerts: PlannedAlert[],
    digest: { createdAt: Date; recipients: string[] },
    render: (claimed: PlannedAlert[]) => RenderedDigest,
  ): Promise<{ digestId?: number; claimed: PlannedAlert[] }> {
    return this.db.transaction(async (trx) => {
      const createdAt = digest.createdAt.toISOString();
      const [inserted] = (await trx('reminder_digests')
        .insert({
          created_at: createdAt,
          status: 'pending',
          attempts: 0,
          next_attempt_at: createdAt,
          recipients: digest.recipients.join(', '),
          subject: '',
          text_body: '',
          html_body: '',
          alert_count: 0,
        })
        .returning('id')) as Array<{ id: number }>;
      const digestId = inserted.id;
      const claimedSet = new Set<PlannedAlert>();
      const inKeyOrder = [...alerts].sort(compareKeys);
      for (let i = 0; i < inKeyOrder.length; i += INSERT_BATCH) {
        const batch = inKeyOrder.slice(i, i + INSERT_BATCH);
        // Plain multi-row VALUES: much faster to prepare than knex's compound SELECT for thousands of rows.
        const rows = await rawRows<{ complaint_id: number; clock: DeadlineClock; level: AlertLevel }>(
          trx,
          `insert into deadline_alerts (complaint_id, reference, clock, level, due_date, business_days_left, raised_at, digest_id, superseded)
           values ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
           on conflict (complaint_id, clock, level) do nothing
           returning complaint_id, clock, level`,
          batch.flatMap((a) => [
            a.complaintId,
            a.reference,
            a.clock,
            a.level,
            a.dueDate,
            a.businessDaysLeft,
            createdAt,
            a.superseded ? null : digestId,
            a.superseded,
          ]),
        );
        const won = new Set(rows.map((r) => `${r.complaint_id}|${r.clock}|${r.level}`));
        for (const a of batch) if (won.has(`${a.complaintId}|${a.clock}|${a.level}`)) claimedSet.add(a);
      }
      // In the order of `alerts` (the digest's order), whatever the insertion order.
      const claimed = alerts.filter((a) => claimedSet.has(a));
      const mailed = claimed.filter((a) => !a.superseded);
      if (mailed.length === 0) {
        await trx('reminder_digests').where({ id: digestId }).delete();
        return { claimed };
      }
      const rendered = render(mailed);
      await trx('reminder_digests')
        .where({ id: digestId })
        .update({ subject: rendered.subject, text_body: rendered.text, html_body: rendered.html, alert_count: mailed.length });
      return { digestId, claimed };
    });
  }

  /** Queued digests whose next attempt is due, oldest first. */
  async dueDigests(now: Date): Promise<ReminderDigest[]> {
    return ((await this.dueDigestsQuery(now)) as DigestRow[]).map(toDigest);
  }

  /**
   * Takes one delivery attempt of a digest: counts the attempt and moves its next attempt to
   * `nextAttemptAt`, but only if nobody did since `digest` was read (same attempt count, still
   * queued, still due). Returns false when another run took it.
   */
  async beginAttempt(digest: ReminderDigest, now: Date, nextAttemptAt: Date): Promise<boolean> {
    const changed = await this.db('reminder_digests')
      .where({ id: digest.id, attempts: digest.attempts })
      .whereIn('status', ['pending', 'failed'])
      .where('next_attempt_at', '<=', now.toISOString())
      .update({ attempts: digest.attempts + 1, next_attempt_at: nextAttemptAt.toISOString(), last_attempt_at: now.toISOString() });
    return changed === 1;
  }

  /** The digest and its alerts are sent. */
  async markSent(digestId: number, sentAt: Date): Promise<void> {
    const iso = sentAt.toISOString();
    await this.db.transaction(async (trx) => {
      await trx('reminder_digests').where({ id: digestId }).update({ status: 'sent', sent_at: iso, last_error_code: null });
      await trx('deadline_alerts').where({ digest_id: digestId }).update({ sent_at: iso });
    });
  }

  /** The attempt failed: the digest stays queued until its next attempt. */
  async markFailed(digestId: number, errorCode: string): Promise<void> {
    await this.db('reminder_digests')
      .where({ id: digestId })
      .whereNot({ status: 'sent' })
      .update({ status: 'failed', last_error_code: errorCode.slice(0, 64) });
  }

  async findDigest(id: number): Promise<ReminderDigest | undefined> {
    const row = (await this.db('reminder_digests').where({ id }).first()) as DigestRow | undefined;
    return row && toDigest(row);
  }

  /** The outbox for staff tools, newest first, without the bodies. */
  async listDigests(filter: { statuses?: DigestStatus[]; limit?: number } = {}): Promise<ReminderDigestSummary[]> {
    const query = this.db('reminder_digests')
      .select(
        'id',
        'created_at',
        'status',
        'attempts',
        'next_attempt_at',
        'last_attempt_at',
        'last_error_code',
        'sent_at',
        'recipients',
        'subject',
        'alert_count',
      )
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100);
    if (filter.statuses?.length) query.whereIn('status', filter.statuses);
    return ((await query) as DigestRow[]).map(toSummary);
  }

  /** Digests still queued (pending or failed). */
  async queuedCount(): Promise<number> {
    const [row] = (await this.db('reminder_digests').whereIn('status', ['pending', 'failed']).count({ n: '*' })) as Array<{ n: number }>;
    return Number(row.n);
  }

  private candidateQuery(clock: DeadlineClock, today: LocalDate, windowEnd: LocalDate): { sql: string; bindings: string[] } {
    const c = CLOCK_SQL[clock];
    const currentLevel = `case when c.${c.dueDate} < ? then 'overdue' when c.${c.dueDate} = ? then 'dueToday' else 'atRisk' end`;
    // The levels already recorded matter only below the current level: none below « à risque ».
    const sql = `
      select c.id, c.reference, c.service, c.${c.dueDate} as due_date,
        case when c.${c.dueDate} <= ? then (select ${groupConcat(this.db, 'r.level')} from deadline_alerts r where r.complaint_id = c.id and r.clock = ?) end as recorded
      from complaints c
      where ${c.running} and c.${c.dueDate} <= ?
        and not exists (select 1 from deadline_alerts a where a.complaint_id = c.id and a.clock = ? and a.level = ${currentLevel})`;
    return { sql, bindings: [today, clock, windowEnd, clock, today, today] };
  }

  private dueDigestsQuery(now: Date): Knex.QueryBuilder {
    return this.db('reminder_digests').whereIn('status', ['pending', 'failed']).where('next_attempt_at', '<=', now.toISOString()).orderBy('id');
  }

  private explain(sql: string, bindings: readonly Knex.RawBinding[]): Promise<string[]> {
    return explainPlan(this.db, sql, bindings);
  }
}

/** The order of the unique key (complaint_id, clock, level). */
function compareKeys(a: PlannedAlert, b: PlannedAlert): number {
  return a.complaintId - b.complaintId || (a.clock < b.clock ? -1 : a.clock > b.clock ? 1 : 0) || (a.level < b.level ? -1 : a.level > b.level ? 1 : 0);
}

function toDigest(r: DigestRow): ReminderDigest {
  return { ...toSummary(r), textBody: r.text_body, htmlBody: r.html_body };
}

function toSummary(r: DigestRow): ReminderDigestSummary {
  return {
    id: r.id,
    createdAt: new Date(r.created_at),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at),
    lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at) : undefined,
    lastErrorCode: r.last_error_code ?? undefined,
    sentAt: r.sent_at ? new Date(r.sent_at) : undefined,
    recipients: r.recipients
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    subject: r.subject,
    alertCount: r.alert_count,
  };
}
