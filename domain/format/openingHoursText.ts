import type { BusinessCalendar } from '../calendar/businessCalendar';
import type { Lang, Translate } from '../i18n';
import type { OpenStatus, ServiceHours } from '../serviceHours';
import { formatClockTime, formatLongDate, formatTimeOfDay, formatWeekday } from './dates';
import { collapseAbbreviationPeriod } from './abbreviationPeriod';

/** « lundi, mardi, jeudi et vendredi : de 8 h 30 à 12 h et de 13 h à 16 h 30; mercredi : … », days with the same hours grouped. */
export function describeWeeklyHours(hours: ServiceHours, t: Translate, lang: Lang): string {
  let texts = weeklyHoursTexts.get(hours);
  if (!texts) weeklyHoursTexts.set(hours, (texts = new Map()));
  let byLang = texts.get(t);
  if (!byLang) texts.set(t, (byLang = {}));
  return (byLang[lang] ??= composeWeeklyHours(hours, t, lang));
}

/** The weekly hours' text per translator and language: the schedule never changes while the process runs, and every hours answer shows it. */
const weeklyHoursTexts = new WeakMap<ServiceHours, Map<Translate, Partial<Record<Lang, string>>>>();

function composeWeeklyHours(hours: ServiceHours, t: Translate, lang: Lang): string {
  const groups: Array<{ days: string[]; periods: string }> = [];
  for (const { day, periods } of hours.weeklySchedule()) {
    if (periods.length === 0) continue;
    const text = joinWords(
      periods.map((p) => t('common:hours.period', { opens: formatClockTime(p.opens, lang), closes: formatClockTime(p.closes, lang) })),
      t,
    );
    const group = groups.find((g) => g.periods === text);
    if (group) group.days.push(t(`common:hours.days.${day}`));
    else groups.push({ days: [t(`common:hours.days.${day}`)], periods: text });
  }
  const lines = groups.map((g) => t('common:hours.line', { days: joinWords(g.days, t), periods: g.periods }));
  return collapseAbbreviationPeriod(`${lines.join(t('common:hours.lineSeparator'))}. ${t('common:hours.closedWeekendsHolidays')}`);
}

/** « Le Centre est ouvert en ce moment, jusqu'à 12 h. » or « Le Centre est fermé en ce moment. Il rouvre demain à 8 h 30. » */
export function describeOpenStatus(status: OpenStatus, now: Date, calendar: BusinessCalendar, t: Translate, lang: Lang): string {
  if (status.open) return t('common:openStatus.openUntil', { time: formatTimeOfDay(status.closesAt, lang, calendar.timeZone) });
  const when = describeReopening(status.opensAt, now, calendar, t, lang);
  if (status.reason === 'lunch') return t('common:openStatus.lunch', { when });
  if (status.reason === 'holiday' && status.holidayName) return t('common:openStatus.holiday', { when, holiday: status.holidayName[lang] });
  return t('common:openStatus.closed', { when });
}

/** « aujourd'hui à 13 h », « demain à 8 h 30 », « mardi à 8 h 30 », « le lundi 4 janvier 2027 à 8 h 30 ». */
export function describeReopening(opensAt: Date, now: Date, calendar: BusinessCalendar, t: Translate, lang: Lang): string {
  const time = formatTimeOfDay(opensAt, lang, calendar.timeZone);
  const today = calendar.localDateOf(now);
  const day = calendar.localDateOf(opensAt);
  if (day === today) return t('common:openStatus.today', { time });
  if (day === calendar.addCalendarDays(today, 1)) return t('common:openStatus.tomorrow', { time });
  if (day <= calendar.addCalendarDays(today, 6)) return t('common:openStatus.weekday', { weekday: formatWeekday(opensAt, lang, calendar.timeZone), time });
  return t('common:openStatus.date', { date: formatLongDate(opensAt, lang, calendar.timeZone), time });
}

export function describeCentreNow(hours: ServiceHours, now: Date, calendar: BusinessCalendar, t: Translate, lang: Lang): string {
  const minute = Math.floor(now.getTime() / 60_000);
  let byLang = statusTexts.get(hours);
  if (!byLang) statusTexts.set(hours, (byLang = new Map()));
  const last = byLang.get(lang);
  if (last && last.minute === minute && last.calendar === calendar && last.t === t) return last.text;
  const text = describeOpenStatus(hours.status(now), now, calendar, t, lang);
  byLang.set(lang, { minute, calendar, t, text });
  return text;
}

/**
 * The last status text per language: it can change only from one minute to the next (the hours in
 * data/service-hours.json are whole minutes, days start at midnight), and every hours or phone answer
 * shows it.
 */
const statusTexts = new WeakMap<ServiceHours, Map<Lang, { minute: number; calendar: BusinessCalendar; t: Translate; text: string }>>();

function joinWords(words: string[], t: Translate): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(t('common:hours.listSeparator'))}${t('common:hours.and')}${words[words.length - 1]}`;
}
