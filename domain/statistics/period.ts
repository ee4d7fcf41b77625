import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';

/** The Québec government's fiscal year starts on April 1 (1er avril – 31 mars). */
export const FISCAL_YEAR_START_MONTH = 4;

export type PeriodKind = 'range' | 'month' | 'fiscalYear';

/**
 * A reporting period: local dates in America/Toronto, both included. `startsAt` and `endsBefore` are
 * the absolute instants of its first and after its last local day, computed in TypeScript so that
 * queries on UTC timestamps (ISO strings) cut at Québec midnight, whatever the server's time zone.
 */
export interface Period {
  kind: PeriodKind;
  /** « 2026-11 », « 2026-2027 » or « 2026-11-01_2026-11-30 ». */
  label: string;
  from: LocalDate;
  to: LocalDate;
  /** The day after `to`: the exclusive end, for comparisons on local-date columns. */
  toExclusive: LocalDate;
  startsAt: Date;
  endsBefore: Date;
}

export type PeriodErrorCode = 'invalidDate' | 'invalidMonth' | 'invalidFiscalYear' | 'reversed' | 'conflict' | 'incomplete' | 'tooLong';

/** A period that cannot be built from what was asked; `code` maps to a localized message (admin:errors.period.<code>). */
export class PeriodError extends Error {
  constructor(
    readonly code: PeriodErrorCode,
    readonly value: string,
  ) {
    super(`invalid period (${code}): ${value}`);
    this.name = 'PeriodError';
  }
}

export interface PeriodRequest {
  from?: string;
  to?: string;
  /** A month, YYYY-MM. */
  period?: string;
  /** A fiscal year, YYYY-YYYY (e.g. 2026-2027: 2026-04-01 to 2027-03-31). */
  fiscalYear?: string;
}

/** Longest period a report may cover: 20 years keeps the monthly breakdown reasonable. */
const MAX_DAYS = 20 * 366;

export class PeriodFactory {
  constructor(private readonly calendar: BusinessCalendar) {}

  /** A local date (YYYY-MM-DD) that exists in the calendar, or a PeriodError. */
  parseDate(value: string): LocalDate {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (!match) throw new PeriodError('invalidDate', value);
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (year < 1970 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
      throw new PeriodError('invalidDate', value);
    }
    return value.trim();
  }

  range(from: LocalDate, to: LocalDate, kind: PeriodKind = 'range', label?: string): Period {
    if (to < from) throw new PeriodError('reversed', `${from}..${to}`);
    const toExclusive = this.calendar.addCalendarDays(to, 1);
    const startsAt = this.calendar.startOf(from);
    const endsBefore = this.calendar.startOf(toExclusive);
    if (endsBefore.getTime() - startsAt.getTime() > MAX_DAYS * 86_400_000) throw new PeriodError('tooLong', `${from}..${to}`);
    return { kind, label: label ?? `${from}_${to}`, from, to, toExclusive, startsAt, endsBefore };
  }

  month(value: string): Period {
    const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 12 || Number(match[1]) < 1970) throw new PeriodError('invalidMonth', value);
    const [year, month] = [Number(match[1]), Number(match[2])];
    const from = isoDate(year, month, 1);
    const to = this.calendar.addCalendarDays(month === 12 ? isoDate(year + 1, 1, 1) : isoDate(year, month + 1, 1), -1);
    return this.range(from, to, 'month', `${match[1]}-${match[2]}`);
  }

  /** « 2026-2027 » (or « 2026 », the year it starts in). */
  fiscalYear(value: string): Period {
    const match = /^(\d{4})(?:-(\d{4}))?$/.exec(value.trim());
    if (!match || Number(match[1]) < 1970 || (match[2] !== undefined && Number(match[2]) !== Number(match[1]) + 1)) {
      throw new PeriodError('invalidFiscalYear', value);
    }
    const start = Number(match[1]);
    return this.range(isoDate(start, FISCAL_YEAR_START_MONTH, 1), this.fiscalYearEnd(start), 'fiscalYear', fiscalYearLabel(start));
  }

  /** The fiscal year containing a local date. */
  fiscalYearOf(date: LocalDate): Period {
    return this.fiscalYear(String(fiscalYearStart(date)));
  }

  /**
   * The period a request names: --period (a month), --fiscal-year, or --from/--to (both needed).
   * Nothing asked: the current fiscal year.
   */
  fromRequest(request: PeriodRequest, now: Date): Period {
    const given = [request.period, request.fiscalYear, request.from ?? request.to].filter((v) => v !== undefined && v !== '');
    if (given.length > 1) throw new PeriodError('conflict', [request.period, request.fiscalYear, request.from, request.to].filter(Boolean).join(' '));
    if (request.period) return this.month(request.period);
    if (request.fiscalYear) return this.fiscalYear(request.fiscalYear);
    if (request.from || request.to) {
      if (!request.from || !request.to) throw new PeriodError('incomplete', request.from ?? request.to ?? '');
      return this.range(this.parseDate(request.from), this.parseDate(request.to));
    }
    return this.fiscalYearOf(this.calendar.localDateOf(now));
  }

  /** The calendar months overlapping a period, each cut to the period (America/Toronto months). */
  monthsOf(period: Period): Period[] {
    const months: Period[] = [];
    let cursor = `${period.from.slice(0, 7)}-01`;
    while (cursor <= period.to) {
      const month = this.month(cursor.slice(0, 7));
      months.push(this.clip(month, period));
      cursor = month.toExclusive;
    }
    return months;
  }

  /** The fiscal years overlapping a period, each cut to the period. */
  fiscalYearsOf(period: Period): Period[] {
    const years: Period[] = [];
    for (let start = fiscalYearStart(period.from); start <= fiscalYearStart(period.to); start += 1) {
      years.push(this.clip(this.fiscalYear(String(start)), period));
    }
    return years;
  }

  private fiscalYearEnd(start: number): LocalDate {
    return this.calendar.addCalendarDays(isoDate(start + 1, FISCAL_YEAR_START_MONTH, 1), -1);
  }

  private clip(part: Period, within: Period): Period {
    if (part.from >= within.from && part.to <= within.to) return part;
    const clipped = this.range(part.from < within.from ? within.from : part.from, part.to > within.to ? within.to : part.to, part.kind);
    return { ...clipped, label: part.label };
  }
}

/** The year a date's fiscal year starts in: 2027-03-31 → 2026, 2027-04-01 → 2027. */
export function fiscalYearStart(date: LocalDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= FISCAL_YEAR_START_MONTH ? year : year - 1;
}

export function fiscalYearLabel(start: number): string {
  return `${start}-${start + 1}`;
}

function isoDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
