import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import { formatLongDate, formatTimeOfDay } from '../format/dates';
import type { Lang } from '../i18n';

/** « mardi 6 octobre 2026 à 10 h 30 » / “Tuesday, October 6, 2026, 10:30 a.m.”, Québec time. */
export function formatStaffInstant(instant: Date, lang: Lang): string {
  const time = formatTimeOfDay(instant, lang);
  return lang === 'en' ? `${formatLongDate(instant, lang)}, ${time}` : `${formatLongDate(instant, lang)} à ${time}`;
}

/** « mercredi 14 octobre 2026 » for a local date (a due date). */
export function formatStaffDate(date: LocalDate, lang: Lang, calendar: BusinessCalendar): string {
  return formatLongDate(calendar.startOf(date), lang);
}
