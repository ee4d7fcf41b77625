import type { Database } from '../db/database';
import { rawRows } from '../db/dialect';
import type { Period } from './period';

export type ClockName = 'firstContact' | 'answer';

/** The columns of each service-standard clock (fixed names: never built from input). */
const CLOCK_COLUMNS: Record<ClockName, { at: string; days: string; dueDate: string; dueAt: string }> = {
  firstContact: { at: 'first_contact_at', days: 'first_contact_business_days', dueDate: 'first_contact_due_date', dueAt: 'first_contact_due_at' },
  answer: { at: 'answered_at', days: 'answer_business_days', dueDate: 'answer_due_date', dueAt: 'answer_due_at' },
};

/** A row keyed by bucket index (position in the list of periods) and, when grouped, by service. */
export interface BucketKey {
  bucket: number;
  service: string | null;
}

export interface CountRow extends BucketKey {
  n: number;
}

export interface EventHistogramRow extends BucketKey {
  /** Business days from the day of receipt to the event; null only for rows written before the column existed. */
  days: number | null;
  n: number;
  onTime: number;
}

export interface FinishedRow extends BucketKey {
  closed: number;
  abandoned: number;
}

export interface DeadlineRow extends BucketKey {
  late: number;
  pending: number;
  stopped: number;
}

/** A complaint that missed a deadline, as read here and as the statistics report it. */
export interface Breach {
  reference: string;
  service: string;
  status: string;
  clock: ClockName;
  receivedDate: string;
  dueDate: string;
  /** When the clock's event happened, null while it has still not; the statistics give it in ISO 8601 with the Québec offset. */
  eventAt: string | null;
  businessDays: number | null;
}

/**
 * SQL aggregates on the complaints table for the statistics. Every query groups in the database and
 * returns at most one row per bucket (month, fiscal year…), service and number of business days:
 * nothing loads one row per complaint, except the breach list, which is capped.
 *
 * Buckets are contiguous periods; a row falls in a bucket by comparing an ISO-8601 UTC timestamp
 * with the bucket's instants, or a local date (YYYY-MM-DD) with its dates. Both sort as text (byte
 * order on both engines). The SQL is the same on SQLite and PostgreSQL; camelCase aliases are quoted.
 */
export class ComplaintStatisticsRepository {
  constructor(private readonly db: Database) {}

  /** Complaints received, by bucket of received_at. */
  received(buckets: Period[], byService: boolean): Promise<CountRow[]> {
    const b = instantBuckets('received_at', buckets);
    return this.rows<CountRow>(
      `select ${b.select}, ${serviceSelect(byService)}, count(*) as n from complaints where ${b.where} group by bucket${serviceGroup(byService)}`,
      [...b.selectBindings, ...b.whereBindings],
    );
  }

  /**
   * First contacts (or answers) recorded in each bucket, as a histogram of business days with how many
   * were on time (recorded before the end of the due date, Québec time). Mean and median come from it.
   */
  events(clock: ClockName, buckets: Period[], byService: boolean): Promise<EventHistogramRow[]> {
    const c = CLOCK_COLUMNS[clock];
    const b = instantBuckets(c.at, buckets);
    return this.rows<EventHistogramRow>(
      `select ${b.select}, ${serviceSelect(byService)}, ${c.days} as days, count(*) as n,
              sum(case when ${c.at} <= ${c.dueAt} then 1 else 0 end) as "onTime"
         from complaints where ${b.where} group by bucket${serviceGroup(byService)}, days`,
      [...b.selectBindings, ...b.whereBindings],
    );
  }

  /** Complaints closed or abandoned in each bucket (a complaint is one or the other, never both). */
  finished(buckets: Period[], byService: boolean): Promise<FinishedRow[]> {
    const b = instantBuckets('coalesce(closed_at, abandoned_at)', buckets);
    return this.rows<FinishedRow>(
      `select ${b.select}, ${serviceSelect(byService)},
              sum(case when closed_at is not null then 1 else 0 end) as closed,
              sum(case when closed_at is null then 1 else 0 end) as abandoned
         from complaints where ${b.where} group by bucket${serviceGroup(byService)}`,
      [...b.selectBindings, ...b.whereBindings],
    );
  }

  /** Complaints closed within the period, by outcome (null: closed before outcomes were recorded), and how many of them with corrective measures. */
  async outcomes(period: Period): Promise<Array<{ outcome: string | null; n: number; withMeasures: number }>> {
    const rows = await this.rows<{ outcome: string | null; n: number | string; with_measures: number | string | null }>(
      `select outcome, count(*) as n,
              sum(case when corrective_measures is not null and corrective_measures <> '' then 1 else 0 end) as with_measures
         from complaints where closed_at >= ? and closed_at < ? group by outcome`,
      [period.startsAt.toISOString(), period.endsBefore.toISOString()],
    );
    return rows.map((r) => ({ outcome: r.outcome, n: Number(r.n), withMeasures: Number(r.with_measures ?? 0) }));
  }

  /** The corrective measures of the complaints closed within the period, in closing order, at most `limit`. */
  async measuresTaken(period: Period, limit: number): Promise<Array<{ reference: string; outcome: string | null; measures: string; closedAt: string }>> {
    const rows = await this.rows<{ reference: string; outcome: string | null; corrective_measures: string; closed_at: string }>(
      `select reference, outcome, corrective_measures, closed_at from complaints
        where closed_at >= ? and closed_at < ? and corrective_measures is not null and corrective_measures <> ''
        order by closed_at, reference limit ?`,
      [period.startsAt.toISOString(), period.endsBefore.toISOString(), limit],
    );
    return rows.map((r) => ({ reference: r.reference, outcome: r.outcome, measures: r.corrective_measures, closedAt: r.closed_at }));
  }

  /**
   * For the complaints whose due date falls in each bucket: how many missed it (late event, or none
   * and the date has passed), how many are still pending (not due yet), and how many stopped
   * (abandoned before the due date, without the event).
   */
  deadlines(clock: ClockName, buckets: Period[], byService: boolean, now: Date): Promise<DeadlineRow[]> {
    const c = CLOCK_COLUMNS[clock];
    const b = dateBuckets(c.dueDate, buckets);
    const nowIso = now.toISOString();
    return this.rows<DeadlineRow>(
      `select ${b.select}, ${serviceSelect(byService)},
              sum(case when ${breach(clock)} then 1 else 0 end) as late,
              sum(case when ${c.at} is null and abandoned_at is null and ${c.dueAt} >= ? then 1 else 0 end) as pending,
              sum(case when ${c.at} is null and abandoned_at is not null and abandoned_at <= ${c.dueAt} then 1 else 0 end) as stopped
         from complaints where ${b.where} group by bucket${serviceGroup(byService)}`,
      [...b.selectBindings, nowIso, nowIso, ...b.whereBindings],
    );
  }

  /** Complaints received before an instant and neither closed nor abandoned before it. */
  openAt(instant: Date, byService: boolean): Promise<Array<{ service: string | null; n: number }>> {
    const iso = instant.toISOString();
    return this.rows(
      `select ${serviceSelect(byService)}, count(*) as n from complaints
        where received_at < ? and (closed_at is null or closed_at >= ?) and (abandoned_at is null or abandoned_at >= ?)
        ${byService ? 'group by service' : ''}`,
      [iso, iso, iso],
    );
  }

  /** The complaints that missed a deadline falling in the period, by due date then reference; at most `limit`. */
  breaches(clock: ClockName, period: Period, now: Date, limit: number): Promise<Breach[]> {
    const c = CLOCK_COLUMNS[clock];
    return this.rows<Breach>(
      `select reference, service, status, '${clock}' as clock, received_date as "receivedDate", ${c.dueDate} as "dueDate",
              ${c.at} as "eventAt", ${c.days} as "businessDays"
         from complaints
        where ${c.dueDate} >= ? and ${c.dueDate} < ? and ${breach(clock)}
        order by ${c.dueDate}, reference limit ?`,
      [period.from, period.toExclusive, now.toISOString(), limit],
    );
  }

  private async rows<T>(sql: string, bindings: Array<string | number>): Promise<T[]> {
    const result = await rawRows<T>(this.db, sql, bindings);
    return result.map((row) => normalizeNumbers(row as Record<string, unknown>) as T);
  }
}

/** Missed: recorded after the end of the due date, or not recorded, the date passed and the complaint not abandoned before it. One binding: now. */
function breach(clock: ClockName): string {
  const c = CLOCK_COLUMNS[clock];
  return `((${c.at} is not null and ${c.at} > ${c.dueAt})
        or (${c.at} is null and ${c.dueAt} < ? and (abandoned_at is null or abandoned_at > ${c.dueAt})))`;
}

function serviceSelect(byService: boolean): string {
  return byService ? 'service' : 'null as service';
}

function serviceGroup(byService: boolean): string {
  return byService ? ', service' : '';
}

export interface BucketSql {
  select: string;
  selectBindings: string[];
  where: string;
  whereBindings: string[];
}

export function instantBuckets(column: string, buckets: Period[]): BucketSql {
  return bucketSql(column, [...buckets.map((b) => b.startsAt.toISOString()), buckets[buckets.length - 1].endsBefore.toISOString()], buckets);
}

function dateBuckets(column: string, buckets: Period[]): BucketSql {
  return bucketSql(column, [...buckets.map((b) => b.from), buckets[buckets.length - 1].toExclusive], buckets);
}

/** `case when col < b1 then 0 when col < b2 then 1 … else n-1 end`, restricted to [b0, bn). */
function bucketSql(column: string, bounds: string[], buckets: Period[]): BucketSql {
  if (buckets.length === 0) throw new RangeError('at least one bucket is needed');
  for (let i = 1; i < buckets.length; i += 1) {
    if (buckets[i - 1].toExclusive !== buckets[i].from) throw new RangeError('buckets must be contiguous');
  }
  const inner = bounds.slice(1, -1);
  const select =
    inner.length === 0 ? '0 as bucket' : `case ${inner.map((_, i) => `when ${column} < ? then ${i}`).join(' ')} else ${inner.length} end as bucket`;
  return { select, selectBindings: inner, where: `${column} >= ? and ${column} < ?`, whereBindings: [bounds[0], bounds[bounds.length - 1]] };
}

/** SQLite returns sums of nothing as null, and some drivers return counts as strings. */
function normalizeNumbers(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (['n', 'onTime', 'closed', 'abandoned', 'late', 'pending', 'stopped', 'bucket'].includes(key)) out[key] = Number(value ?? 0);
    else out[key] = value;
  }
  return out;
}
