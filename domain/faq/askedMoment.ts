import { TZDate } from '@date-fns/tz';
import * as chrono from 'chrono-node';
import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import type { Lang } from '../i18n';

/** A wall-clock time asked about, e.g. « à 9 h » → { hour: 9, minute: 0 }. */
export interface AskedTime {
  hour: number;
  minute: number;
}

/**
 * The moment a question about the opening hours names:
 * - `weekday`: a day of the week alone (« samedi », “Sunday”), with its next occurrence;
 * - `day`: a precise day (« demain », « aujourd'hui », « le 24 décembre », « le 2 janvier »), maybe with a time;
 * - `weekend`: « la fin de semaine », “the weekend”;
 * - `now`: « maintenant », « en ce moment », “right now”.
 */
export type AskedMoment =
  | { kind: 'weekday'; weekday: number; date: LocalDate; time?: AskedTime }
  | { kind: 'day'; date: LocalDate; time?: AskedTime }
  | { kind: 'weekend' }
  | { kind: 'now' };

/** Lower case, no accents, typographic apostrophes as plain ones, spaces collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const NOW = /(?<![\p{L}])(maintenant|en ce moment|presentement|actuellement|right now|now|at the moment|currently)(?![\p{L}])/u;
const WEEKEND = /(?<![\p{L}])(fin de semaine|fins de semaine|week-?end|weekends)(?![\p{L}])/u;

/** « 9 h 30 » → « 9h30 », « midi » → « 12h »: forms chrono-node's French parser reads. */
function chronoFrench(text: string): string {
  return text
    .replace(/[’‘`´]/g, "'")
    .replace(/(\d{1,2})\s*h\s*(\d{2})(?!\d)/g, '$1h$2')
    .replace(/(\d{1,2})\s+h(?![\p{L}])/gu, '$1h')
    .replace(/(?<![\p{L}])midi(?![\p{L}])/gu, '12h')
    .replace(/(?<![\p{L}])pis(?![\p{L}])/gu, 'et');
}

/**
 * The moment a message names, in the calendar's time zone whatever the server's, or undefined.
 * Dates without a year are the next ones (« le 2 janvier » said in November is next January).
 */
export function parseAskedMoment(text: string, now: Date, lang: Lang, calendar: BusinessCalendar): AskedMoment | undefined {
  const folded = foldText(text);
  if (WEEKEND.test(folded)) return { kind: 'weekend' };
  const wall = new TZDate(now.getTime(), calendar.timeZone);
  // chrono-node computes in the process's time zone: hand it the Québec wall-clock time as a local Date.
  const reference = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes());
  const results = [...(lang === 'en' ? [] : chrono.fr.parse(chronoFrench(text), reference, { forwardDate: true })), ...chrono.en.parse(text, reference, { forwardDate: true })];
  const result = results.find((r) => r.start.isCertain('day') || r.start.isCertain('weekday') || r.start.isCertain('hour'));
  // « maintenant » alone (chrono-node reads it as today at this minute) is the present moment.
  if (!result || (NOW.test(folded) && NOW.test(foldText(result.text)) && !/\d/.test(result.text))) return NOW.test(folded) ? { kind: 'now' } : undefined;
  const start = result.start;
  const date = isoDate(start.get('year') ?? wall.getFullYear(), start.get('month') ?? 1, start.get('day') ?? 1);
  const time = start.isCertain('hour') ? { hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 } : undefined;
  if (start.isCertain('weekday') && !start.isCertain('day')) return { kind: 'weekday', weekday: calendar.weekdayOf(date), date, time };
  return { kind: 'day', date, time };
}

function isoDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A yes/no question about the opening: asked as « ouvert? » (open) or « fermé? » (closed). */
export interface YesNoQuestion {
  asksClosed: boolean;
}

const WH_FR = /(?<![\p{L}])(quand|quel|quelle|quels|quelles|comment|combien|pourquoi|qui|quoi|lequel|laquelle|jusqu'a quand)(?![\p{L}])/u;
const WH_EN = /(?<![\p{L}])(when|which|how(?! about)|why|where|who|what(?! about))(?![\p{L}])/u;
const MARKERS = [
  /(?<![\p{L}])est[- ]ce(?![\p{L}])/u,
  /-(vous|tu|t-il|t-elle|t-on|il|elle|on|ils|elles)(?![\p{L}])/u,
  /(?<![\p{L}])tu(?![\p{L}])/u,
  /(?<![\p{L}])(etes|ouvrez|fermez|travaillez|serez|seriez|serait|sera|pouvez|peut|peux|puis|avez|ouvre|ferme|est) (vous|il|on|elle|je)(?![\p{L}])/u,
  /^(are|is|do|does|will|would|can|could|was|were)(?![\p{L}])/u,
  /(?<![\p{L}])(are you|is it|is the cent(re|er)|do you|will you|can i call|could i call)(?![\p{L}])/u,
];
const OPEN_OR_CLOSED = /(?<![\p{L}])(ouvert|ouverts|ouverte|ouvertes|ouvre|ouvrez|ouvrir|ferme|fermes|fermee|fermees|fermez|fermer|quelqu'un|quelqu un|appeler|joindre|open|opened|closed|close|anyone|someone|call|reach)(?![\p{L}])/u;
const CLOSED = /(?<![\p{L}])(ferme|fermes|fermee|fermees|fermez|closed)(?![\p{L}])/u;
const OPEN = /(?<![\p{L}])(ouvert|ouverts|ouverte|ouvertes|ouvre|ouvrez|quelqu'un|quelqu un|appeler|joindre|open|anyone|someone|call|reach)(?![\p{L}])/u;

/**
 * Whether a message is a yes/no question (« Êtes-vous ouverts samedi? », « Est-ce ouvert le 24 décembre? »,
 * « vous êtes tu ouverts demain », « ya tu quelqu'un le samedi », “Are you open on Sunday?”), as opposed
 * to an open question (« À quelle heure ouvrez-vous? », “When do you open?”).
 */
export function yesNoQuestion(text: string): YesNoQuestion | undefined {
  const folded = foldText(text);
  if (!folded || WH_FR.test(folded) || WH_EN.test(folded) || /(?<![\p{L}])où(?![\p{L}])/iu.test(text)) return undefined;
  const marked = MARKERS.some((m) => m.test(folded));
  const questionMark = folded.endsWith('?') && OPEN_OR_CLOSED.test(folded);
  if (!marked && !questionMark) return undefined;
  return { asksClosed: CLOSED.test(folded) && !OPEN.test(folded) };
}

/** Whether the message asks whether the Centre is open or closed (not only « heures »). */
export function asksOpenOrClosed(text: string): boolean {
  return OPEN_OR_CLOSED.test(foldText(text));
}

const FOLLOW_UP_FILLERS = new Set(
  [
    'et', 'pis', 'puis', 'ben', 'bon', 'ok', 'alors', 'sinon', 'pour', 'le', 'la', 'les', "l'", 'ce', 'cette', 'prochain', 'prochaine',
    'a', 'au', 'de', 'du', 'matin', 'apres-midi', 'soir', 'c', "c'est",
    'and', 'what', 'how', 'about', 'then', 'the', 'on', 'at', 'this', 'next', 'in', 'morning', 'afternoon',
  ],
);

/**
 * A short message that only names a day or a date, with an optional « et », « pis », « puis », “and”,
 * “what about”: « pis le samedi? », « et demain? », « le 2 janvier? », “and Sunday?”. Used after an
 * hours answer, to answer about that day.
 */
export function isDayFollowUp(text: string, now: Date, lang: Lang, calendar: BusinessCalendar): AskedMoment | undefined {
  const folded = foldText(text).replace(/[?!.,;:]+/g, ' ').trim();
  const words = folded.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 8) return undefined;
  const moment = parseAskedMoment(text, now, lang, calendar);
  if (!moment) return undefined;
  const rest = folded
    .replace(WEEKEND, ' ')
    .replace(NOW, ' ')
    .replace(/(?<![\p{L}])(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?![\p{L}])/gu, ' ')
    .replace(/(?<![\p{L}])(aujourd'hui|aujourd hui|demain|apres-demain|apres demain|today|tomorrow|tonight)(?![\p{L}])/gu, ' ')
    .replace(/(?<![\p{L}])(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?![\p{L}])/gu, ' ')
    .replace(/\d{1,2}\s*h\s*\d{0,2}|\d{1,2}:\d{2}|\d+(er|e|st|nd|rd|th)?|[ap]\.?m\.?|\bmidi\b|noon/g, ' ')
    .replace(/'/g, "' ")
    .split(/[\s/-]+/)
    .filter(Boolean)
    .filter((w) => !FOLLOW_UP_FILLERS.has(w) && !FOLLOW_UP_FILLERS.has(w.replace(/'$/, '')));
  return rest.length === 0 ? moment : undefined;
}
