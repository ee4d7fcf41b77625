import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import { formatClockTime, formatLongDate } from '../format/dates';
import { collapseAbbreviationPeriod } from '../format/abbreviationPeriod';
import { describeCentreNow, describeReopening, describeWeeklyHours } from '../format/openingHoursText';
import type { Lang, Translate } from '../i18n';
import type { OpeningPeriod, ServiceHours, Weekday } from '../serviceHours';
import { AskedTime, asksAboutHolidaySeason, holidaySeason, holidaysMentioned, parseAskedMoment, YesNoQuestion, yesNoQuestion } from './askedMoment';
import { contactValue, FaqEntry } from './knowledgeBase';

/** What an answer may depend on: the moment (hours, deadlines), the language and the question asked. */
export interface AnswerContext {
  now: Date;
  hours: ServiceHours;
  calendar: BusinessCalendar;
  t: Translate;
  lang: Lang;
  /** The person's question, to answer about the day it names (« mercredi », « demain »…). */
  utterance?: string;
  /** Answer « Oui, » / « Non, » first even if the utterance alone is not a yes/no question (a follow-up of one). */
  yesNo?: YesNoQuestion;
}

/** 0 = Sunday … 6 = Saturday, as BusinessCalendar.weekdayOf. */
const WEEKDAY_KEYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * The text of an entry's answer at a given moment: {{contacts.…}} from data/contacts.json, opening
 * hours and the Centre's status right now from ServiceHours (holidays included), deadlines from the
 * business calendar. Paragraphs left empty by a placeholder disappear.
 */
export function renderAnswer(entry: FaqEntry, context: AnswerContext): string {
  const asked = /\{\{\s*hours\.askedDay\s*\}\}/.test(entry.answer[context.lang]) ? askedDayLine(context) : undefined;
  const text = entry.answer[context.lang].replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => placeholderValue(name, context, asked));
  return [...paragraphs(collapseAbbreviationPeriod(text)), sourceLine(entry.source, context.t)].filter(Boolean).join('\n\n');
}

/** Only the answer about the day a follow-up names (« pis le samedi? »), with the entry's source link; undefined when no day is named. */
export function renderAskedDay(entry: FaqEntry, context: AnswerContext): string | undefined {
  const asked = askedDayLine(context);
  if (!asked) return undefined;
  return [collapseAbbreviationPeriod(asked.text), sourceLine(entry.source, context.t)].filter(Boolean).join('\n\n');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/**
 * « Source : [Déclaration de services aux citoyens du ministère (Québec.ca)](https://www.quebec.ca/…) »: a Markdown
 * link for each official page the cited seeds give (the `url` beside a citation), or nothing.
 */
export function sourceLine(sources: ReadonlyArray<{ url?: string }>, t: Translate): string {
  let lines = sourceLines.get(sources);
  if (!lines) sourceLines.set(sources, (lines = new Map()));
  let line = lines.get(t);
  if (line === undefined) lines.set(t, (line = composeSourceLine(sources, t)));
  return line;
}

/** An entry's source line per translator: the sources come from data/ and never change, and every answer ends with one. */
const sourceLines = new WeakMap<ReadonlyArray<{ url?: string }>, Map<Translate, string>>();

function composeSourceLine(sources: ReadonlyArray<{ url?: string }>, t: Translate): string {
  const urls = [...new Set(sources.map((s) => s.url).filter((u): u is string => Boolean(u)))];
  if (!urls.length) return '';
  const links = urls.map((url) => `[${t(`resolve:source.labels.${new URL(url).hostname.replace(/\./g, '_')}`)}](${url})`);
  return t(links.length === 1 ? 'resolve:source.one' : 'resolve:source.many', { links: links.join(t('resolve:source.separator')) });
}

function placeholderValue(name: string, context: AnswerContext, asked: { text: string; coversNow: boolean } | undefined): string {
  if (name.startsWith('contacts.')) return contactValue(name.slice('contacts.'.length)) ?? '';
  const deadline = /^businessDaysFromToday:(\d+)$/.exec(name);
  if (deadline) return businessDaysFromToday(Number(deadline[1]), context);
  switch (name) {
    case 'hours.weekly':
      return describeWeeklyHours(context.hours, context.t, context.lang);
    case 'hours.now':
      // « Oui, le Centre est ouvert en ce moment… » already said it.
      return asked?.coversNow ? '' : describeCentreNow(context.hours, context.now, context.calendar, context.t, context.lang);
    case 'hours.askedDay':
      return asked ? `${asked.text}\n\n` : '';
    case 'hours.lunch':
      return lunchBreak(context);
    case 'hours.nextHoliday':
      return nextHoliday(context);
    default:
      return '';
  }
}

function periodsText(periods: OpeningPeriod[], context: AnswerContext): string {
  const parts = periods.map((p) =>
    context.t('common:hours.period', { opens: formatClockTime(p.opens, context.lang), closes: formatClockTime(p.closes, context.lang) }),
  );
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(context.t('common:hours.listSeparator'))}${context.t('common:hours.and')}${parts[parts.length - 1]}`;
}

/**
 * The answer about the day (or moment) the question names, « Oui, » / « Non, » first when it is a yes/no
 * question: « Non, le jeudi 24 décembre 2026, le Centre est fermé : c'est un jour férié (Veille de Noël).
 * Prochaine ouverture : … ». `coversNow` says the line already tells whether the Centre is open now.
 */
export function askedDayLine(context: AnswerContext): { text: string; coversNow: boolean } | undefined {
  if (!context.utterance) return undefined;
  const { t, calendar } = context;
  if (asksAboutHolidaySeason(context.utterance)) return holidaySeasonLine(context);
  const moment = parseAskedMoment(context.utterance, context.now, context.lang, calendar);
  if (!moment) return undefined;
  const question = context.yesNo ?? yesNoQuestion(context.utterance);
  const answer = (open: boolean, text: string): string => {
    if (!question) return text;
    const yes = question.asksClosed ? !open : open;
    return t(yes ? 'resolve:yesNo.yes' : 'resolve:yesNo.no', { rest: lowerFirst(text) });
  };
  // « …à Noël et au jour de l'An? »: each holiday named, in turn.
  const holidays = holidaysMentioned(context.utterance, calendar.localDateOf(context.now), calendar);
  if (holidays.length >= 2) return { text: holidays.map((h) => describeDate(h.date, undefined, context, answer)).join('\n\n'), coversNow: false };
  if (moment.kind === 'now') {
    if (!question) return undefined;
    const status = context.hours.status(context.now);
    return { text: answer(status.open, describeCentreNow(context.hours, context.now, calendar, t, context.lang)), coversNow: true };
  }
  if (moment.kind === 'weekend') return { text: answer(false, t('faq:hours.weekendClosed')), coversNow: false };
  // « lundi? » asked on a Monday is today: the weekly rule, unless the Centre is closed for the rest of the day.
  const today = calendar.localDateOf(context.now);
  const closedForToday = moment.kind === 'weekday' && moment.date === today && (!context.hours.periodsOn(today).length || pastClosing(context));
  if (moment.kind === 'weekday' && !question && !moment.time && !closedForToday) {
    // « heures d'ouverture mercredi »: the weekly rule, and a warning when the next one is a holiday.
    const day = WEEKDAY_KEYS[moment.weekday];
    const periods = context.hours.weeklySchedule().find((d) => d.day === day)?.periods ?? [];
    const dayName = t(`common:hours.days.${day}`);
    const rule = periods.length ? t('faq:hours.dayOpen', { day: dayName, periods: periodsText(periods, context) }) : t('faq:hours.dayClosed', { day: dayName });
    const holiday = calendar.holidayOn(moment.date);
    const note = holiday ? ` ${t('resolve:hours.weekdayHoliday', { date: longDate(moment.date, context), holiday: holiday.name[context.lang] })}` : '';
    return { text: `${rule}${note}`, coversNow: false };
  }
  return { text: describeDate(moment.date, moment.time, context, answer), coversNow: false };
}

/** « Êtes-vous ouverts pendant les fêtes? »: the season's holidays by date, and the business days between them. */
function holidaySeasonLine(context: AnswerContext): { text: string; coversNow: boolean } | undefined {
  const { t, calendar, lang } = context;
  const season = holidaySeason(calendar.localDateOf(context.now), calendar);
  if (!season.holidays.length) return undefined;
  const list = new Intl.ListFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { type: 'conjunction' });
  const day = (date: LocalDate): string => t('resolve:hours.holidaySeasonDay', { date: longDate(date, context) });
  const closed = t('resolve:hours.holidaySeason', { closed: list.format(season.holidays.map((h) => `${day(h.date)} (${h.name[lang]})`)) });
  const open = season.openDays.length ? ` ${t('resolve:hours.holidaySeasonOpen', { open: list.format(season.openDays.map(day)) })}` : '';
  return { text: `${closed}${open}`, coversNow: false };
}

/** What the Centre does on a date (and at a time): open, or closed with the reason and the next opening. */
function describeDate(date: LocalDate, askedTime: AskedTime | undefined, context: AnswerContext, answer: (open: boolean, text: string) => string): string {
  const { t, calendar, lang } = context;
  let time = askedTime;
  const today = calendar.localDateOf(context.now);
  const when = capitalize(
    date === today ? t('resolve:hours.today') : date === calendar.addCalendarDays(today, 1) ? t('resolve:hours.tomorrow') : t('resolve:hours.date', { date: longDate(date, context) }),
  );
  const periods = context.hours.periodsOn(date);
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  // Today, after the last closing: « Aujourd'hui à 17 h, le Centre est fermé… Prochaine ouverture : demain à 8 h 30. »
  if (date === today && !time && periods.length && pastClosing(context)) time = wallTime(context.now, calendar);
  const asked = time ? time.hour * 60 + time.minute : undefined;
  const timeText = time ? formatClockTime(`${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`, lang) : '';
  const nextOpening = (from: Date): string =>
    t('resolve:hours.nextOpening', { when: describeReopening(context.hours.nextOpening(from), context.now, calendar, t, lang) });
  if (periods.length) {
    if (asked === undefined) return answer(true, t('resolve:hours.open', { when, periods: periodsText(periods, context) }));
    const current = periods.find((p) => minutes(p.opens) <= asked && asked < minutes(p.closes));
    if (current) return answer(true, t('resolve:hours.openAt', { when, time: timeText, period: periodsText([current], context) }));
    const at = calendar.instantAt(date, time!.hour, time!.minute);
    const from = at < context.now ? context.now : at;
    return `${answer(false, t('resolve:hours.closedAt', { when, time: timeText, periods: periodsText(periods, context) }))} ${nextOpening(from)}`;
  }
  const holiday = calendar.holidayOn(date);
  const closed = holiday ? t('resolve:hours.closedHoliday', { when, holiday: holiday.name[lang] }) : t('resolve:hours.closedWeekend', { when });
  const start = calendar.startOf(date);
  return `${answer(false, closed)} ${nextOpening(start < context.now ? context.now : start)}`;
}

/** Whether the Centre has closed for the rest of today (its last period of the day is over). */
function pastClosing(context: AnswerContext): boolean {
  const { calendar } = context;
  const today = calendar.localDateOf(context.now);
  const last = context.hours.periodsOn(today).at(-1);
  if (!last) return false;
  return calendar.instantAt(today, Number(last.closes.slice(0, 2)), Number(last.closes.slice(3, 5))) <= context.now;
}

/** The wall-clock time of an instant in the calendar's time zone. */
function wallTime(instant: Date, calendar: BusinessCalendar): AskedTime {
  const { hour, minute } = calendar.wallClockOf(instant);
  return { hour, minute };
}

function longDate(date: LocalDate, context: AnswerContext): string {
  return formatLongDate(context.calendar.instantAt(date, 12, 0), context.lang, context.calendar.timeZone);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** « de 12 h à 13 h »: the break between the periods of the first day with two periods. */
function lunchBreak(context: AnswerContext): string {
  const day = context.hours.weeklySchedule().find((d) => d.periods.length >= 2);
  if (!day) return '';
  return context.t('common:hours.period', {
    opens: formatClockTime(day.periods[0].closes, context.lang),
    closes: formatClockTime(day.periods[1].opens, context.lang),
  });
}

/** « Prochain jour férié : Noël, le vendredi 25 décembre 2026. » (from data/calendar). */
function nextHoliday(context: AnswerContext): string {
  const { calendar } = context;
  const today = calendar.localDateOf(context.now);
  const year = Number(today.slice(0, 4));
  const next = [...calendar.holidaysIn(year), ...calendar.holidaysIn(year + 1)].find((h) => h.date > today);
  if (!next) return '';
  return context.t('faq:hours.nextHoliday', {
    holiday: next.name[context.lang],
    date: formatLongDate(calendar.instantAt(next.date, 12, 0), context.lang, calendar.timeZone),
  });
}

/** « lundi 7 décembre 2026 »: the Nth business day after today (today is not counted). */
function businessDaysFromToday(days: number, context: AnswerContext): string {
  const { calendar } = context;
  const date = calendar.addBusinessDays(calendar.localDateOf(context.now), days);
  return formatLongDate(calendar.instantAt(date, 12, 0), context.lang, calendar.timeZone);
}
