import type { Database } from '../db/database';
import { rawRows } from '../db/dialect';
import { formatIsoLocal } from '../format/dates';
import { ALERT_LEVELS, AlertLevel, DEADLINE_CLOCKS, DeadlineClock } from '../reminders/alerts';
import { DigestStatus, ReminderRepository } from '../reminders/reminderRepository';
import type { Period } from './period';

export interface AlertFigures {
  /** Alerts raised within the period. */
  raised: number;
  /** Of those, mailed to staff (sent_at set). */
  sent: number;
  /** Of those, overtaken by a more severe level in the same pass: recorded, never mailed. */
  superseded: number;
}

/** A digest still queued after a failed attempt: what staff need to see, no recipients or bodies. */
export interface OutboxFailure {
  id: number;
  createdAt: string;
  attempts: number;
  lastAttemptAt: string | null;
  /** An error code (ECONNECTION, EAUTH…), never a server message. */
  lastErrorCode: string | null;
  nextAttemptAt: string;
  alertCount: number;
}

export interface OutboxState {
  /** Digests still queued now (pending or failed), whatever their date. */
  queued: number;
  /** Digests whose last attempt failed and that are waiting for their next attempt, newest first (at most 50). */
  failures: OutboxFailure[];
  failing: number;
}

/** Deadline reminders (issue 6): alerts by level and clock, digests by status, and the outbox now. */
export interface ReminderStatistics {
  byLevel: Array<{ level: AlertLevel } & AlertFigures>;
  byClock: Array<{ clock: DeadlineClock; level: AlertLevel } & AlertFigures>;
  /** Digests created within the period, by status. */
  digests: Record<DigestStatus, number>;
  outbox: OutboxState;
}

/** SQL aggregates on deadline_alerts and reminder_digests (migration 005). */
export class ReminderStatisticsRepository {
  private readonly reminders: ReminderRepository;

  constructor(private readonly db: Database) {
    this.reminders = new ReminderRepository(db);
  }

  async statistics(period: Period): Promise<ReminderStatistics> {
    const range = [period.startsAt.toISOString(), period.endsBefore.toISOString()];
    const alertRows = await rawRows<{ clock: DeadlineClock; level: AlertLevel; raised: number; sent: number | null; superseded: number | null }>(
      this.db,
      `select clock, level, count(*) as raised,
              sum(case when sent_at is not null then 1 else 0 end) as sent,
              sum(case when superseded then 1 else 0 end) as superseded
         from deadline_alerts where raised_at >= ? and raised_at < ? group by clock, level`,
      range,
    );
    const figures = (rows: typeof alertRows): AlertFigures => ({
      raised: rows.reduce((s, r) => s + Number(r.raised ?? 0), 0),
      sent: rows.reduce((s, r) => s + Number(r.sent ?? 0), 0),
      superseded: rows.reduce((s, r) => s + Number(r.superseded ?? 0), 0),
    });

    const digestRows = await rawRows<{ status: DigestStatus; n: number }>(
      this.db,
      `select status, count(*) as n from reminder_digests where created_at >= ? and created_at < ? group by status`,
      range,
    );
    const digests: Record<DigestStatus, number> = { pending: 0, sent: 0, failed: 0 };
    for (const row of digestRows) if (row.status in digests) digests[row.status] = Number(row.n);

    return {
      byLevel: ALERT_LEVELS.map((level) => ({ level, ...figures(alertRows.filter((r) => r.level === level)) })),
      byClock: DEADLINE_CLOCKS.flatMap((clock) =>
        ALERT_LEVELS.map((level) => ({ clock, level, ...figures(alertRows.filter((r) => r.clock === clock && r.level === level)) })),
      ),
      digests,
      outbox: await this.outbox(),
    };
  }

  /** The outbox as it is now: shown to staff, who must know when reminders are not getting out. */
  async outbox(): Promise<OutboxState> {
    const failed = await this.reminders.listDigests({ statuses: ['failed'], limit: 50 });
    const [counts] = await rawRows<{ queued: number | null; failing: number | null }>(
      this.db,
      `select sum(case when status in ('pending', 'failed') then 1 else 0 end) as queued,
              sum(case when status = 'failed' then 1 else 0 end) as failing
         from reminder_digests`,
    );
    return {
      queued: Number(counts?.queued ?? 0),
      failing: Number(counts?.failing ?? 0),
      failures: failed.map((d) => ({
        id: d.id,
        createdAt: formatIsoLocal(d.createdAt),
        attempts: d.attempts,
        lastAttemptAt: d.lastAttemptAt ? formatIsoLocal(d.lastAttemptAt) : null,
        lastErrorCode: d.lastErrorCode ?? null,
        nextAttemptAt: formatIsoLocal(d.nextAttemptAt),
        alertCount: d.alertCount,
      })),
    };
  }
}
