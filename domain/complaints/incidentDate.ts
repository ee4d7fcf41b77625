import { TZDate } from '@date-fns/tz';
import * as chrono from 'chrono-node';
import type { LocalDate } from '../calendar/businessCalendar';
import { QUEBEC_TIME_ZONE } from '../format/dates';
import type { Lang } from '../i18n';

export type IncidentDateResult = { ok: true; date: LocalDate } | { ok: false; reason: 'unrecognized' | 'future' };

/**
 * When the problem happened, from what the person wrote: « hier », « avant-hier », « le 3 novembre »,
 * « lundi passé », « 2026-11-03 », « 03/11/2026 » (English with lang 'en'). Relative to `now` in
 * Québec time whatever the server's time zone. A day and month without a year that would be in the
 * future mean the previous year (« le 3 décembre » said in November); any other future date is refused.
 */
export function parseIncidentDate(text: string, now: Date, lang: Lang, timeZone = QUEBEC_TIME_ZONE): IncidentDateResult {
  const wall = new TZDate(now.getTime(), timeZone);
  // chrono-node computes relative dates in the process's time zone: hand it the Québec wall-clock time as a local Date.
  const reference = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes());
  const today = isoDate(wall.getFullYear(), wall.getMonth() + 1, wall.getDate());
  const parser = lang === 'en' ? chrono.en : chrono.fr;
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
  return { ok: true, date };
}

/** Québec expressions chrono-node's French parser does not know. */
function normalizeFrench(text: string): string {
  return text
    .replace(/(?<!\p{L})avant[\s\u2010\u2011-]*hier(?!\p{L})/giu, 'il y a 2 jours')
    .replace(/(?<!\p{L})(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+pass[ée]e?(?!\p{L})/giu, '$1 dernier');
}

function isoDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
