import { TZDate } from '@date-fns/tz';
import { endOfDay } from 'date-fns';
import { easterSunday } from './easter';
import { HolidayCalendarData, HolidayRule, loadHolidayCalendarData } from './holidayCalendarData';

/** A calendar date in the calendar's time zone, written YYYY-MM-DD. */
export type LocalDate = string;

export interface ObservedHoliday {
  id: string;
  name: { fr: string; en: string };
  /** The day off actually taken, after any move from a weekend. */
  date: LocalDate;
  /** The date in the rule, when the day off was moved. */
  nominalDate?: LocalDate;
}

const MAX_REMEMBERED_INSTANTS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** en-CA's date and 24-hour time: « 2026-11-27, 14:05 ». */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}), (\d{2}):(\d{2})$/;

/** A wall-clock moment in the calendar's time zone, to the minute; `month` from 1 to 12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * Business days of the Québec public service: Monday to Friday, less the paid holidays listed in
 * data/calendar. Every question is asked in the calendar's time zone (America/Toronto), never in the
 * server's, so a server running in UTC counts the same days as one in Québec.
 */
export class BusinessCalendar {
  readonly version: string;
  readonly timeZone: string;
  private readonly byDate = new Map<LocalDate, ObservedHoliday>();
  private readonly computedYears = new Set<number>();
  /** The calendar date of an instant in the zone: one formatter for the calendar (date-fns builds a zoned date and formats it on every call). */
  private readonly dateFormat: Intl.DateTimeFormat;
  /** The same with the time: a zoned date (TZDate) costs a zone offset and a formatting of its own. */
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  /** The last date localDateOf converted, and the instants it spans (from its midnight to the next). */
  private lastLocalDay = { date: '', from: NaN, to: NaN };
  /** instantAt's answers: the few opening and closing times of the days around now, asked on every hours answer. */
  private readonly instants = new Map<string, number>();

  constructor(private readonly data: HolidayCalendarData) {
    this.version = data.version;
    this.timeZone = data.timeZone;
    this.dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }

  static fromDataFile(): BusinessCalendar {
    return new BusinessCalendar(loadHolidayCalendarData());
  }

  /** Whether the year's moved days were checked against the official list (see data/calendar). */
  isReviewedYear(year: number): boolean {
    return this.data.reviewedYears.includes(year);
  }

  /** Every holiday of the calendar, by its id and names, whatever the year. */
  holidayNames(): ReadonlyArray<{ id: string; name: { fr: string; en: string } }> {
    return this.data.holidays;
  }

  /** Holidays observed on dates of the given year, in date order. */
  holidaysIn(year: number): ObservedHoliday[] {
    this.ensureYears(year);
    return [...this.byDate.values()].filter((h) => h.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
  }

  holidayOn(date: LocalDate): ObservedHoliday | undefined {
    this.ensureYears(Number(date.slice(0, 4)));
    return this.byDate.get(date);
  }

  /** 0 = Sunday … 6 = Saturday. A calendar date's weekday is the same in every zone: UTC arithmetic, no zone conversion. */
  weekdayOf(date: LocalDate): number {
    const [y, m, d] = splitDate(date);
    return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  }

  isBusinessDay(date: LocalDate): boolean {
    const weekday = this.weekdayOf(date);
    return weekday !== 0 && weekday !== 6 && !this.holidayOn(date);
  }

  /** The calendar date of an instant in the calendar's time zone. */
  localDateOf(instant: Date): LocalDate {
    // A turn asks for the date of now a dozen times, each time a new instant and a zone conversion: an
    // instant between the same two midnights has the same date. Only on a day of 24 hours: a change of
    // offset at midnight (Gaza, 1980) can show a date on both sides of a midnight; on such a day, and on
    // the days clocks change, only the instant itself is remembered.
    const time = instant.getTime();
    const day = this.lastLocalDay;
    if (time >= day.from && time < day.to) return day.date;
    const date = this.convertToLocalDate(instant);
    const from = this.startOf(date).getTime();
    const to = this.startOf(this.addCalendarDays(date, 1)).getTime();
    this.lastLocalDay = to - from === DAY_MS && time >= from && time < to ? { date, from, to } : { date, from: time, to: time + 1 };
    return date;
  }

  private convertToLocalDate(instant: Date): LocalDate {
    // en-CA writes a date as 2026-11-27: half the cost of formatToParts. Its parts otherwise (a year before 1000).
    const formatted = this.dateFormat.format(instant);
    if (ISO_DATE.test(formatted)) return formatted;
    let year = '';
    let month = '';
    let day = '';
    for (const part of this.dateFormat.formatToParts(instant)) {
      if (part.type === 'year') year = part.value;
      else if (part.type === 'month') month = part.value;
      else if (part.type === 'day') day = part.value;
    }
    return `${year}-${month}-${day}`;
  }

  /** The date and time an instant shows on a wall clock in the calendar's time zone. */
  wallClockOf(instant: Date): WallClock {
    const match = ISO_DATE_TIME.exec(this.dateTimeFormat.format(instant));
    if (match) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: Number(match[4]), minute: Number(match[5]) };
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(this.dateTimeFormat.formatToParts(instant).find((p) => p.type === type)?.value);
    return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
  }

  /** Calendar days, not hours: UTC arithmetic on the date (a time-zone conversion per day was the largest cost of a deadline answer). */
  addCalendarDays(date: LocalDate, days: number): LocalDate {
    const [y, m, d] = splitDate(date);
    const moved = new Date(Date.UTC(y, m - 1, d + days));
    return isoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
  }

  /**
   * The Nth business day after a date. The date itself is never counted: a complaint received on a
   * Friday (even at 23:30) or on a Saturday has the following Monday as day 1, if it is a business day.
   */
  addBusinessDays(date: LocalDate, count: number): LocalDate {
    if (count < 0) throw new RangeError('count must be zero or more');
    let current = date;
    let remaining = count;
    while (remaining > 0) {
      current = this.addCalendarDays(current, 1);
      if (this.isBusinessDay(current)) remaining -= 1;
    }
    return current;
  }

  nextBusinessDay(date: LocalDate): LocalDate {
    return this.addBusinessDays(date, 1);
  }

  /** Business days after `from` up to and including `to` (0 when `to` is not after `from`). */
  businessDaysBetween(from: LocalDate, to: LocalDate): number {
    if (to <= from) return 0;
    let count = 0;
    for (let d = this.addCalendarDays(from, 1); d <= to; d = this.addCalendarDays(d, 1)) {
      if (this.isBusinessDay(d)) count += 1;
    }
    return count;
  }

  /**
   * First instant of a local date, as an absolute time (handles DST changes): its midnight, through
   * instantAt's memory (the same instant as date-fns's startOfDay on every day from 1950 to 2100, in
   * zones whose change skips midnight too).
   */
  startOf(date: LocalDate): Date {
    return this.instantAt(date, 0, 0);
  }

  /** Last millisecond of a local date, as an absolute time: deadlines end when the day ends in Québec. */
  endOf(date: LocalDate): Date {
    return new Date(endOfDay(this.at(date)).getTime());
  }

  /** An absolute instant for a local date and wall-clock time, e.g. ("2026-11-30", 8, 30). */
  instantAt(date: LocalDate, hours: number, minutes: number): Date {
    const key = `${date} ${hours}:${minutes}`;
    let time = this.instants.get(key);
    if (time === undefined) {
      const [y, m, d] = splitDate(date);
      time = new TZDate(y, m - 1, d, hours, minutes, 0, 0, this.timeZone).getTime();
      if (this.instants.size >= MAX_REMEMBERED_INSTANTS) this.instants.clear();
      this.instants.set(key, time);
    }
    return new Date(time);
  }

  /** Noon avoids any ambiguity around the 2 a.m. DST changes when only the date matters. */
  private at(date: LocalDate): TZDate {
    const [y, m, d] = splitDate(date);
    return new TZDate(y, m - 1, d, 12, 0, 0, 0, this.timeZone);
  }

  private ensureYears(year: number): void {
    for (const y of [year - 1, year, year + 1]) {
      if (this.computedYears.has(y)) continue;
      this.computedYears.add(y);
      for (const holiday of this.data.holidays) {
        const nominal = this.nominalDate(holiday.rule, y);
        const moved = this.data.moved.find((m) => m.holiday === holiday.id && m.year === y);
        const observed: ObservedHoliday = moved
          ? { id: holiday.id, name: holiday.name, date: moved.date, nominalDate: nominal }
          : { id: holiday.id, name: holiday.name, date: nominal };
        this.byDate.set(observed.date, observed);
      }
    }
  }

  private nominalDate(rule: HolidayRule, year: number): LocalDate {
    switch (rule.type) {
      case 'fixed':
        return isoDate(year, rule.month, rule.day);
      case 'easter':
        return this.addCalendarDays(easterSunday(year), rule.offsetDays);
      case 'nthWeekday': {
        const first = isoDate(year, rule.month, 1);
        const shift = (rule.weekday - this.weekdayOf(first) + 7) % 7;
        return this.addCalendarDays(first, shift + 7 * (rule.n - 1));
      }
      case 'weekdayBefore': {
        const limit = isoDate(year, rule.month, rule.day);
        const back = (this.weekdayOf(limit) - rule.weekday + 7) % 7 || 7;
        return this.addCalendarDays(limit, -back);
      }
    }
  }
}

function splitDate(date: LocalDate): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function isoDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
