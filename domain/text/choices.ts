import { editDistance, foldText } from '../format/textFolding';
import { LANGS, translator } from '../i18n';
import { rememberLast } from './rememberLast';

/**
 * Whether a person's text is a button's title, a skip word, a yes or a no, or only filler: one
 * normalizer (foldChoice) and the matchers built on it. The words are in locales/<lang>/choices.json,
 * both languages at once (a French conversation may answer « yes », an English one « passer »).
 */

/** The lists of locales/<lang>/choices.json. */
export type ChoiceList = 'yes' | 'no' | 'filler' | 'skip' | 'notNow' | 'hesitation' | 'cancel' | 'continue';

let spellings: Map<string, string> | undefined;

function chatSpellings(): Map<string, string> {
  spellings ??= new Map(
    LANGS.flatMap((lang) => Object.entries(translator(lang)('choices:spellings', { returnObjects: true, defaultValue: {} }) as Record<string, string>)).map(
      ([word, spelled]) => [foldText(word), foldText(spelled)],
    ),
  );
  return spellings;
}

/**
 * The one normalizer: lower case, no accents, apostrophes and punctuation as single spaces, chat
 * spellings written out. « J'sais pas, OKAY! » → "j sais pas ok", « jsp » → "je sais pas". The last text
 * is remembered: the yes and no of « utile ? », commands, the upset words… each fold the same message.
 */
export const foldChoice: (text: string) => string = rememberLast(foldChoiceAnew);

function foldChoiceAnew(text: string): string {
  const folded = foldText(text);
  if (!folded) return '';
  const words = chatSpellings();
  return folded
    .split(' ')
    .map((word) => words.get(word) ?? word)
    .join(' ');
}

/** The folded words of a text: « J'ai appelé au Téléphone! » → ['j', 'ai', 'appele', 'au', 'telephone']. */
export function choiceWords(text: string): string[] {
  const folded = foldChoice(text);
  return folded ? folded.split(' ') : [];
}

/** What two texts are compared by: the folded text, or the text as typed when nothing is left of it (« ? »). */
export function choiceKey(text: string): string {
  return foldChoice(text) || text.trim();
}

/** Whether the whole text is one of the words (titles, synonyms), once both are folded. */
export function isOneOf(text: string, words: readonly string[]): boolean {
  const key = choiceKey(text);
  return key !== '' && words.some((word) => wordKey(word) === key);
}

/** The keys of button titles and list words, which come from the locales: kept, so the text's fold stays the last one. */
const wordKeys = new Map<string, string>();
const MAX_WORD_KEYS = 5000;

function wordKey(word: string): string {
  let key = wordKeys.get(word);
  if (key === undefined) {
    key = foldChoiceAnew(word) || word.trim();
    if (wordKeys.size >= MAX_WORD_KEYS) wordKeys.clear();
    wordKeys.set(word, key);
  }
  return key;
}

const lists = new Map<ChoiceList, string[]>();

/** A list of locales/<lang>/choices.json, both languages, folded. */
export function choiceList(list: ChoiceList): readonly string[] {
  let words = lists.get(list);
  if (!words) {
    words = [...new Set(LANGS.flatMap((lang) => translator(lang)(`choices:${list}`, { returnObjects: true, defaultValue: [] }) as string[]).map(choiceKey))];
    lists.set(list, words);
  }
  return words;
}

const listKeys = new Map<ChoiceList, Set<string>>();

/** isOneOf(text, choiceList(list)), with the list's keys computed once instead of on every call. */
function isInList(text: string, list: ChoiceList): boolean {
  let keys = listKeys.get(list);
  if (!keys) listKeys.set(list, (keys = new Set(choiceList(list).map(choiceKey))));
  const key = choiceKey(text);
  return key !== '' && keys.has(key);
}

/** « oui », « ouais », “yep”. */
export function isYes(text: string): boolean {
  return isInList(text, 'yes');
}

/** « non », « nan », “nope”. */
export function isNo(text: string): boolean {
  return isInList(text, 'no');
}

/** « passer », « je sais pas », « jsp », “skip”, “I don't know”: the question is left unanswered. */
export function isSkip(text: string): boolean {
  return isInList(text, 'skip');
}

let fillerWords: Set<string> | undefined;

/**
 * « oui », « non », « ok », « d'accord », « ben oui »: an answer made only of yes/no and filler words,
 * which cannot be the name or number of something asked (an exam, a reference).
 */
export function isYesNoOrFiller(text: string): boolean {
  fillerWords ??= new Set((['yes', 'no', 'filler'] as const).flatMap((list) => choiceList(list).flatMap((phrase) => phrase.split(' '))));
  const words = choiceWords(text);
  return words.length > 0 && words.length <= 4 && words.every((word) => fillerWords!.has(word));
}

function startsWith(words: string[], phrase: string): boolean {
  const expected = phrase.split(' ');
  return expected.length <= words.length && expected.every((word, i) => words[i] === word);
}

/**
 * The yes or the no a reply starts with, after a hesitation: « ben oui », « non, il est terminé »,
 * « pas encore », “Yes, right now”. Undefined when it starts with neither.
 */
export function leadingYesNo(text: string): boolean | undefined {
  const all = choiceWords(text);
  const words = all.length > 0 && choiceList('hesitation').includes(all[0]) ? all.slice(1) : all;
  if (words.length === 0) return undefined;
  if ([...choiceList('no'), ...choiceList('notNow')].some((phrase) => startsWith(words, phrase))) return false;
  if (choiceList('yes').some((phrase) => startsWith(words, phrase))) return true;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Phrases within a longer text (the complaint form's free-text answers)

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}

/**
 * How many typos a phrase's word tolerates, by its length: by default one from 5 letters, two from 8.
 * Word lists whose short words sit one letter from everyday ones (« fâché » and « face », « tanné » and
 * « tante ») ask for fewer.
 */
export interface TypoTolerance {
  oneFrom: number;
  twoFrom: number;
}

const DEFAULT_TOLERANCE: TypoTolerance = { oneFrom: 5, twoFrom: 8 };

/**
 * A folded word against a phrase's word: a final « s » ignored, typos tolerated by `tolerance`; a word
 * ending with `*` matches as a prefix.
 */
export function wordMatches(token: string, word: string, tolerance: TypoTolerance = DEFAULT_TOLERANCE): boolean {
  if (word.endsWith('*')) {
    const stem = word.slice(0, -1);
    return token.startsWith(stem) || (stem.length >= 5 && token.length >= stem.length && editDistance(token.slice(0, stem.length), stem) <= 1);
  }
  // Equal or a typo or two apart, a word and the token start with the same letter: most pairs end here, unsliced.
  if (token[0] !== word[0]) return false;
  const [a, b] = [singular(token), singular(word)];
  if (a === b) return true;
  const allowed = b.length >= tolerance.twoFrom ? 2 : b.length >= tolerance.oneFrom ? 1 : 0;
  return allowed > 0 && Math.abs(a.length - b.length) <= allowed && editDistance(a, b) <= allowed;
}

/** Folded phrases, kept: the same locale lists are read on every message (the anger words on every answer). */
const foldedPhrases = new Map<string, readonly string[]>();
const MAX_FOLDED_PHRASES = 5000;

/** A phrase from a locale file, folded the same way as the text, keeping a final `*`. */
function foldPhrase(phrase: string): readonly string[] {
  let words = foldedPhrases.get(phrase);
  if (words) return words;
  const prefix = phrase.trim().endsWith('*');
  const folded = choiceWords(phrase);
  if (prefix && folded.length > 0) folded[folded.length - 1] += '*';
  if (foldedPhrases.size >= MAX_FOLDED_PHRASES) foldedPhrases.clear();
  foldedPhrases.set(phrase, (words = folded));
  return words;
}

/** Whether the phrase's words appear one after the other in the words of a text (choiceWords). */
export function containsPhrase(words: readonly string[], phrase: string, tolerance: TypoTolerance = DEFAULT_TOLERANCE): boolean {
  const expected = foldPhrase(phrase);
  if (expected.length === 0) return false;
  // Plain loops: this runs for every phrase of a list, and a callback per start allocates.
  for (let i = 0; i + expected.length <= words.length; i += 1) if (matchesAt(words, i, expected, tolerance)) return true;
  return false;
}

/** Whether a phrase's folded words follow one another in a text's words from `start` on. */
function matchesAt(words: readonly string[], start: number, expected: readonly string[], tolerance: TypoTolerance): boolean {
  if (start + expected.length > words.length) return false;
  for (let j = 0; j < expected.length; j += 1) if (!wordMatches(words[start + j], expected[j], tolerance)) return false;
  return true;
}

/**
 * A list of phrases looked for in a text's words (containsPhrase for each, same answers), indexed by
 * their first word: at each word of the text, only the phrases that can start there are tried. A first
 * word too short for a typo (wordMatches) can only match its own singular; a longer one, a word with its
 * first letter. The anger words run on every message, 166 phrases against every word of it.
 */
export class PhraseSet {
  private readonly bySingular = new Map<string, Array<readonly string[]>>();
  private readonly byInitial = new Map<string, Array<readonly string[]>>();
  /** Phrases starting with a prefix (`*`), which a typo in the first letter may still match. */
  private readonly anyInitial: Array<readonly string[]> = [];

  constructor(
    phrases: readonly string[],
    private readonly tolerance: TypoTolerance = DEFAULT_TOLERANCE,
  ) {
    for (const phrase of phrases) {
      const words = foldPhrase(phrase);
      if (words.length === 0) continue;
      const first = words[0];
      if (first.endsWith('*')) this.anyInitial.push(words);
      else if (singular(first).length < Math.min(tolerance.oneFrom, tolerance.twoFrom)) addTo(this.bySingular, singular(first), words);
      else addTo(this.byInitial, first[0], words);
    }
  }

  /** Whether one of the phrases appears in `words` (choiceWords of a text). */
  foundIn(words: readonly string[]): boolean {
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i];
      if (
        this.startsAt(words, i, this.bySingular.get(singular(word))) ||
        this.startsAt(words, i, this.byInitial.get(word[0])) ||
        this.startsAt(words, i, this.anyInitial)
      )
        return true;
    }
    return false;
  }

  private startsAt(words: readonly string[], start: number, phrases: ReadonlyArray<readonly string[]> | undefined): boolean {
    if (!phrases) return false;
    for (const expected of phrases) if (matchesAt(words, start, expected, this.tolerance)) return true;
    return false;
  }
}

function addTo(index: Map<string, Array<readonly string[]>>, key: string, phrase: readonly string[]): void {
  const list = index.get(key);
  if (list) list.push(phrase);
  else index.set(key, [phrase]);
}

/**
 * The key whose phrases match the text best: the longest matching phrase wins (« l'examen en ligne »
 * beats « en ligne »); undefined when nothing matches or two keys tie.
 */
export function bestMatch<K extends string>(text: string, phrases: ReadonlyArray<readonly [K, readonly string[]]>): K | undefined {
  const words = choiceWords(text);
  let best: { key: K; length: number } | undefined;
  let tie = false;
  for (const [key, list] of phrases) {
    for (const phrase of list) {
      if (!containsPhrase(words, phrase)) continue;
      const length = choiceWords(phrase).length;
      if (!best || length > best.length) {
        best = { key, length };
        tie = false;
      } else if (length === best.length && key !== best.key) tie = true;
    }
  }
  return best && !tie ? best.key : undefined;
}
