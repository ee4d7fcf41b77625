import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import { collapseAbbreviationPeriod, formatClockTime, formatLongDate } from '../format/dates';
import { describeCentreNow, describeWeeklyHours } from '../format/openingHoursText';
import type { Lang, Translate } from '../i18n';
import type { OpeningPeriod, ServiceHours, Weekday } from '../serviceHours';
import { baseWords } from '../understanding/frenchText';
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
}

const WEEKDAY_WORDS: Record<string, Weekday> = {
  lundi: 'monday',
  mardi: 'tuesday',
  mercredi: 'wednesday',
  jeudi: 'thursday',
  vendredi: 'friday',
  samedi: 'saturday',
  dimanche: 'sunday',
  monday: 'monday',
  tuesday: 'tuesday',
  wednesday: 'wednesday',
  thursday: 'thursday',
  friday: 'friday',
  saturday: 'saturday',
  sunday: 'sunday',
};

/**
 * The text of an entry's answer at a given moment: {{contacts.…}} from data/contacts.json, opening
 * hours and the Centre's status right now from ServiceHours (holidays included), deadlines from the
 * business calendar. Paragraphs left empty by a placeholder disappear.
 */
export function renderAnswer(entry: FaqEntry, context: AnswerContext): string {
  const text = entry.answer[context.lang].replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => placeholderValue(name, context));
  return collapseAbbreviationPeriod(text)
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .join('\n\n');
}

function placeholderValue(name: string, context: AnswerContext): string {
  if (name.startsWith('contacts.')) return contactValue(name.slice('contacts.'.length)) ?? '';
  const deadline = /^businessDaysFromToday:(\d+)$/.exec(name);
  if (deadline) return businessDaysFromToday(Number(deadline[1]), context);
  switch (name) {
    case 'hours.weekly':
      return describeWeeklyHours(context.hours, context.t, context.lang);
    case 'hours.now':
      return describeCentreNow(context.hours, context.now, context.calendar, context.t, context.lang);
    case 'hours.askedDay':
      return askedDay(context);
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

/** « Le mercredi, le Centre est ouvert de 10 h à 12 h et de 13 h à 16 h 30. », followed by a blank line; empty when no day is named. */
function askedDay(context: AnswerContext): string {
  if (!context.utterance) return '';
  const words = baseWords(context.utterance);
  const { t, calendar } = context;
  const today = calendar.localDateOf(context.now);
  const relative = (date: LocalDate, key: 'today' | 'tomorrow'): string => {
    const periods = context.hours.periodsOn(date);
    const holiday = calendar.holidayOn(date);
    if (periods.length) return t(`faq:hours.${key}Open`, { periods: periodsText(periods, context) });
    return holiday ? t(`faq:hours.${key}Holiday`, { holiday: holiday.name[context.lang] }) : t(`faq:hours.${key}Closed`);
  };
  let line: string | undefined;
  for (let i = 0; i < words.length && !line; i += 1) {
    const word = words[i];
    if (WEEKDAY_WORDS[word]) {
      const day = WEEKDAY_WORDS[word];
      const periods = context.hours.weeklySchedule().find((d) => d.day === day)?.periods ?? [];
      const dayName = t(`common:hours.days.${day}`);
      line = periods.length ? t('faq:hours.dayOpen', { day: dayName, periods: periodsText(periods, context) }) : t('faq:hours.dayClosed', { day: dayName });
    } else if (word === 'demain' || word === 'tomorrow') line = relative(calendar.addCalendarDays(today, 1), 'tomorrow');
    else if (word === 'today' || (word === 'aujourd' && words[i + 1] === 'hui')) line = relative(today, 'today');
    else if ((word === 'fin' && words[i + 1] === 'de' && words[i + 2] === 'semaine') || word === 'weekend') line = t('faq:hours.weekendClosed');
  }
  return line ? `${line}\n\n` : '';
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
