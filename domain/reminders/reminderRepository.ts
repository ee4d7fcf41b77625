import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { LocalDate } from '../calendar/businessCalendar';
import { claimAttempt, markAttemptFailed } from '../db/outbox';
import type { Database } from '../db/database';
import { explainPlan, groupConcat, rawRows } from '../db/dialect';
import type { AlertLevel, DeadlineClock, DigestEntry, EntrySource, PlannedAlert } from './alerts';

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

/** A staff digest (to the assigned officer or the team), or an escalation to the managers. */
export type DigestKind = 'digest' | 'escalation';

/** A digest a pass means to queue: its recipients and the complaints it would carry. */
export interface PlannedDigest {
  kind: DigestKind;
  recipients: string[];
  /** The assigned officer whose address this is, when routed to one. */
  officer?: string;
  entries: DigestEntry[];
}

/** An overdue clock to signal to the managers (once per complaint and clock). */
export interface PlannedEscalation {
  complaintId: number;
  reference: string;
  clock: DeadlineClock;
  dueDate: LocalDate;
  businessDaysLate: number;
}

/** A digest a pass queued, with the complaints it claimed. */
export interface QueuedDigest {
  id: number;
  kind: DigestKind;
  recipients: string[];
  entries: DigestEntry[];
}

/** One row of the reminder_digests outbox. */
export interface ReminderDigest {
  id: number;
  kind: DigestKind;
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
  /** Complaints carried by the digest (one entry each, both clocks together). */
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
  kind: DigestKind | null;
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

  /** Complaints whose `clock` runs and was due before `today`: they come back in every daily digest. */
  async overdueIds(clock: DeadlineClock, today: LocalDate): Promise<number[]> {
    const c = CLOCK_SQL[clock];
    const rows = await rawRows<{ id: number }>(this.db, `select c.id from complaints c where ${c.running} and c.${c.dueDate} < ?`, [today]);
    return rows.map((r) => Number(r.id));
  }

  /** What a digest entry needs of each complaint (both clocks and the assigned officer), by id. */
  async entrySources(ids: number[]): Promise<EntrySource[]> {
    const sources: EntrySource[] = [];
    for (let i = 0; i < ids.length; i += INSERT_BATCH) {
      const rows = (await this.db('complaints')
        .whereIn('id', ids.slice(i, i + INSERT_BATCH))
        .whereIn('status', ['received', 'contacted'])
        .select('id', 'reference', 'service', 'assigned_to', 'first_contact_due_date', 'answer_due_date', 'first_contact_at', 'answered_at')) as Array<{
        id: number;
        reference: string;
        service: string;
        assigned_to: string | null;
        first_contact_due_date: string;
        answer_due_date: string;
        first_contact_at: string | null;
        answered_at: string | null;
      }>;
      for (const r of rows) {
        sources.push({
          complaintId: Number(r.id),
          reference: r.reference,
          service: r.service,
          assignedTo: r.assigned_to ?? undefined,
          firstContactDueDate: r.first_contact_due_date,
          answerDueDate: r.answer_due_date,
          firstContactAt: r.first_contact_at ? new Date(r.first_contact_at) : undefined,
          answeredAt: r.answered_at ? new Date(r.answered_at) : undefined,
        });
      }
    }
    return sources;
  }

  /** The clocks already signalled to the managers among these complaints, as `complaintId|clock`. */
  async escalatedKeys(ids: number[]): Promise<Set<string>> {
    const keys = new Set<string>();
    for (let i = 0; i < ids.length; i += INSERT_BATCH) {
      const rows = (await this.db('deadline_escalations').whereIn('complaint_id', ids.slice(i, i + INSERT_BATCH)).select('complaint_id', 'clock')) as Array<{
        complaint_id: number;
        clock: string;
      }>;
      for (const r of rows) keys.add(`${r.complaint_id}|${r.clock}`);
    }
    return keys;
  }

  /**
   * Claims a pass's work in one transaction: creates the digest rows first (so the transaction holds
   * the write lock from its first statement), then inserts, each with ON CONFLICT DO NOTHING and in
   * key order, the new alerts (unique complaint, clock, level: each level recorded once), the digest
   * entries (unique complaint, local day, recipients: a complaint reaches the same people once a day)
   * and the escalations (unique complaint, clock). Each digest carries only the entries this pass
   * claimed; `render` builds it; a digest that claimed nothing is removed.
   *
   * On PostgreSQL a concurrent pass inserting the same keys waits for this transaction, then does
   * nothing: each complaint is mailed once per day and recipients. Every pass inserts alerts, then
   * entries, then escalations, each in key order, so two passes never wait on each other in a cycle.
   */
  async claim(
    work: { alerts: PlannedAlert[]; digests: PlannedDigest[]; escalations: PlannedEscalation[]; day: LocalDate },
    createdAt: Date,
    render: (digest: PlannedDigest, claimed: DigestEntry[]) => RenderedDigest,
  ): Promise<{ claimed: PlannedAlert[]; digests: QueuedDigest[] }> {
    return this.db.transaction(async (trx) => {
      const at = createdAt.toISOString();
      const rows: Array<{ planned: PlannedDigest; id: number; key: string }> = [];
      for (const planned of work.digests) {
        const [inserted] = (await trx('reminder_digests')
          .insert({
            kind: planned.kind,
            created_at: at,
            status: 'pending',
            attempts: 0,
            next_attempt_at: at,
            recipients: planned.recipients.join(', '),
            subject: '',
            text_body: '',
            html_body: '',
            alert_count: 0,
          })
          .returning('id')) as Array<{ id: number }>;
        rows.push({ planned, id: Number(inserted.id), key: recipientKey(planned.recipients) });
      }

      // 1. Alerts (statistics, and each level raised once).
      const claimedAlerts = new Map<PlannedAlert, number>();
      const alerts = [...work.alerts].sort(compareKeys);
      for (let i = 0; i < alerts.length; i += INSERT_BATCH) {
        const batch = alerts.slice(i, i + INSERT_BATCH);
        // Plain multi-row VALUES: much faster to prepare than knex's compound SELECT for thousands of rows.
        const won = await rawRows<{ id: number; complaint_id: number; clock: DeadlineClock; level: AlertLevel }>(
          trx,
          `insert into deadline_alerts (complaint_id, reference, clock, level, due_date, business_days_left, raised_at, digest_id, superseded)
           values ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
           on conflict (complaint_id, clock, level) do nothing
           returning id, complaint_id, clock, level`,
          batch.flatMap((a) => [a.complaintId, a.reference, a.clock, a.level, a.dueDate, a.businessDaysLeft, at, null, a.superseded]),
        );
        const ids = new Map(won.map((r) => [`${r.complaint_id}|${r.clock}|${r.level}`, Number(r.id)]));
        for (const a of batch) {
          const id = ids.get(`${a.complaintId}|${a.clock}|${a.level}`);
          if (id !== undefined) claimedAlerts.set(a, id);
        }
      }

      // 2. Digest entries, all digests together in key order.
      const entries = rows
        .filter((r) => r.planned.kind === 'digest')
        .flatMap((r) => r.planned.entries.map((entry) => ({ row: r, entry })))
        .sort((a, b) => a.entry.complaintId - b.entry.complaintId || compareText(a.row.key, b.row.key));
      const claimedEntries = new Set<DigestEntry>();
      for (let i = 0; i < entries.length; i += INSERT_BATCH) {
        const batch = entries.slice(i, i + INSERT_BATCH);
        const won = await rawRows<{ complaint_id: number; recipient_key: string }>(
          trx,
          `insert into digest_entries (digest_id, complaint_id, reference, digest_day, recipient_key, created_at)
           values ${batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
           on conflict (complaint_id, digest_day, recipient_key) do nothing
           returning complaint_id, recipient_key`,
          batch.flatMap(({ row, entry }) => [row.id, entry.complaintId, entry.reference, work.day, row.key, at]),
        );
        const keys = new Set(won.map((r) => `${r.complaint_id}|${r.recipient_key}`));
        for (const { row, entry } of batch) if (keys.has(`${entry.complaintId}|${row.key}`)) claimedEntries.add(entry);
      }

      // 3. Escalations: once per complaint and clock.
      const escalationRow = rows.find((r) => r.planned.kind === 'escalation');
      const escalated = new Set<number>();
      const escalations = [...work.escalations].sort((a, b) => a.complaintId - b.complaintId || compareText(a.clock, b.clock));
      for (let i = 0; escalationRow && i < escalations.length; i += INSERT_BATCH) {
        const batch = escalations.slice(i, i + INSERT_BATCH);
        const won = await rawRows<{ complaint_id: number }>(
          trx,
          `insert into deadline_escalations (complaint_id, reference, clock, due_date, business_days_late, escalated_at, digest_id)
           values ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
           on conflict (complaint_id, clock) do nothing
           returning complaint_id`,
          batch.flatMap((e) => [e.complaintId, e.reference, e.clock, e.dueDate, e.businessDaysLate, at, escalationRow.id]),
        );
        for (const r of won) escalated.add(Number(r.complaint_id));
      }

      const queued: QueuedDigest[] = [];
      for (const row of rows) {
        const claimed = row.planned.entries.filter((e) => (row.planned.kind === 'escalation' ? escalated.has(e.complaintId) : claimedEntries.has(e)));
        if (claimed.length === 0) {
          await trx('reminder_digests').where({ id: row.id }).delete();
          continue;
        }
        const rendered = render(row.planned, claimed);
        await trx('reminder_digests')
          .where({ id: row.id })
          .update({ subject: rendered.subject, text_body: rendered.text, html_body: rendered.html, alert_count: claimed.length });
        if (row.planned.kind === 'digest') {
          const complaintIds = new Set(claimed.map((e) => e.complaintId));
          const alertIds = [...claimedAlerts].filter(([a]) => !a.superseded && complaintIds.has(a.complaintId)).map(([, id]) => id);
          for (let i = 0; i < alertIds.length; i += INSERT_BATCH) {
            await trx('deadline_alerts')
              .whereIn('id', alertIds.slice(i, i + INSERT_BATCH))
              .update({ digest_id: row.id });
          }
        }
        queued.push({ id: row.id, kind: row.planned.kind, recipients: row.planned.recipients, entries: claimed });
      }
      // In the order of `work.alerts` (the plan's order), whatever the insertion order.
      return { claimed: work.alerts.filter((a) => claimedAlerts.has(a)), digests: queued };
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
  beginAttempt(digest: ReminderDigest, now: Date, nextAttemptAt: Date): Promise<boolean> {
    return claimAttempt(this.db, 'reminder_digests', digest, now, nextAttemptAt);
  }

  /** The digest and its alerts are sent. */
  async markSent(digestId: number, sentAt: Date): Promise<void> {
    const iso = sentAt.toISOString();
    await this.db.transaction(async (trx) => {
      await trx('reminder_digests').where({ id: digestId }).update({ status: 'sent', sent_at: iso, last_error_code: null });
      await trx('deadline_alerts').where({ digest_id: digestId }).update({ sent_at: iso });
      await trx('deadline_escalations').where({ digest_id: digestId }).update({ sent_at: iso });
    });
  }

  /** The attempt failed: the digest stays queued until its next attempt. */
  markFailed(digestId: number, errorCode: string): Promise<void> {
    return markAttemptFailed(this.db, 'reminder_digests', digestId, errorCode);
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
        'kind',
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

/** The recipients of a digest as a short key: the same addresses in any order or case give the same key. */
export function recipientKey(recipients: string[]): string {
  const normalized = recipients.map((r) => r.trim().toLowerCase()).sort();
  return createHash('sha256').update(normalized.join(',')).digest('hex');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
    kind: r.kind ?? 'digest',
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
