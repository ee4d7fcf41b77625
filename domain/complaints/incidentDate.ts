import { TZDate } from '@date-fns/tz';
import { englishDates, frenchDates } from '../calendar/dateParsers';
import type { LocalDate } from '../calendar/businessCalendar';
import { QUEBEC_TIME_ZONE } from '../format/dates';
import type { Lang } from '../i18n';
import { foldText } from '../format/textFolding';

/** A span of days, both ends included (YYYY-MM-DD). */
export interface DatePeriod {
  from: LocalDate;
  to: LocalDate;
}

export type IncidentDateResult =
  | { ok: true; date: LocalDate }
  | { ok: false; reason: 'unrecognized' | 'future' }
  /** A vague expression (« la semaine passée », « le mois dernier », « il y a quelques jours »): the period it means, to confirm. */
  | { ok: false; reason: 'ambiguous'; period: DatePeriod };

/**
 * When the problem happened, from what the person wrote: « hier », « avant-hier », « le 3 novembre »,
 * « lundi passé », « 2026-11-03 », « 03/11/2026 » (English with lang 'en'). Relative to `now` in
 * Québec time whatever the server's time zone. A day and month without a year that would be in the
 * future mean the previous year (« le 3 décembre » said in November); any other future date is refused.
 *
 * A vague expression is not turned into a guessed day: « la semaine passée » / “last week” gives the
 * period from Monday to Sunday of the previous week, « le mois dernier » / “last month” or a month alone
 * the whole month, « la fin de semaine passée » the last Saturday and Sunday, « il y a quelques jours »
 * from 6 to 2 days ago; the person confirms the period or gives the exact day. « en octobre » (any month,
 * with or without accents, « au mois d'août ») is the last such month not in the future, « ce mois-ci » /
 * “this month” the 1st of this month to today, « cette semaine » Monday to today, « la semaine du
 * 9 novembre » / “the week of November 9” the Monday to Sunday of that week. A period never ends after today.
 */
export function parseIncidentDate(text: string, now: Date, lang: Lang, timeZone = QUEBEC_TIME_ZONE): IncidentDateResult {
  const wall = new TZDate(now.getTime(), timeZone);
  // chrono-node computes relative dates in the process's time zone: hand it the Québec wall-clock time as a local Date.
  const reference = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes());
  const today = isoDate(wall.getFullYear(), wall.getMonth() + 1, wall.getDate());

  const vague = vaguePeriod(text, today);
  if (vague === 'future') return { ok: false, reason: 'future' };
  if (vague) return { ok: false, reason: 'ambiguous', period: vague };

  const parser = lang === 'en' ? englishDates : frenchDates;
  const [result] = parser.parse(lang === 'en' ? text : normalizeFrench(text), reference, { forwardDate: false });
  if (!result) return { ok: false, reason: 'unrecognized' };
  const start = result.start;
  let year = start.get('year') ?? wall.getFullYear();
  const month = start.get('month');
  const day = start.get('day');
  if (!month || !day) return { ok: false, reason: 'unrecognized' };
  if (isoDate(year, month, day) > today && start.isCertain('month') && !start.isCertain('year')) year -= 1;
  const date = isoDate(year, month, day);
  if (!isRealDate(year, month, day)) return { ok: false, reason: 'unrecognized' };
  if (date > today) return { ok: false, reason: 'future' };
  // « le mois dernier », “in October”: a month without a day is the whole month (up to today).
  if (start.isCertain('month') && !start.isCertain('day') && !start.isCertain('weekday')) {
    const last = isoDate(year, month, daysInMonth(year, month));
    return { ok: false, reason: 'ambiguous', period: { from: isoDate(year, month, 1), to: last < today ? last : today } };
  }
  // « la semaine passée », « il y a deux semaines », “last week”: chrono gives a day 7 days back; the person meant a week.
  const matched = foldText(result.text);
  if (WEEK.test(matched)) return { ok: false, reason: 'ambiguous', period: weekOf(/(?:^|\s)(?:cette|this)\s/.test(matched) ? today : date, today) };
  return { ok: true, date };
}

/** Whether a date falls in a period (both ends included). */
export function isInPeriod(date: LocalDate, period: DatePeriod): boolean {
  return date >= period.from && date <= period.to;
}

/** Weekday names, folded, French then English, to getUTCDay()'s number (0 = Sunday). */
const WEEKDAY_NUMBERS: ReadonlyMap<string, number> = new Map([
  ...['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'].map((d, i) => [d, i] as const),
  ...['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((d, i) => [d, i] as const),
]);

/**
 * The answer to « je comprends entre le lundi 16 et le dimanche 22 novembre »: « lundi », « le 18 »,
 * “Tuesday” name a day of that period, not of the current week. The day, 'several' when more than one
 * day of the period fits (« lundi » in a month), undefined when the text names a month or a year (read
 * as a date of its own) or no weekday or day number.
 */
export function dayInPeriod(text: string, period: DatePeriod): LocalDate | 'several' | undefined {
  const words = foldText(text).split(' ');
  if (words.some((w) => MONTHS.has(w) || /^\d{4}$/.test(w))) return undefined;
  const weekday = words.map((w) => WEEKDAY_NUMBERS.get(w)).find((n) => n !== undefined);
  const dayWord = words.map((w) => /^(\d{1,2})(?:er|e|st|nd|rd|th)?$/.exec(w)).find(Boolean);
  const day = dayWord ? Number(dayWord[1]) : undefined;
  if (weekday === undefined && day === undefined) return undefined;
  const days: LocalDate[] = [];
  for (let date = period.from; date <= period.to; date = addDays(date, 1)) {
    if ((weekday === undefined || dayOfWeek(date) === weekday) && (day === undefined || Number(date.slice(8)) === day)) days.push(date);
  }
  if (days.length > 1) return 'several';
  return days[0];
}

const WEEK = /(?:^|\s)(?:semaines?|weeks?)(?:\s|$)/;
const WEEKEND = /(?:^|\s)(?:fin de semaine|weekend|week end)\s+(?:passee|derniere|precedente)|(?:last|past|previous)\s+(?:weekend|week end)/;
const FEW_DAYS = /(?:^|\s)(?:quelques|plusieurs|(?:a\s+)?few|several|couple\s+(?:of\s+)?)\s*jours?|(?:^|\s)(?:a\s+)?(?:few|several|couple(?:\s+of)?)\s+days?/;

/** Month names, folded (no accents), French then English, to their number. */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ...['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'].map((m, i) => [m, i + 1] as const),
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map((m, i) => [m, i + 1] as const),
  ...['jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'].map((m) => [m, new Date(`${m === 'sept' ? 'sep' : m} 1, 2000`).getMonth() + 1] as const),
]);
const MONTH = `(${[...MONTHS.keys()].join('|')})`;
const FRENCH_MONTH = `(${[...MONTHS.keys()].slice(0, 12).join('|')})`;
/**
 * « en octobre », « au mois d'août », « octobre 2025 »: a French month with no day beside it (English
 * months, “in August”, chrono-node reads; “may” is also a verb).
 */
const MONTH_ALONE = new RegExp(`(?:^|\\s)(?<!\\d\\s)(?<!\\d(?:er|e)\\s)${FRENCH_MONTH}(?:\\s+(\\d{4}))?(?!\\s+\\d{1,2}(?!\\d))(?:\\s|$)`);
/** « en octobre, le 12 »: a day is named too. */
const DAY_NAMED = /(?:^|\s)(?:le|du) \d{1,2}(?:er|e)?(?:\s|$)/;
/** « ce mois-ci », « ce mois », « depuis le début du mois », “this month” (not « ce mois-là », a month said before). */
const THIS_MONTH = /(?:^|\s)(?:ce mois(?: ci)?(?! la(?:\s|$))|depuis le debut du mois|this month)(?:\s|$)/;
/** « cette semaine », “this week” (not « cette semaine-là »). */
const THIS_WEEK = /(?:^|\s)(?:cette semaine(?: ci)?(?! la(?:\s|$))|this week)(?:\s|$)/;
/** « la semaine du 9 novembre », « semaine du 9 », “the week of November 9”, “week of the 9th”. */
const WEEK_OF_FR = new RegExp(`(?:^|\\s)semaine du (\\d{1,2})(?:er)?(?:\\s+${MONTH})?(?:\\s+(\\d{4}))?(?:\\s|$)`);
const WEEK_OF_EN_DAY_FIRST = new RegExp(`(?:^|\\s)week of (?:the )?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+(?:of\\s+)?${MONTH})?(?:\\s+(\\d{4}))?(?:\\s|$)`);
const WEEK_OF_EN_MONTH_FIRST = new RegExp(`(?:^|\\s)week of ${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+(\\d{4}))?(?:\\s|$)`);

/** Expressions chrono-node misreads or reads as a precise day; 'future' for a month or week that has not begun. */
function vaguePeriod(text: string, today: LocalDate): DatePeriod | 'future' | undefined {
  const folded = foldText(text);
  const weekOfDay = weekOfDate(folded, today);
  if (weekOfDay) return weekOfDay;
  if (THIS_WEEK.test(folded)) return weekOf(today, today);
  if (THIS_MONTH.test(folded)) return { from: `${today.slice(0, 8)}01`, to: today };
  const month = DAY_NAMED.test(folded) ? null : MONTH_ALONE.exec(folded);
  if (month) return monthPeriod(MONTHS.get(month[1])!, month[2] ? Number(month[2]) : undefined, today);
  if (WEEKEND.test(folded)) {
    // The last whole weekend: the most recent Sunday before today, and the Saturday before it.
    const weekday = dayOfWeek(today); // 0 = Sunday
    const sunday = addDays(today, -(weekday === 0 ? 7 : weekday));
    return { from: addDays(sunday, -1), to: sunday };
  }
  if (FEW_DAYS.test(folded)) return { from: addDays(today, -6), to: addDays(today, -2) };
  return undefined;
}

/** The month (its last occurrence not in the future when no year is given), not after today. */
function monthPeriod(month: number, givenYear: number | undefined, today: LocalDate): DatePeriod | 'future' {
  const thisYear = Number(today.slice(0, 4));
  const year = givenYear ?? (isoDate(thisYear, month, 1) > today ? thisYear - 1 : thisYear);
  const from = isoDate(year, month, 1);
  if (from > today) return 'future';
  const last = isoDate(year, month, daysInMonth(year, month));
  return { from, to: last < today ? last : today };
}

/**
 * « la semaine du 9 novembre »: Monday to Sunday of the week of that day, not after today. Without a
 * year, the last such week that has begun (« la semaine du 25 novembre » said on Monday the 23rd is this
 * week); « la semaine du 9 » alone, the week of the last 9th of a month.
 */
function weekOfDate(folded: string, today: LocalDate): DatePeriod | 'future' | undefined {
  let day: number;
  let month: number | undefined;
  let year: number | undefined;
  const dayFirst = WEEK_OF_FR.exec(folded) ?? WEEK_OF_EN_DAY_FIRST.exec(folded);
  const monthFirst = dayFirst ? undefined : WEEK_OF_EN_MONTH_FIRST.exec(folded);
  if (dayFirst) [day, month, year] = [Number(dayFirst[1]), dayFirst[2] ? MONTHS.get(dayFirst[2]) : undefined, dayFirst[3] ? Number(dayFirst[3]) : undefined];
  else if (monthFirst) [day, month, year] = [Number(monthFirst[2]), MONTHS.get(monthFirst[1]), monthFirst[3] ? Number(monthFirst[3]) : undefined];
  else return undefined;
  const begun = (date: LocalDate) => mondayOf(date) <= today;
  const [thisYear, thisMonth] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  // The candidates, latest first: that year only; this year's then earlier years'; this month's then earlier months'.
  const candidates: Array<[number, number]> =
    month === undefined
      ? Array.from({ length: 13 }, (_, back) => [thisYear + Math.floor((thisMonth - 1 - back) / 12), (((thisMonth - 1 - back) % 12) + 12) % 12 + 1])
      : year !== undefined
        ? [[year, month]]
        : Array.from({ length: 5 }, (_, back) => [thisYear - back, month]); // February 29 comes back within 4 years
  const real = candidates.filter(([y, m]) => isRealDate(y, m, day)).map(([y, m]) => isoDate(y, m, day));
  if (!real.length) return undefined;
  const date = real.find(begun);
  return date ? weekOf(date, today) : 'future';
}

function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** Monday to Sunday of the week of `date`, not after today. */
function weekOf(date: LocalDate, today: LocalDate): DatePeriod {
  const monday = mondayOf(date);
  const sunday = addDays(monday, 6);
  return { from: monday, to: sunday < today ? sunday : today };
}

/** Québec expressions chrono-node's French parser does not know. */
function normalizeFrench(text: string): string {
  return text
    .replace(/(?<!\p{L})avant[\s\u2010\u2011-]*hier(?!\p{L})/giu, 'il y a 2 jours')
    .replace(/(?<!\p{L})(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+pass[ée]e?(?!\p{L})/giu, '$1 dernier')
    .replace(/(?<!\p{L})(semaine|mois)\s+pass[ée]e?(?!\p{L})/giu, '$1 dernier')
    .replace(/(?<!\p{L})en\s+(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)(?!\p{L})/giu, '$1');
}

function isoDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function utc(date: LocalDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function dayOfWeek(date: LocalDate): number {
  return utc(date).getUTCDay();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
