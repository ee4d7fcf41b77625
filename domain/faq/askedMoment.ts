import type { ParsedResult } from 'chrono-node';
import { englishDates, frenchDates } from '../calendar/dateParsers';
import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import { withoutAccents } from '../format/textFolding';
import type { Lang } from '../i18n';
import { rememberLast } from '../text/rememberLast';

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

/** Lower case, no accents, typographic apostrophes as plain ones, spaces collapsed (the last text remembered: every check of a turn folds the message). */
export const foldText: (text: string) => string = rememberLast((text) =>
  withoutAccents(text)
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim(),
);

const NOW = /(?<![\p{L}])(maintenant|en ce moment|presentement|actuellement|right now|now|at the moment|currently)(?![\p{L}])/u;
/** Québec French « là » for « now », at the end of a question about calling or opening: « je peux appeler là? », « êtes-vous ouverts là? ». */
const NOW_THERE = /(?<![\p{L}])(appeler|appelle|joindre|rejoindre|telephoner|parler|ouvert|ouverts|ouverte|ouvertes|ferme|fermes|fermee|fermees)\s+la\s*[?!.]*$/u;

function asksNow(folded: string): boolean {
  return NOW.test(folded) || NOW_THERE.test(folded);
}
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

const MONTH_NAME =
  /(?<![\p{L}])(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?![\p{L}])/u;
/**
 * A day of the month named alone, after an article: « le 2 », « pis le 15? », « le 1er à 9 h », “the 15th”,
 * “on the 2nd”. The number ends the phrase or is followed by a time (« à 9 h », “at 10”), never by a
 * month, an hour mark, another number or a word (« le 2 décembre », « le 9 h », « le 15 mars » are chrono-node's).
 */
const BARE_DAY = /(?<![\p{L}\d])(?:le|the)\s+(\d{1,2})(?:er|e|st|nd|rd|th)?(?=\s*(?:[?!.,;]|$|(?:a|vers|at|around)\s+\d))(?!\s*(?:h|:|\/|-)\s*\d)/u;
/** « lundi prochain », « la semaine prochaine », “next Monday”: a weekday that is not today's. */
const NEXT_WEEK = /(?<![\p{L}])(prochain|prochaine|suivant|suivante|next|following)(?![\p{L}])/u;

/** What people call the holidays besides the calendar's own names (folded: no accents, no apostrophes). */
const HOLIDAY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'jour-de-l-an': ['jour de l an', 'premier de l an', 'nouvel an', 'new year', 'new year s day', 'new years day'],
  'lendemain-du-jour-de-l-an': ['lendemain du jour de l an', 'lendemain du nouvel an'],
  'vendredi-saint': ['vendredi saint', 'good friday'],
  'lundi-de-paques': ['lundi de paques', 'easter monday'],
  'journee-nationale-des-patriotes': ['journee des patriotes', 'fete des patriotes', 'patriotes', 'fete de la reine', 'victoria day'],
  'fete-nationale': ['fete nationale', 'saint jean', 'st jean', 'saint jean baptiste', 'st jean baptiste'],
  'fete-du-canada': ['fete du canada', 'canada day', 'fete du dominion'],
  'fete-du-travail': ['fete du travail', 'labour day', 'labor day'],
  'action-de-graces': ['action de grace', 'action de graces', 'thanksgiving'],
  'veille-de-noel': ['veille de noel', 'reveillon de noel', 'christmas eve'],
  noel: ['noel', 'jour de noel', 'christmas', 'christmas day', 'xmas'],
  'lendemain-de-noel': ['lendemain de noel', 'boxing day'],
  'veille-du-jour-de-l-an': ['veille du jour de l an', 'veille du nouvel an', 'reveillon du jour de l an', 'new year s eve', 'new years eve'],
};

function plainWords(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A holiday named in the message (« à Noël », « la Saint-Jean », “on Boxing Day”): the phrase found and
 * the next day off it gives, today included (the observed day, when a weekend moves it).
 */
export function holidayMentioned(text: string, today: LocalDate, calendar: BusinessCalendar): { phrase: string; date: LocalDate } | undefined {
  return holidaysMentioned(text, today, calendar)[0];
}

/**
 * Every holiday the message names, in the order it names them (« à Noël et au jour de l'An »), each with
 * the phrase found and its next day off; a longer name hides the shorter one inside it (« veille de Noël »
 * is not also « Noël »).
 */
export function holidaysMentioned(text: string, today: LocalDate, calendar: BusinessCalendar): Array<{ phrase: string; date: LocalDate }> {
  let padded = ` ${plainWords(text)} `;
  const found: Array<{ phrase: string; id: string; at: number }> = [];
  for (const p of holidayPhrases(calendar)) {
    const at = padded.indexOf(p.padded);
    if (at < 0) continue;
    padded = `${padded.slice(0, at + 1)}${'#'.repeat(p.phrase.length)}${padded.slice(at + 1 + p.phrase.length)}`;
    if (!found.some((f) => f.id === p.id)) found.push({ phrase: p.phrase, id: p.id, at });
  }
  if (!found.length) return [];
  const year = Number(today.slice(0, 4));
  const upcoming = [...calendar.holidaysIn(year), ...calendar.holidaysIn(year + 1)];
  return found
    .sort((a, b) => a.at - b.at)
    .flatMap((f) => {
      const next = upcoming.find((h) => h.id === f.id && h.date >= today);
      return next ? [{ phrase: f.phrase, date: next.date }] : [];
    });
}

/** « pendant les fêtes », « le temps des fêtes », “over the holidays”: the holiday season, not one day. */
const HOLIDAY_SEASON =
  /(?<![\p{L}])(?:(?:temps|periode|conges?|vacances) des fetes|(?:pendant|durant|entre) les fetes|aux fetes|holiday season|christmas (?:holidays|break|season)|(?:over|during) the holidays|between christmas and new year'?s?)(?![\p{L}])/u;

/** The holidays of the calendar that make up the holiday season (Christmas Eve to the day after New Year's Day). */
const SEASON_HOLIDAYS = new Set(['veille-de-noel', 'noel', 'lendemain-de-noel', 'veille-du-jour-de-l-an', 'jour-de-l-an', 'lendemain-du-jour-de-l-an']);

/** Whether the message asks about the holiday season as a whole (« êtes-vous ouverts pendant les fêtes? »). */
export function asksAboutHolidaySeason(text: string): boolean {
  return HOLIDAY_SEASON.test(foldText(text));
}

/**
 * The current or next holiday season, from the calendar: its holidays (observed dates, in order) and the
 * business days between the first and the last.
 */
export function holidaySeason(today: LocalDate, calendar: BusinessCalendar): { holidays: Array<{ date: LocalDate; name: { fr: string; en: string } }>; openDays: LocalDate[] } {
  const year = Number(today.slice(0, 4));
  for (const start of [year - 1, year]) {
    const holidays = [...calendar.holidaysIn(start), ...calendar.holidaysIn(start + 1)].filter(
      (h) => SEASON_HOLIDAYS.has(h.id) && h.date >= `${start}-12-01` && h.date <= `${start + 1}-01-31`,
    );
    if (!holidays.length || holidays[holidays.length - 1].date < today) continue;
    const openDays: LocalDate[] = [];
    for (let day = holidays[0].date; day < holidays[holidays.length - 1].date; day = calendar.addCalendarDays(day, 1)) {
      if (calendar.isBusinessDay(day)) openDays.push(day);
    }
    return { holidays, openDays };
  }
  return { holidays: [], openDays: [] };
}

type HolidayPhrase = { phrase: string; id: string; padded: string };

const phrasesByCalendar = new WeakMap<BusinessCalendar, HolidayPhrase[]>();

/**
 * Every name of every holiday of the calendar, folded, longest first (« veille de noel » before « noel »),
 * with the spaces around it that make it a whole-word match; built once per calendar.
 */
function holidayPhrases(calendar: BusinessCalendar): HolidayPhrase[] {
  let phrases = phrasesByCalendar.get(calendar);
  if (!phrases) {
    phrases = calendar
      .holidayNames()
      .flatMap((h) =>
        [h.name.fr, h.name.en, ...(HOLIDAY_ALIASES[h.id] ?? [])].map((name) => {
          const phrase = plainWords(name);
          return { phrase, id: h.id, padded: ` ${phrase} ` };
        }),
      )
      .sort((a, b) => b.phrase.length - a.phrase.length);
    phrasesByCalendar.set(calendar, phrases);
  }
  return phrases;
}

/**
 * The moment a message names, in the calendar's time zone whatever the server's, or undefined.
 * Dates without a year are the next ones (« le 2 janvier » said in November is next January); a day of
 * the month alone (« pis le 2? ») is the next such day from today, today included, skipping the months
 * too short for it (« le 31 » said in November is December 31). A weekday alone named on that weekday
 * (« lundi? » asked on a Monday) is today, whatever the hour (the answer says when the Centre is already
 * closed for the day); « lundi prochain », or « lundi à 9 h » once 9 h has passed, is next week's.
 */
export function parseAskedMoment(text: string, now: Date, lang: Lang, calendar: BusinessCalendar): AskedMoment | undefined {
  const folded = foldText(text);
  if (WEEKEND.test(folded)) return { kind: 'weekend' };
  const wall = calendar.wallClockOf(now);
  // chrono-node computes in the process's time zone: hand it the Québec wall-clock time as a local Date.
  const reference = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The first result that `wanted` accepts, French first: English is parsed only when French has none.
  const chronoFind = (input: string, wanted: (result: ParsedResult) => boolean) =>
    (lang === 'en' ? undefined : frenchDates.parse(chronoFrench(input), reference, { forwardDate: true }).find(wanted)) ??
    englishDates.parse(input, reference, { forwardDate: true }).find(wanted);
  const today = calendar.localDateOf(now);
  const holiday = holidayMentioned(text, today, calendar);
  if (holiday) return { kind: 'day', date: holiday.date };
  const bare = MONTH_NAME.test(folded) ? undefined : BARE_DAY.exec(folded);
  if (bare) {
    const date = nextDayOfMonth(Number(bare[1]), today);
    if (date) {
      // The time asked, if any (« le 2 à 9 h »), read without the day.
      const timed = chronoFind(folded.replace(bare[0], ' '), (r) => r.start.isCertain('hour'));
      const time = timed ? { hour: timed.start.get('hour') ?? 0, minute: timed.start.get('minute') ?? 0 } : undefined;
      return { kind: 'day', date, time };
    }
  }
  const result = chronoFind(text, (r) => r.start.isCertain('day') || r.start.isCertain('weekday') || r.start.isCertain('hour'));
  // « maintenant » alone (chrono-node reads it as today at this minute) is the present moment.
  if (!result || (NOW.test(folded) && NOW.test(foldText(result.text)) && !/\d/.test(result.text))) return asksNow(folded) ? { kind: 'now' } : undefined;
  const start = result.start;
  let date = isoDate(start.get('year') ?? wall.year, start.get('month') ?? 1, start.get('day') ?? 1);
  const time = start.isCertain('hour') ? { hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 } : undefined;
  if (start.isCertain('weekday') && !start.isCertain('day')) {
    const weekday = calendar.weekdayOf(date);
    // chrono-node moves « lundi » said on a Monday afternoon to next week (it implies noon): today it is.
    // With a time (« lundi à 9 h » said at 10 h), chrono-node's next such moment stands.
    if (!time && weekday === calendar.weekdayOf(today) && !NEXT_WEEK.test(folded)) date = today;
    return { kind: 'weekday', weekday, date, time };
  }
  return { kind: 'day', date, time };
}

/** The first date on or after `from` whose day of the month is `day` (1 to 31), or undefined for another number. */
export function nextDayOfMonth(day: number, from: LocalDate): LocalDate | undefined {
  if (!Number.isInteger(day) || day < 1 || day > 31) return undefined;
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (let i = 0; i < 13; i += 1) {
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const candidate = isoDate(year, month, day);
    if (day <= daysInMonth && candidate >= from) return candidate;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return undefined;
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
  // Asked indirectly: « je veux savoir si vous êtes ouverts… », « je me demande s'il y a quelqu'un… », “I'd like to know if you're open…”.
  /(?<![\p{L}])(savoir|demande|demandais|demander|verifier|confirmer|wonder|wondering|know|check|ask|asking) (si(?![\p{L}])|s'|if(?![\p{L}])|whether(?![\p{L}]))/u,
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
    // « pas vraiment, je voulais savoir pour le samedi », “no, I meant Saturday”: setting the earlier answer aside.
    'non', 'pas', 'vraiment', 'plutot', 'mais', 'juste', 'je', 'j', 'voulais', 'veux', 'voudrais', 'savoir', 'parlais',
    'no', 'not', 'really', 'actually', 'but', 'just', 'i', 'meant', 'mean', 'wanted', 'to', 'know', 'for',
  ],
);

/**
 * A short message that only names a day or a date, with an optional « et », « pis », « puis », “and”,
 * “what about”: « pis le samedi? », « et demain? », « le 2 janvier? », “and Sunday?”. Used after an
 * hours answer, to answer about that day.
 */
export function isDayFollowUp(text: string, now: Date, lang: Lang, calendar: BusinessCalendar): AskedMoment | undefined {
  const rest = wordsBesidesTheDay(text, now, calendar, 8)?.filter((w) => !isAmong(w, FOLLOW_UP_FILLERS));
  // Only a message of day words and fillers is read by chrono-node (the costly part), not every message after an hours answer.
  return rest?.length === 0 ? parseAskedMoment(text, now, lang, calendar) : undefined;
}

/** Besides a day: the words of a question whether someone is open (« Êtes-vous ouverts…? », “Is anyone there…?”). */
const OPENING_WORDS = new Set(
  [
    'ouvert', 'ouverts', 'ouverte', 'ouvertes', 'ouvre', 'ouvrez', 'ouvrir', 'ferme', 'fermes', 'fermee', 'fermees', 'fermez', 'fermer',
    'est', 'ce', 'que', 'qu', 'vous', 'etes', 'tu', 'ti', 'y', 'ya', 'il', 'aura', 'avez', 'sera', 'serez', 'seriez', 'etre', 'encore', 'toujours',
    'je', 'j', 'on', 'peux', 'peut', 'pouvez', 'appeler', 'joindre', 'rejoindre', 'parler', 'quelqu', 'un', 'une',
    'centre', 'ca', 'dotation', 'bonjour', 'allo', 'salut', 'svp', 'merci',
    'open', 'opened', 'closed', 'close', 'are', 'is', 'it', 'you', 'your', 'will', 'be', 'still', 'there', 'anyone', 'someone', 'anybody', 'somebody',
    'can', 'i', 'we', 'call', 'reach', 'talk', 'speak', 'to', 'do', 'does', 'guys', 'center', 'office', 'hi', 'hello', 'please', 'thanks',
  ],
);

/**
 * Whether a question about opening says nothing but that and a day (« Ouvert le 24 décembre? », “Open on
 * Canada Day?”, « Je peux appeler samedi? »): it asks about the Centre. « La SAQ est-elle ouverte le 1er
 * janvier? » or “Is the Champlain Bridge closed tonight?” name someone else.
 */
export function asksOnlyWhetherOpen(text: string, now: Date, calendar: BusinessCalendar): boolean {
  const rest = wordsBesidesTheDay(text, now, calendar, 12)?.filter((w) => !isAmong(w, FOLLOW_UP_FILLERS) && !isAmong(w, OPENING_WORDS));
  return rest?.length === 0 && asksOpenOrClosed(text);
}

/** Besides the opening words: asking at what time (« à quelle heure », « jusqu'à quand », “what time”, “how late”). */
const AT_WHAT_TIME = new Set(['quelle', 'quel', 'heure', 'heures', 'jusqu', 'quand', 'toe', 'toi', 'time', 'when', 'until', 'till', 'late', 'early', 'hours']);

/**
 * Whether a message asks nothing but when the Centre opens or closes (« tu fermes a quelle heure », “what time do
 * you open”): no day, no one else named. « la SAQ ferme à quelle heure » names someone else.
 */
export function asksOnlyWhenOpen(text: string): boolean {
  const words = foldText(text).replace(/[?!.,;:]+/g, ' ').split(/[\s']+/).filter(Boolean);
  if (words.length === 0 || words.length > 10 || !asksOpenOrClosed(text)) return false;
  return words.every((w) => isAmong(w, FOLLOW_UP_FILLERS) || isAmong(w, OPENING_WORDS) || AT_WHAT_TIME.has(w));
}

/** A word of the list, as it is or without the apostrophe an elision leaves on it (« j' », « qu' »). */
function isAmong(word: string, list: ReadonlySet<string>): boolean {
  return list.has(word) || list.has(word.replace(/'$/, ''));
}

/** The words of a message once its days, dates, times and holidays are taken out; undefined beyond `maxWords` words. */
function wordsBesidesTheDay(text: string, now: Date, calendar: BusinessCalendar, maxWords: number): string[] | undefined {
  const folded = foldText(text).replace(/[?!.,;:]+/g, ' ').trim();
  const words = folded.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > maxWords) return undefined;
  const holidays = holidaysMentioned(text, calendar.localDateOf(now), calendar);
  return (holidays.length ? holidays.reduce((rest, h) => rest.replace(` ${h.phrase} `, ' '), ` ${plainWords(text)} `) : folded)
    .replace(WEEKEND, ' ')
    .replace(NOW, ' ')
    .replace(/(?<![\p{L}])(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?![\p{L}])/gu, ' ')
    .replace(/(?<![\p{L}])(aujourd'hui|aujourd hui|demain|apres-demain|apres demain|today|tomorrow|tonight)(?![\p{L}])/gu, ' ')
    .replace(/(?<![\p{L}])(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?![\p{L}])/gu, ' ')
    .replace(/\d{1,2}\s*h\s*\d{0,2}|\d{1,2}:\d{2}|\d+(er|e|st|nd|rd|th)?|[ap]\.?m\.?|\bmidi\b|noon/g, ' ')
    .replace(/'/g, "' ")
    .split(/[\s/-]+/)
    .filter(Boolean);
}
