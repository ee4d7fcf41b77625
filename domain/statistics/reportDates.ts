import { format } from 'date-fns';
import { enCA } from 'date-fns/locale/en-CA';
import { frCA } from 'date-fns/locale/fr-CA';
import { formatTimeOfDay, QUEBEC_TIME_ZONE } from '../format/dates';
import type { Lang, Translate } from '../i18n';

/** A local date (YYYY-MM-DD) read at noon UTC: the same calendar day in every time zone of the Americas. */
const noonOf = (date: string): Date => new Date(`${date.slice(0, 10)}T12:00:00Z`);

/** « 1er avril 2026 », « 31 mars 2027 » / “April 1, 2026”: a report's local date as managers read it. */
export function formatReportDay(date: string, lang: Lang): string {
  const d = noonOf(date);
  if (lang === 'en') return format(d, 'MMMM d, yyyy', { locale: enCA });
  return `${d.getUTCDate() === 1 ? '1er' : d.getUTCDate()} ${format(d, 'MMMM yyyy', { locale: frCA })}`;
}

/** « novembre 2026 » / “November 2026” from « 2026-11 ». */
export function formatReportMonth(month: string, lang: Lang): string {
  return format(noonOf(`${month.slice(0, 7)}-15`), 'MMMM yyyy', { locale: lang === 'en' ? enCA : frCA });
}

/** « 25 novembre 2026 à 12 h 03 » / “November 25, 2026 at 12:03 p.m.” (Québec time) from an instant or its ISO text. */
export function formatReportInstant(instant: Date | string, lang: Lang): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: QUEBEC_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = formatTimeOfDay(d, lang);
  return lang === 'en' ? `${formatReportDay(day, lang)} at ${time}` : `${formatReportDay(day, lang)} à ${time}`;
}

/** The language of a translator from i18n's translator() (i18next's fixed t knows its language). */
export function langOfTranslate(t: Translate): Lang {
  return (t as unknown as { lng?: string }).lng === 'en' ? 'en' : 'fr';
}
