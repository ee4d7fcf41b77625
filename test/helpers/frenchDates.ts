/** Every French month and weekday name, from Intl rather than retyped: « décembre », « février », « août »… */
const monthName = (month: number) => new Intl.DateTimeFormat('fr-CA', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, month, 15));
// 2026-11-23 is a Monday.
const weekdayName = (offset: number) => new Intl.DateTimeFormat('fr-CA', { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 23 + offset));

export const FRENCH_MONTHS: readonly string[] = Array.from({ length: 12 }, (_, m) => monthName(m));
export const FRENCH_WEEKDAYS: readonly string[] = Array.from({ length: 7 }, (_, d) => weekdayName(d));

/** « mardi 1er décembre 2026 », « samedi 15 août 2026 »: what formatLongDate writes in French. */
export const FRENCH_LONG_DATE = new RegExp(`(?:${FRENCH_WEEKDAYS.join('|')}) (?:1er|[12]?\\d|3[01]) (?:${FRENCH_MONTHS.join('|')}) \\d{4}`, 'u');
