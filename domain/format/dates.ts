import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { enCA } from 'date-fns/locale/en-CA';
import { frCA } from 'date-fns/locale/fr-CA';
import type { Lang } from '../i18n';

export const QUEBEC_TIME_ZONE = 'America/Toronto';

function local(instant: Date, timeZone: string): TZDate {
  return new TZDate(instant.getTime(), timeZone);
}

const MAX_REMEMBERED = 2000;
const remembered = new Map<string, string>();

/**
 * A date or time as formatted before: the time-zone conversion and date-fns' format cost more than the
 * rest of an hours answer's text, and the same few days and times (today's closing, tomorrow's
 * opening, the next holiday) come back in answer after answer.
 */
function once(kind: string, instant: Date, lang: Lang, timeZone: string, compute: () => string): string {
  const key = `${kind}|${lang}|${timeZone}|${instant.getTime()}`;
  let text = remembered.get(key);
  if (text === undefined) {
    text = compute();
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(key, text);
  }
  return text;
}

/** « lundi 30 novembre 2026 », « mardi 1er décembre 2026 » / “Monday, November 30, 2026”. */
export function formatLongDate(instant: Date, lang: Lang, timeZone = QUEBEC_TIME_ZONE): string {
  return once('long', instant, lang, timeZone, () => {
    const d = local(instant, timeZone);
    if (lang === 'en') return format(d, 'EEEE, MMMM d, yyyy', { locale: enCA });
    const day = d.getDate() === 1 ? '1er' : String(d.getDate());
    return `${format(d, 'EEEE', { locale: frCA })} ${day} ${format(d, 'MMMM yyyy', { locale: frCA })}`;
  });
}

/** The day of week alone: « mardi » / “Tuesday”. */
export function formatWeekday(instant: Date, lang: Lang, timeZone = QUEBEC_TIME_ZONE): string {
  return once('weekday', instant, lang, timeZone, () => format(local(instant, timeZone), 'EEEE', { locale: lang === 'en' ? enCA : frCA }));
}

/** No-break space: a French time (« 8 h 30 ») or number and its unit never break across lines. */
export const NBSP = '\u00a0';

/** « 8 h 30 », « 13 h » (Québec typography, no-break spaces around « h ») / “8:30 a.m.”, “1:00 p.m.”. */
export function formatTimeOfDay(instant: Date, lang: Lang, timeZone = QUEBEC_TIME_ZONE): string {
  return once('time', instant, lang, timeZone, () => {
    const d = local(instant, timeZone);
    if (lang === 'en') return format(d, 'h:mm aaaa', { locale: enCA });
    return frenchTime(d.getHours(), d.getMinutes());
  });
}

/** "HH:mm" from data files, formatted like formatTimeOfDay. */
export function formatClockTime(hhmm: string, lang: Lang): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (lang === 'en') {
    const suffix = h < 12 ? 'a.m.' : 'p.m.';
    return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${suffix}`;
  }
  return frenchTime(h, m);
}

/** « 13 h », « 8 h 30 » with no-break spaces. */
function frenchTime(hours: number, minutes: number): string {
  return minutes === 0 ? `${hours}${NBSP}h` : `${hours}${NBSP}h${NBSP}${String(minutes).padStart(2, '0')}`;
}

/** ISO 8601 with the Québec offset, e.g. 2026-11-30T09:15:00-05:00, for exports. */
export function formatIsoLocal(instant: Date, timeZone = QUEBEC_TIME_ZONE): string {
  return format(local(instant, timeZone), "yyyy-MM-dd'T'HH:mm:ssxxx");
}

