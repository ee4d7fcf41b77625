import { MaskingRule, regexSpans, Span, wordsAfter } from './rule';

/*
 * Dates of birth, street addresses and names are recognized only after a cue (« né le », a civic number
 * and a street type, « je m'appelle »): an ordinary date or a capitalised word alone stays readable.
 * Every cue has a bounded length and the words after it are read a bounded number at a time: linear time.
 */

const MONTHS =
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|' +
  'janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec|' +
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep';
const DATE = String.raw`(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?|(?:1er|\d{1,2})(?:st|nd|rd|th)?[ \t]{1,3}(?:${MONTHS})\.?(?:,?[ \t]{1,3}\d{4})?|(?:${MONTHS})\.?[ \t]{1,3}\d{1,2}(?:st|nd|rd|th)?(?:,?[ \t]{1,3}\d{4})?|\d{4})`;
const BIRTH_CUE = String.raw`(?:n[ée]e?s?(?:\(e\))?[ \t]{1,3}(?:le|en)|date[ \t]{1,3}de[ \t]{1,3}naissance|naissance|ddn|born[ \t]{1,3}(?:on|in)|date[ \t]{1,3}of[ \t]{1,3}birth|birth[ \t]?date|dob)`;
// « date de naissance : », « DDN », « né le », « date de naissance est le », « my date of birth is ».
const BIRTH_DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${BIRTH_CUE}[\s:,=-]{0,4}(?:(?:est|is|was)[ \t:]{1,3})?(?:(?:le|on|the)[ \t]{1,3})?(?<date>${DATE})(?![\p{L}\p{N}])`,
  'giu',
);

const STREET_TYPES =
  'rue|boulevard|boul|blvd|bd|avenue|av|ave|chemin|ch|route|rte|rang|place|côte|cote|montée|montee|croissant|impasse|' +
  'allée|allee|promenade|terrasse|carré|ruelle|street|st|road|rd|drive|dr|lane|way|crescent|court';
// A civic number (123, 123A, 12-345) then a street type: « 123, rue », « 4500 boul. », « 10 chemin ».
const STREET_START = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d{1,6}(?:-?[A-Za-z](?![\p{L}]))?(?:-\d{1,5})?,?[ \t]{1,3}(?:${STREET_TYPES})(?![\p{L}])\.?`,
  'giu',
);
const UNIT = /,?[ \t]{0,3}(?:appartement|app|appt|apt|unité|unit|suite|bureau|local|logement|#)\.?[ \t]{0,3}[\p{L}\p{N}-]{1,8}(?![\p{L}\p{N}])/iuy;
/** Words that end a street name or a name: what follows is the sentence, not the address or the name. */
const STOP_WORDS = new Set(
  'et|à|a|au|aux|pour|dans|je|j|mais|ou|avec|sur|vers|chez|car|pis|puis|qui|que|depuis|près|en|mon|ma|mes|votre|vos|vous|il|elle|on|nous|and|in|at|to|for|with|from|is|i|my|but|or|merci|bonjour|svp'.split(
    '|',
  ),
);
const PARTICLES = new Set('de|du|des|la|le|les|d|l|st|ste|saint|sainte|van|von|da|di|mc|mac'.split('|'));

const NAME_CUE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?<free>je[ \t]{1,3}m['’][ \t]?appelle|je[ \t]{1,3}me[ \t]{1,3}nomme|my[ \t]{1,3}name[ \t]{1,3}is|(?:nom|prénom|prenom|nom[ \t]complet|nom[ \t]de[ \t]famille|name|full[ \t]name|first[ \t]name|last[ \t]name)[ \t]{0,3}:)|(?<capitalised>mon[ \t]{1,3}nom[ \t]{1,3}(?:est|c['’]est)|sign[ée]e?|signed|cordialement|salutations|regards)[ \t]{0,3},?)\s{0,3}`,
  'giu',
);

export const birthDateRule: MaskingRule = {
  kind: 'birthDate',
  needsDigit: true,
  find: (text) =>
    regexSpans(text, BIRTH_DATE, (m) => {
      const end = m.index + m[0].length;
      return { start: end - m.groups!.date.length, end };
    }),
};

export const addressRule: MaskingRule = {
  kind: 'address',
  needsDigit: true,
  find: (text) =>
    regexSpans(text, STREET_START, (m) => {
      const start = m.index;
      const words = wordsAfter(text, start + m[0].length, 6);
      const kept = leadingWords(words, (w) => !STOP_WORDS.has(fold(w)));
      if (!kept.length) return undefined;
      UNIT.lastIndex = kept[kept.length - 1].end;
      const unit = UNIT.exec(text);
      return { start, end: unit ? UNIT.lastIndex : kept[kept.length - 1].end };
    }),
};

/**
 * After « je m'appelle », « my name is » or « Nom : », up to 4 words of any case (people type in lower
 * case); after « mon nom est », « signé » or « Cordialement, », up to 4 capitalised words.
 */
export const nameRule: MaskingRule = {
  kind: 'name',
  find: (text) =>
    regexSpans(text, NAME_CUE, (m): Span | undefined => {
      const free = m.groups!.free !== undefined;
      const words = wordsAfter(text, m.index + m[0].length, free ? 4 : 6);
      const kept = leadingWords(words, free ? (w) => !STOP_WORDS.has(fold(w)) : isCapitalisedName);
      return kept.length ? { start: kept[0].start, end: kept[kept.length - 1].end } : undefined;
    }),
};

/** The leading words that are part of the name; particles (de, la, van…) only between two of them. */
function leadingWords<W extends { word: string }>(words: W[], isPart: (word: string) => boolean): W[] {
  const kept: W[] = [];
  let pending: W[] = [];
  for (const w of words) {
    if (isPart(w.word)) {
      kept.push(...pending, w);
      pending = [];
    } else if (kept.length && PARTICLES.has(w.word.toLowerCase())) pending.push(w);
    else break;
  }
  return kept;
}

function isCapitalisedName(word: string): boolean {
  return !STOP_WORDS.has(fold(word)) && /^(?:[dl]['’])?\p{Lu}/u.test(word);
}

/** Lower case, without what follows an apostrophe: « J'ai » → « j ». */
function fold(word: string): string {
  return word.toLowerCase().replace(/['’].*$/, '');
}
